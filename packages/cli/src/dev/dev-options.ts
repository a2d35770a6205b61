import path from "node:path";
import { parseArgs } from "node:util";
import { parseConfig, portField, postgresUrlField, redisUrlField } from "@winky/config";
import { z } from "zod";

/** Bad usage: an unknown command or flag, or a flag value that is not allowed. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

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
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        "data-dir": { type: "string" },
        "studio-port": { type: "string" },
        "runtime-port": { type: "string" },
        "orchestrator-port": { type: "string" },
      },
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) return "help";
  const config = parseConfig("winky dev", DevEnv, withoutEmpty(env));
  const port = (flag: string, fallback: number) => {
    const raw = values[flag];
    if (typeof raw !== "string") return fallback;
    const parsed = portField.safeParse(raw);
    if (!parsed.success || parsed.data === 0) {
      throw new UsageError(`--${flag} must be a port number from 1 to 65535, got '${raw}'`);
    }
    return parsed.data;
  };
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

/** `DATABASE_URL=` (set but empty) means "unset", as shells and .env files use it. */
function withoutEmpty(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
}
