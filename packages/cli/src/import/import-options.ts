import { parseArgs } from "node:util";
import { UsageError } from "../cli-flags.js";

/** What `winky import firebase` was asked to do. */
export interface ImportOptions {
  dir: string;
  project: string | undefined;
  reportOnly: boolean;
  json: boolean;
  url: string;
  keyFile: string | undefined;
  data: string | undefined;
  users: string | undefined;
  storage: string | undefined;
}

export function parseImportOptions(
  args: readonly string[],
  env: Record<string, string | undefined>,
): ImportOptions | "help" {
  const [source, ...rest] = args;
  if (source !== "firebase") {
    throw new UsageError(
      `unknown import source '${source ?? ""}' (try: winky import firebase <dir>)`,
    );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        project: { type: "string" },
        "report-only": { type: "boolean" },
        json: { type: "boolean" },
        url: { type: "string" },
        "key-file": { type: "string" },
        data: { type: "string" },
        users: { type: "string" },
        storage: { type: "string" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError("import firebase takes one folder: winky import firebase <dir>");
  }
  const url = values.url ?? env.WINKY_RUNTIME_URL ?? "http://127.0.0.1:4000";
  return {
    dir: positionals[0]!,
    project: values.project,
    reportOnly: values["report-only"] === true,
    json: values.json === true,
    url: url.replace(/\/+$/, ""),
    keyFile: values["key-file"],
    data: values.data,
    users: values.users,
    storage: values.storage,
  };
}
