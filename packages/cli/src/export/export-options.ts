import { parseArgs } from "node:util";
import { UsageError } from "../cli-flags.js";

/** What `winky export` was asked to do. */
export interface ExportOptions {
  project: string;
  out: string;
  url: string;
  keyFile: string | undefined;
  json: boolean;
}

export function parseExportOptions(
  args: readonly string[],
  env: Record<string, string | undefined>,
): ExportOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        project: { type: "string" },
        out: { type: "string" },
        url: { type: "string" },
        "key-file": { type: "string" },
        json: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values } = parsed;
  if (values.help) return "help";
  if (!values.project) throw new UsageError("export needs --project <id>");
  if (!values.out) throw new UsageError("export needs --out <dir>: a new or empty folder");
  const url = values.url ?? env.WINKY_RUNTIME_URL ?? "http://127.0.0.1:4000";
  return {
    project: values.project,
    out: values.out,
    url: url.replace(/\/+$/, ""),
    keyFile: values["key-file"],
    json: values.json === true,
  };
}
