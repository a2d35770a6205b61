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
 * `process.env`. The Next app runs in the same process as `main.ts`, so its server code reads
 * the same values through this function.
 *
 * @throws ConfigError naming every invalid variable.
 */
export function loadStudioConfig(env: NodeJS.ProcessEnv = process.env): StudioConfig {
  return parseConfig("studio", StudioEnv, env);
}

/**
 * Sets what Next reads from the environment when it loads: no telemetry (nothing leaves the
 * machine), and production mode. Call before importing `next`.
 */
export function prepareNextEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  env.NEXT_TELEMETRY_DISABLED = "1";
  // Next warns about, and misbehaves with, any other value in a production server.
  (env as Record<string, string | undefined>).NODE_ENV = "production";
}
