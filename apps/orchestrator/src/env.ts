import {
  hostField,
  logLevelField,
  parseConfig,
  portField,
  postgresUrlField,
  redisUrlField,
} from "@winky/config";
import { z } from "zod";

const OrchestratorEnv = z.object({
  HOST: hostField.default("127.0.0.1"),
  PORT: portField.default(4100),
  DATABASE_URL: postgresUrlField,
  REDIS_URL: redisUrlField,
  LOG_LEVEL: logLevelField,
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
