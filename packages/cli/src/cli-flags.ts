import { parseArgs } from "node:util";
import { portField } from "@winky/config";

/** Bad usage: an unknown command or flag, or a flag value that is not allowed. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type FlagValues = Record<string, string | boolean | undefined>;

/**
 * Parses `--name value` flags strictly (plus `-h/--help`): an unknown flag or a positional
 * argument is a UsageError, which the CLI answers with the help and exit code 2.
 */
export function parseFlags(args: readonly string[], stringFlags: readonly string[]): FlagValues {
  const options: Record<string, { type: "string" } | { type: "boolean"; short: string }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const name of stringFlags) options[name] = { type: "string" };
  try {
    return parseArgs({ args: [...args], strict: true, allowPositionals: false, options })
      .values as FlagValues;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** A `--flag <port>` value, or `fallback` when the flag is absent. */
export function portFlag(values: FlagValues, flag: string, fallback: number): number {
  const raw = values[flag];
  if (typeof raw !== "string") return fallback;
  const parsed = portField.safeParse(raw);
  if (!parsed.success || parsed.data === 0) {
    throw new UsageError(`--${flag} must be a port number from 1 to 65535, got '${raw}'`);
  }
  return parsed.data;
}

/** `DATABASE_URL=` (set but empty) means "unset", as shells and .env files use it. */
export function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => !!e[1]));
}
