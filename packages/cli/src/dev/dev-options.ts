import path from "node:path";
import { parseConfig, portField, postgresUrlField, redisUrlField } from "@winky/config";
import { z } from "zod";
import { parseFlags, portFlag, withoutEmpty } from "../cli-flags.js";

export { UsageError } from "../cli-flags.js";

export interface DevOptions {
  dataDir: string;
  ports: { studio: number; runtime: number; orchestrator: number };
  /** Use this server instead of starting an embedded one. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
}

const DevEnv = z.object({
  WINKY_DATA_DIR: z.string().min(1).optional(),
  WINKY_STUDIO_PORT: portField.default(3000),
  WINKY_RUNTIME_PORT: portField.default(4000),
  WINKY_ORCHESTRATOR_PORT: portField.default(4100),
  DATABASE_URL: postgresUrlField.optional(),
  REDIS_URL: redisUrlField.optional(),
});

/**
 * Reads `winky dev`'s flags and environment; flags win over the environment.
 *
 * @throws UsageError for an unknown flag or a bad flag value.
 * @throws ConfigError for a bad environment variable.
 */
export function parseDevOptions(
  args: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string,
): DevOptions | "help" {
  const values = parseFlags(args, ["data-dir", "studio-port", "runtime-port", "orchestrator-port"]);
  if (values.help) return "help";
  const config = parseConfig("winky dev", DevEnv, withoutEmpty(env));
  const port = (flag: string, fallback: number) => portFlag(values, flag, fallback);
  const dataDir = values["data-dir"];
  return {
    dataDir: path.resolve(
      cwd,
      typeof dataDir === "string" ? dataDir : (config.WINKY_DATA_DIR ?? ".winky"),
    ),
    ports: {
      studio: port("studio-port", config.WINKY_STUDIO_PORT),
      runtime: port("runtime-port", config.WINKY_RUNTIME_PORT),
      orchestrator: port("orchestrator-port", config.WINKY_ORCHESTRATOR_PORT),
    },
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
  };
}
