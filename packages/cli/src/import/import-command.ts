import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import {
  formatSource,
  ImportRefused,
  ImportRolledBack,
  inspectFirebaseProject,
  renderMarkdown,
  renderSmoke,
  smokeCheck,
  writeProject,
  type ImportCounts,
  type SmokeResult,
} from "@winky/firebase-import";
import { UsageError } from "../cli-flags.js";
import { ExitCode, type CliIo } from "../io.js";
import { operatorKey } from "../operator-key.js";
import { parseImportOptions } from "./import-options.js";

/**
 * `winky import firebase <dir>`: reads the whole Firebase project first (report on standard
 * output, Markdown or --json), then — unless --report-only or a problem blocks it — creates the
 * project on the runtime and writes rules, indexes, documents, users and files into it, all or
 * nothing. Exit 1 when anything blocks the import or it fails.
 */
export async function runImportCommand(
  args: readonly string[],
  io: CliIo,
): Promise<number | "help"> {
  const options = parseImportOptions(args, io.env);
  if (options === "help") return "help";
  const dir = path.resolve(io.cwd, options.dir);
  const source = await inspectFirebaseProject(dir, {
    ...(options.project !== undefined ? { project: options.project } : {}),
    ...(options.data !== undefined ? { data: options.data } : {}),
    ...(options.users !== undefined ? { users: options.users } : {}),
    ...(options.storage !== undefined ? { storage: options.storage } : {}),
  });
  const project = options.project ?? source.project;
  let imported: ImportCounts | null = null;
  let failure: string | null = null;
  let smoke: SmokeResult | null = null;
  if (source.blockers.length > 0) {
    const where = source.blockers.slice(0, 5).map((b) => formatSource(b.source));
    const more = source.blockers.length > 5 ? `, and ${source.blockers.length - 5} more` : "";
    failure = `${source.blockers.length} problem(s) stop the import (${where.join(", ")}${more}; see the report): nothing was written`;
  } else if (!options.reportOnly) {
    if (!project)
      throw new UsageError("no project id: pass --project <id> (no .firebaserc default either)");
    const client = new AdminClient(
      options.url,
      await operatorKey(options.keyFile, io, "the import creates a project"),
    );
    try {
      imported = await writeProject(client, source, project, (line) => io.err(`${line}\n`));
    } catch (e) {
      failure = describeFailure(e, options.url, project);
    }
    if (imported) {
      // The import stands whatever the check finds: it reports, it does not roll back.
      io.err("smoke check: counting what arrived, evaluating the rules on sample requests\n");
      try {
        smoke = await smokeCheck(client, source, project, imported);
        if (!smoke.ok) failure = "the smoke check found counts that differ (see its table)";
      } catch (e) {
        failure = `imported, but the smoke check could not run: ${(e as Error).message}`;
      }
    }
  }
  const report = { ...source.report, ...(project ? { project } : {}) };
  if (options.json) {
    const result = { import: imported ? { project, ...imported } : null, smoke, error: failure };
    io.out(`${JSON.stringify({ ...report, ...result }, null, 2)}\n`);
  } else {
    io.out(renderMarkdown(report));
    if (imported) io.out(`\n${summary(project!, imported)}\n`);
    if (smoke) io.out(`\n${renderSmoke(smoke)}`);
  }
  if (failure) io.err(`winky: ${failure}\n`);
  return failure ? ExitCode.failure : ExitCode.ok;
}

function describeFailure(e: unknown, url: string, project: string): string {
  // fetch's own failure (nothing answered) before the project exists: nothing written.
  const cause = e instanceof ImportRefused ? e.cause : undefined;
  if (cause instanceof TypeError && cause.message === "fetch failed") {
    const reason = (cause.cause as { code?: string; message?: string } | undefined) ?? {};
    return `no runtime answers at ${url} (${reason.code ?? reason.message ?? "no answer"}): start one (winky emulators:start, or winky dev) or pass --url; nothing was written`;
  }
  if (e instanceof ImportRefused) return e.message;
  if (e instanceof ImportRolledBack) {
    return `the import failed and was rolled back (project ${project} deleted again): ${e.message}`;
  }
  if (e instanceof AggregateError) {
    return `the import failed and its rollback did not finish: ${e.message}`;
  }
  throw e;
}

function summary(project: string, counts: ImportCounts): string {
  return [
    `## Imported into ${project}`,
    "",
    `- rules: ${counts.rules.length > 0 ? counts.rules.join(", ") : "none"}`,
    `- composite indexes: ${counts.indexes}`,
    `- documents: ${counts.documents}`,
    `- users: ${counts.users}`,
    `- storage files: ${counts.files}`,
    `- hosting site: ${counts.site > 0 ? `${counts.site} files, released` : "none"}`,
    `- functions: ${counts.functions + counts.winkyFunctions} deployed (the report says why any other was not)`,
  ].join("\n");
}
