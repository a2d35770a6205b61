import { hostField, httpUrlField, logLevelField, parseConfig, portField } from "@winky/config";
import { z } from "zod";

const StudioEnv = z.object({
  HOST: hostField.default("127.0.0.1"),
  PORT: portField.default(3000),
  RUNTIME_URL: httpUrlField.default("http://127.0.0.1:4000"),
  ORCHESTRATOR_URL: httpUrlField.default("http://127.0.0.1:4100"),
  LOG_LEVEL: logLevelField,
});

export type StudioConfig = Readonly<z.infer<typeof StudioEnv>>;

/**
 * The studio's configuration, validated once at boot. The only place in the app that reads
 * `process.env`.
 *
 * @throws ConfigError naming every invalid variable.
 */
export function loadStudioConfig(env: NodeJS.ProcessEnv = process.env): StudioConfig {
  return parseConfig("studio", StudioEnv, env);
}
