import { endConnectionsOnShutdown } from "@winky/config";
import Fastify, { type FastifyInstance } from "fastify";
import { registerApi, type ApiDeps } from "./api/index.js";

export interface OrchestratorDeps {
  /** Answers when the platform database does. */
  pingDatabase(): Promise<unknown>;
  /** Answers when the queue's Redis does. */
  pingRedis(): Promise<unknown>;
  logLevel?: string;
  /** Serves the tRPC API under `/trpc` when given (the database and the run operations). */
  api?: ApiDeps;
}

/**
 * Builds the orchestrator's Fastify app without listening: `/healthz`, which reports each
 * dependency, and the tRPC API under `/trpc` when `deps.api` is given.
 */
export function buildApp(deps: OrchestratorDeps): FastifyInstance {
  const app = Fastify({
    logger: { level: deps.logLevel ?? "info" },
    // A Firebase project folder sent for its report (imports.firebaseReport) is up to 8 MiB,
    // a third more in base64, plus up to 5,000 paths; every other call stays far below.
    bodyLimit: 14 * 1024 * 1024,
    // tRPC batches name every procedure of the batch in the path (`runs.list,apps.list`).
    routerOptions: { maxParamLength: 5_000 },
  });
  endConnectionsOnShutdown(app);
  if (deps.api) registerApi(app, deps.api);
  app.get("/healthz", async (_request, reply) => {
    const [database, redis] = await Promise.all([
      settle(deps.pingDatabase()),
      settle(deps.pingRedis()),
    ]);
    const ok = database && redis;
    if (!ok) app.log.error({ database, redis }, "health check failed");
    return reply.code(ok ? 200 : 503).send({
      status: ok ? "ok" : "unavailable",
      service: "orchestrator",
      checks: { database: database ? "ok" : "down", redis: redis ? "ok" : "down" },
    });
  });
  return app;
}

function settle(promise: Promise<unknown>): Promise<boolean> {
  return promise.then(
    () => true,
    () => false,
  );
}
