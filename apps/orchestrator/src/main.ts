import { AdminClient } from "@winky/admin-client";
import { runService } from "@winky/config";
import { migrate } from "@winky/db";
import { llmConfigFrom } from "@winky/llm";
import { Redis } from "ioredis";
import pg from "pg";
import { ApiTokenAuthenticator } from "./api/auth/api-token-authenticator.js";
import { RuntimeSessionAuthenticator } from "./api/auth/runtime-session-authenticator.js";
import { buildApp } from "./app.js";
import { loadOrchestratorConfig } from "./env.js";
import { waitForBuilderImage } from "./queue/builder-image.js";
import { QueuedRunControl } from "./queue/queued-run-control.js";
import { openWorkerStack } from "./queue/worker-stack.js";
import { RegressionScheduler } from "./regression/index.js";
import { createRunReader } from "./runs/offline-run-service.js";
import { PostgresRunLog } from "./runs/run-log.js";
import { loadWorkerConfig } from "./worker-env.js";

await runService("orchestrator", async () => {
  const config = loadOrchestratorConfig();
  // In-process workers are configured (and refused) at boot, like everything else.
  const workers =
    config.WINKY_ADMIN_KEY && config.WINKY_RUN_CONCURRENCY > 0
      ? loadWorkerConfig({ ...process.env, PORT: "0" })
      : undefined;
  const llm = llmConfigFrom(process.env);
  // The platform schema is brought up to date before anything serves (idempotent, and safe
  // when several orchestrators boot at once).
  const migration = await migrate(config.DATABASE_URL);
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  const queueRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = config.WINKY_QUEUE_PREFIX;
  const runs = new QueuedRunControl({
    pool,
    connection: queueRedis,
    prefix,
    log: new PostgresRunLog(pool),
    reader: await createRunReader(pool),
    defaultEngine: llm ? "model" : "offline",
    ...(llm ? { model: llm.model } : {}),
  });
  const schedules = new RegressionScheduler({ pool, connection: config.REDIS_URL, prefix });
  const hosting =
    config.RUNTIME_URL && config.WINKY_ADMIN_KEY
      ? new AdminClient(config.RUNTIME_URL, config.WINKY_ADMIN_KEY)
      : undefined;
  const app = buildApp({
    pingDatabase: () => pool.query("select 1"),
    pingRedis: () => redis.ping(),
    logLevel: config.LOG_LEVEL,
    api: {
      pool,
      runs,
      // API tokens always; with the runtime, also people signed in to the platform project.
      authenticators: [
        new ApiTokenAuthenticator(pool),
        ...(config.RUNTIME_URL
          ? [
              new RuntimeSessionAuthenticator({
                pool,
                runtimeUrl: config.RUNTIME_URL,
                project: config.WINKY_PLATFORM_PROJECT,
              }),
            ]
          : []),
      ],
      schedules: { sync: async (teamId) => void (await schedules.sync(teamId)) },
      ...(hosting ? { hosting } : {}),
      // The same operator-key client serves the runtime console (`console.*`).
      ...(hosting ? { runtime: hosting } : {}),
      ...(config.WINKY_DATA_DIR ? { dataDir: config.WINKY_DATA_DIR } : {}),
    },
  });
  app.log.info({ migrationsApplied: migration.applied }, "platform schema up to date");
  const synced = await schedules.syncAll();
  for (const { teamId, error } of synced.failed) {
    app.log.warn({ teamId, error }, "a team's regression schedule was not registered");
  }

  // The workers start once the sandbox builder image is there (`npm run setup` builds it), so
  // the API answers at once and runs wait in the queue meanwhile.
  let stack: Awaited<ReturnType<typeof openWorkerStack>> | undefined;
  const stopping = new AbortController();
  const starting = workers
    ? waitForBuilderImage(stopping.signal, (why) =>
        app.log.warn(
          { why },
          "run workers wait for the sandbox images (npm run setup builds them)",
        ),
      )
        .then(async (builderImage) => {
          if (!builderImage || stopping.signal.aborted) return;
          stack = await openWorkerStack({
            config: workers,
            builderImage,
            env: process.env,
            onError: (error, runId) => app.log.warn({ runId, err: error.message }, "job error"),
          });
          app.log.info({ concurrency: workers.WINKY_RUN_CONCURRENCY }, "run workers started");
        })
        .catch((e: Error) => app.log.error({ err: e.message }, "run workers did not start"))
    : Promise.resolve();
  if (!workers) app.log.info("no run workers here (WINKY_ADMIN_KEY unset or concurrency 0)");

  const onClose = async () => {
    stopping.abort();
    await starting;
    await stack?.close();
    await Promise.allSettled([runs.close(), schedules.close()]);
    await Promise.allSettled([pool.end(), redis.quit(), queueRedis.quit()]);
  };
  return { app, host: config.HOST, port: config.PORT, onClose };
});
