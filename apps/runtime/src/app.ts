import Fastify, { type FastifyInstance } from "fastify";
import type pg from "pg";

export interface RuntimeDeps {
  /** The runtime's database; health checks ping it. */
  pool: Pick<pg.Pool, "query">;
  logLevel?: string;
}

/**
 * Builds the runtime's Fastify app from its dependencies without listening, so tests can
 * drive it with `app.inject()`. For now it serves only `/healthz`; the document, auth,
 * storage and functions routes arrive with their issues.
 */
export function buildApp(deps: RuntimeDeps): FastifyInstance {
  const app = Fastify({ logger: { level: deps.logLevel ?? "info" } });
  app.get("/healthz", async (_request, reply) => {
    try {
      await deps.pool.query("select 1");
      return { status: "ok", service: "runtime" };
    } catch {
      // The detail goes to the log; the probe only needs to know we are not ready.
      app.log.error("health check: database unreachable");
      return reply.code(503).send({ status: "unavailable", service: "runtime" });
    }
  });
  return app;
}
