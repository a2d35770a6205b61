import Fastify, { type FastifyInstance } from "fastify";

export interface OrchestratorDeps {
  /** Answers when the platform database does. */
  pingDatabase(): Promise<unknown>;
  /** Answers when the queue's Redis does. */
  pingRedis(): Promise<unknown>;
  logLevel?: string;
}

/**
 * Builds the orchestrator's Fastify app without listening. For now it serves `/healthz`,
 * which reports each dependency; the tRPC API and the workers arrive with their issue.
 */
export function buildApp(deps: OrchestratorDeps): FastifyInstance {
  const app = Fastify({ logger: { level: deps.logLevel ?? "info" } });
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
