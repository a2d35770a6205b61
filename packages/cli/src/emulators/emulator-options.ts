import path from "node:path";
import { parseConfig, portField, postgresUrlField } from "@winky/config";
import { z } from "zod";
import { parseFlags, portFlag, UsageError, withoutEmpty } from "../cli-flags.js";

export interface EmulatorOptions {
  dataDir: string;
  port: number;
  project: string;
  rules: string | undefined;
  indexes: string | undefined;
  importDir: string | undefined;
  exportOnExit: string | undefined;
  databaseUrl: string | undefined;
}

const Env = z.object({
  WINKY_EMULATOR_DATA_DIR: z.string().min(1).optional(),
  WINKY_EMULATOR_PORT: portField.default(4000),
  DATABASE_URL: postgresUrlField.optional(),
});

/**
 * `winky emulators:start` options; flags win over the environment.
 *
 * @throws UsageError for an unknown flag or a bad value.
 */
export function parseEmulatorOptions(
  args: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string,
): EmulatorOptions | "help" {
  const values = parseFlags(args, [
    "data-dir",
    "port",
    "project",
    "rules",
    "indexes",
    "import",
    "export-on-exit",
  ]);
  if (values.help) return "help";
  const config = parseConfig("winky emulators:start", Env, withoutEmpty(env));
  const project = typeof values.project === "string" ? values.project : "demo";
  if (!/^[a-z][a-z0-9-]{2,62}$/.test(project)) {
    throw new UsageError(
      `--project must be 3-63 characters: a-z, 0-9 and '-', starting with a letter; got '${project}'`,
    );
  }
  const port = portFlag(values, "port", config.WINKY_EMULATOR_PORT);
  const resolve = (v: string | boolean | undefined) =>
    typeof v === "string" ? path.resolve(cwd, v) : undefined;
  return {
    dataDir:
      resolve(values["data-dir"]) ??
      path.resolve(cwd, config.WINKY_EMULATOR_DATA_DIR ?? ".winky/emulator"),
    port,
    project,
    rules: resolve(values.rules),
    indexes: resolve(values.indexes),
    importDir: resolve(values.import),
    exportOnExit: resolve(values["export-on-exit"]),
    databaseUrl: config.DATABASE_URL,
  };
}
