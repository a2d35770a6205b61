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
import { adminKeyField, queuePrefixField } from "./worker-env.js";

const OrchestratorEnv = z.object({
  HOST: hostField.default("127.0.0.1"),
  PORT: portField.default(4100),
  DATABASE_URL: postgresUrlField,
  REDIS_URL: redisUrlField,
  LOG_LEVEL: logLevelField,
  /** The runtime: `apps.rollback` releases earlier versions through its admin API. */
  RUNTIME_URL: httpUrlField.optional(),
  /**
   * The runtime's operator key. With it (and RUNTIME_URL, WINKY_DATA_DIR) this process also
   * runs `WINKY_RUN_CONCURRENCY` run workers, as `src/worker.ts` does (0: the API only).
   */
  WINKY_ADMIN_KEY: adminKeyField.optional(),
  /** The platform's own runtime project: studio users sign in there (needs RUNTIME_URL). */
  WINKY_PLATFORM_PROJECT: z
    .string()
    .regex(/^[a-z][a-z0-9-]{2,62}$/, "must be a runtime project id")
    .default("winky-studio"),
  /**
   * Runs' artifacts (plans' wireframes) and apps' repositories, as the workers write them: the
   * API reads them for the studio (a run's mockup, an app's Git log).
   */
  WINKY_DATA_DIR: z.string().min(1).optional(),
  WINKY_RUN_CONCURRENCY: z.coerce.number().int().min(0).max(32).default(2),
  WINKY_QUEUE_PREFIX: queuePrefixField,
});

export type OrchestratorConfig = Readonly<z.infer<typeof OrchestratorEnv>>;

/**
 * The orchestrator's configuration, validated once at boot. The only place in the app that
 * reads `process.env`.
 *
 * @throws ConfigError naming every invalid or missing variable.
 */
export function loadOrchestratorConfig(env: NodeJS.ProcessEnv = process.env): OrchestratorConfig {
  return parseConfig("orchestrator", OrchestratorEnv, env);
}
