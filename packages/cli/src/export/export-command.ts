import { readdir } from "node:fs/promises";
import path from "node:path";
import { AdminApiError, AdminClient } from "@winky/admin-client";
import { exportProject, ExportRefused, type ExportCounts } from "@winky/firebase-import";
import { ExitCode, type CliIo } from "../io.js";
import { operatorKey } from "../operator-key.js";
import { parseExportOptions, type ExportOptions } from "./export-options.js";

/**
 * `winky export --project P --out DIR`: writes the project in the Firebase folder layout `winky
 * import firebase` reads (progress on standard error, a summary or --json on standard output).
 * Exit 1 when the runtime refuses or the folder is not empty.
 */
export async function runExportCommand(
  args: readonly string[],
  io: CliIo,
): Promise<number | "help"> {
  const options = parseExportOptions(args, io.env);
  if (options === "help") return "help";
  const out = path.resolve(io.cwd, options.out);
  const client = new AdminClient(
    options.url,
    await operatorKey(options.keyFile, io, "the export reads users with their password hashes"),
  );
  let counts: ExportCounts;
  try {
    counts = await exportProject(client, options.project, out, (line) => io.err(`${line}\n`));
  } catch (e) {
    const written = (await readdir(out).catch(() => [])).length > 0;
    io.err(`winky: ${describeFailure(e, options, written ? out : null)}\n`);
    return ExitCode.failure;
  }
  for (const warning of counts.warnings) io.err(`warning: ${warning}\n`);
  if (options.json) {
    io.out(`${JSON.stringify({ project: options.project, out, ...counts }, null, 2)}\n`);
  } else {
    io.out(`${summary(options.project, out, counts)}\n`);
  }
  return ExitCode.ok;
}

/** Why the export stopped; `out` when it holds what was written before that. */
function describeFailure(e: unknown, options: ExportOptions, out: string | null): string {
  if (e instanceof ExportRefused) return e.message;
  // fetch's own failure: nothing answered (or the runtime went away half-way).
  if (e instanceof TypeError && e.message === "fetch failed") {
    const cause = (e.cause as { code?: string; message?: string } | undefined) ?? {};
    return `no runtime answers at ${options.url} (${cause.code ?? cause.message ?? "no answer"}): start one (winky emulators:start, or winky dev) or pass --url${out ? `; ${out} holds what was written so far` : "; nothing was written"}`;
  }
  const what = e instanceof AdminApiError ? e.message : (e as Error).message;
  const left = out
    ? `${out} holds what was written so far: delete it and export again`
    : "nothing was written";
  return `the export failed: ${what}; ${left}`;
}

function summary(project: string, out: string, counts: ExportCounts): string {
  return [
    `## Exported ${project} to ${out}`,
    "",
    `- rules: ${counts.rules.length > 0 ? counts.rules.join(", ") : "none"}`,
    `- composite indexes: ${counts.indexes}`,
    `- documents: ${counts.documents}`,
    `- users: ${counts.users} (${counts.rehashedUsers} with Winky's scrypt, in their own file)`,
    `- storage files: ${counts.files}`,
    `- hosting site: ${counts.site > 0 ? `${counts.site} files of the released version` : "none"}`,
    `- functions: ${counts.functions}`,
    "",
    "README.md in the folder says how each part goes back into Firebase.",
  ].join("\n");
}
