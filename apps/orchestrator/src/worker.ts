import { endConnectionsOnShutdown, runService } from "@winky/config";
import { migrate } from "@winky/db";
import { ensureBuilderImage } from "@winky/sandbox-images/ensure-images.mjs";
import Fastify from "fastify";
import { openWorkerStack } from "./queue/worker-stack.js";
import { loadWorkerConfig } from "./worker-env.js";

// A generation worker: takes runs from the queue and moves them (sandboxed checks on this
// machine's Docker engine). Run as many as the machine's cores and memory allow; each serves
// `/healthz` on its own port.
await runService("worker", async () => {
  const config = loadWorkerConfig();
  await migrate(config.DATABASE_URL);
  const builderImage = config.WINKY_BUILDER_IMAGE ?? (await ensureBuilderImage());
  const app = Fastify({ logger: { level: config.LOG_LEVEL } });
  endConnectionsOnShutdown(app);
  const stack = await openWorkerStack({
    config,
    builderImage,
    env: process.env,
    onError: (error, runId) => app.log.warn({ runId, err: error.message }, "run job error"),
  });
  app.get("/healthz", async (_request, reply) => {
    const running = stack.worker.worker.isRunning();
    return reply.code(running ? 200 : 503).send({
      status: running ? "ok" : "unavailable",
      service: "worker",
    });
  });
  app.log.info({ concurrency: config.WINKY_RUN_CONCURRENCY, builderImage }, "taking runs");
  return { app, host: config.HOST, port: config.PORT, onClose: () => stack.close() };
});
