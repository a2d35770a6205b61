import { parseArgs } from "node:util";
import { AppPlan } from "@winky/planner";
import { parseDevOptions, type DevOptions } from "../dev/dev-options.js";
import { UsageError } from "../cli-flags.js";

/** Flags every run command takes beside its own. */
export interface RunCommandOptions {
  /** Where the servers are, as `winky dev` reads them (data dir, runtime port, URLs). */
  stack: DevOptions;
  /** Approve what the run asks for local use, recorded as approved with --yes. */
  yes: boolean;
  /** One JSON object on standard output at the end; progress goes to standard error. */
  json: boolean;
  positionals: string[];
  comment: string | undefined;
}

export interface NewOptions extends RunCommandOptions {
  prompt: string;
  /** Where to write the app's files at the end (an empty or new directory). */
  outDir: string | undefined;
  /** The app's name (its project and repository) instead of the planner's choice. */
  name: string | undefined;
  /** `model` when a model is configured, else `offline`, unless given. */
  engine: "offline" | "model" | undefined;
}

const FLAGS = {
  help: { type: "boolean", short: "h" },
  yes: { type: "boolean", short: "y" },
  json: { type: "boolean" },
  out: { type: "string" },
  name: { type: "string" },
  engine: { type: "string" },
  comment: { type: "string" },
  "data-dir": { type: "string" },
  "runtime-port": { type: "string" },
} as const;

/**
 * Reads a run command's flags; positionals are kept (the prompt, a run id).
 *
 * @throws UsageError for an unknown flag or a bad flag value.
 */
export function parseRunCommand(
  args: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string,
  allowed: ReadonlyArray<keyof typeof FLAGS>,
): (RunCommandOptions & { out?: string; name?: string; engine?: string }) | "help" {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], strict: true, allowPositionals: true, options: FLAGS });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  for (const flag of Object.keys(values)) {
    if (!allowed.includes(flag as keyof typeof FLAGS)) {
      throw new UsageError(`this command takes no --${flag}`);
    }
  }
  const devArgs = [
    ...(values["data-dir"] ? ["--data-dir", values["data-dir"]] : []),
    ...(values["runtime-port"] ? ["--runtime-port", values["runtime-port"]] : []),
  ];
  return {
    stack: parseDevOptions(devArgs, env, cwd) as DevOptions,
    yes: values.yes ?? false,
    json: values.json ?? false,
    positionals,
    comment: values.comment,
    ...(values.out ? { out: values.out } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values.engine ? { engine: values.engine } : {}),
  };
}

/** `winky new "<prompt>" [--yes] [--out DIR] [--json] [--name NAME]`. */
export function parseNewOptions(
  args: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string,
): NewOptions | "help" {
  const options = parseRunCommand(args, env, cwd, [
    "help",
    "yes",
    "json",
    "out",
    "name",
    "engine",
    "data-dir",
    "runtime-port",
  ]);
  if (options === "help") return "help";
  if (options.name !== undefined) {
    const name = AppPlan.shape.appName.safeParse(options.name);
    if (!name.success) {
      throw new UsageError(`--name '${options.name}' ${name.error.issues[0]!.message}`);
    }
  }
  if (options.engine !== undefined && options.engine !== "offline" && options.engine !== "model") {
    throw new UsageError(`--engine must be offline or model, not '${options.engine}'`);
  }
  return {
    ...options,
    engine: options.engine,
    // Unquoted words are one prompt, as a person typing `winky new a notes app` means.
    prompt: options.positionals.join(" "),
    outDir: options.out,
    name: options.name,
  };
}
