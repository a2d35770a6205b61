import {
  hostField,
  httpUrlField,
  logLevelField,
  parseConfig,
  portField,
  postgresUrlField,
  redisUrlField,
} from "@winky/config";
import { z } from "zod";

/** The runtime's operator key (deploys, smoke projects, rollbacks); never echoed. */
export const adminKeyField = z.string().min(16, "must be the runtime's admin key (16+ characters)");

/** The Redis key prefix of the orchestrator's queues; the API's and the workers' must agree. */
export const queuePrefixField = z
  .string()
  .regex(/^[\w:{}-]+$/, "must be letters, digits, _ - : { }")
  .default("winky");

const WorkerEnv = z.object({
  HOST: hostField.default("127.0.0.1"),
  /** The worker's own `/healthz`. */
  PORT: portField.default(4101),
  DATABASE_URL: postgresUrlField,
  REDIS_URL: redisUrlField,
  /** The runtime as browsers (and the smoke's gateway) reach it; deployed apps talk to it. */
  RUNTIME_URL: httpUrlField,
  /** The runtime's operator key: deploys and each run's smoke project. */
  WINKY_ADMIN_KEY: adminKeyField,
  /** Runs' artifacts and apps' repositories live under it. */
  WINKY_DATA_DIR: z.string().min(1),
  /** Where a deployed site is served, `{project}` replaced; default `<project>.localhost`. */
  WINKY_SITE_URL: z
    .string()
    .refine((t) => t.includes("{project}"), "must contain {project}")
    .optional(),
  /** A prebuilt `winky/sandbox-builder:<tag>`; without it the worker checks/builds it at boot. */
  WINKY_BUILDER_IMAGE: z.string().min(1).optional(),
  CHROMIUM_PATH: z.string().min(1).optional(),
  /** Runs this process moves at once. */
  WINKY_RUN_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Scheduled regression checks this process runs at once (0: none here). */
  WINKY_REGRESSION_CONCURRENCY: z.coerce.number().int().min(0).max(8).default(1),
  /** How long a dead worker's runs wait before another worker takes them. */
  WINKY_RUN_LOCK_MS: z.coerce.number().int().min(2_000).max(600_000).default(30_000),
  WINKY_QUEUE_PREFIX: queuePrefixField,
  /**
   * `1` (default): each run's app is also released on the run's own project as the live preview
   * the studio shows before approval (one more sandboxed build per run); `0`: no previews.
   */
  WINKY_PREVIEW_SITES: z.enum(["0", "1"]).default("1"),
  /** The worker's name in BullMQ (jobs record which worker moved them). */
  WINKY_WORKER_NAME: z.string().min(1).optional(),
  LOG_LEVEL: logLevelField,
});

export type WorkerConfig = Readonly<z.infer<typeof WorkerEnv>>;

/**
 * A run worker's configuration, validated once at boot (the model engine's settings are read
 * by `llmConfigFrom` from the same environment).
 *
 * @throws ConfigError naming every invalid or missing variable (never a value).
 */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return parseConfig("worker", WorkerEnv, env);
}
