import { llmConfigFrom } from "@winky/llm";
import { createPromptGuard, fixedSecretValues } from "@winky/prompt-guard";
import { reapJobs } from "@winky/sandbox";
import Dockerode from "dockerode";
import { Redis } from "ioredis";
import pg from "pg";
import { createOfflineRunService } from "../runs/offline-run-service.js";
import type { RunService } from "../runs/run-service.js";
import type { WorkerConfig } from "../worker-env.js";
import { startRegressionWorker } from "../regression/index.js";
import { startRunWorker } from "./run-worker.js";

/** What a worker process runs with, for its `main` and for tests that start one in-process. */
export interface WorkerStackOptions {
  config: WorkerConfig;
  /** The builder image (`ensureBuilderImage()` when the config names none). */
  builderImage: string;
  /** The environment the model settings are read from (OPENAI_*, WINKY_MODEL, budgets). */
  env: Record<string, string | undefined>;
  onError?: (error: Error, runId?: string) => void;
}

/**
 * A run worker (and a regression worker) on the machine's Docker engine: the offline engine's run service (and a model's
 * over it when one is configured, behind a guard that removes this process's keys from every
 * prompt), the BullMQ worker, and how to stop it all. Job containers left by a dead process on
 * this host are removed first.
 */
export async function openWorkerStack(options: WorkerStackOptions) {
  const { config } = options;
  const llm = llmConfigFrom(options.env);
  const pool = new pg.Pool({
    connectionString: config.DATABASE_URL,
    // Each run holds a connection for its lock, and queries on others.
    max: config.WINKY_RUN_CONCURRENCY * 2 + 4,
  });
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  try {
    const runtimePort = new URL(config.RUNTIME_URL).port;
    const template = config.WINKY_SITE_URL ?? `http://{project}.localhost:${runtimePort}/`;
    const common = {
      pool,
      runtimeUrl: config.RUNTIME_URL,
      adminKey: config.WINKY_ADMIN_KEY,
      siteUrl: (project: string) => template.replaceAll("{project}", project),
      dataDir: config.WINKY_DATA_DIR,
      builderImage: options.builderImage,
      ...(config.CHROMIUM_PATH ? { chromiumPath: config.CHROMIUM_PATH } : {}),
      previewSites: config.WINKY_PREVIEW_SITES === "1",
    };
    const offline = await createOfflineRunService(common);
    let model: RunService | undefined;
    if (llm) {
      const guard = createPromptGuard({
        secrets: [
          fixedSecretValues({
            WINKY_ADMIN_KEY: config.WINKY_ADMIN_KEY,
            OPENAI_API_KEY: options.env.OPENAI_API_KEY,
          }),
        ],
      });
      model = await createOfflineRunService({ ...common, model: { config: llm, guard } });
    }
    const worker = await startRunWorker({
      pool,
      databaseUrl: config.DATABASE_URL,
      connection: redis,
      prefix: config.WINKY_QUEUE_PREFIX,
      concurrency: config.WINKY_RUN_CONCURRENCY,
      lockDurationMs: config.WINKY_RUN_LOCK_MS,
      ...(config.WINKY_WORKER_NAME ? { name: config.WINKY_WORKER_NAME } : {}),
      // A run of the model engine on a worker without a model cannot move: it fails saying so.
      serviceFor: (engine) => {
        if (engine !== "model") return offline;
        if (!model) throw new Error("this worker has no model configured (OPENAI_*, WINKY_MODEL)");
        return model;
      },
      ...(options.onError ? { onError: options.onError } : {}),
    });
    const regressions =
      config.WINKY_REGRESSION_CONCURRENCY > 0
        ? await startRegressionWorker({
            pool,
            docker: new Dockerode(),
            builderImage: options.builderImage,
            runtimeUrl: config.RUNTIME_URL,
            operatorKey: config.WINKY_ADMIN_KEY,
            dataDir: config.WINKY_DATA_DIR,
            connection: config.REDIS_URL,
            prefix: config.WINKY_QUEUE_PREFIX,
            concurrency: config.WINKY_REGRESSION_CONCURRENCY,
            ...(options.onError ? { onError: options.onError } : {}),
          })
        : undefined;
    // A worker that died on this host left its job containers running (their deadline lived
    // in it): the survivors remove them, as each run service does when it opens.
    const docker = new Dockerode();
    const reaper = setInterval(() => void reapJobs(docker).catch(() => undefined), 30_000);
    reaper.unref();
    return {
      pool,
      redis,
      worker,
      async close() {
        clearInterval(reaper);
        await Promise.all([worker.close(), regressions?.close()]);
        await Promise.allSettled([pool.end(), redis.quit()]);
      },
    };
  } catch (e) {
    await Promise.allSettled([pool.end(), redis.quit()]);
    throw e;
  }
}
