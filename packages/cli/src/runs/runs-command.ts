import { createRunReader } from "@winky/orchestrator";
import { UsageError } from "../cli-flags.js";
import { ExitCode, type CliIo } from "../io.js";
import { approver } from "./drive-run.js";
import { withPlatformDatabase } from "./platform-database.js";
import { resultText, runResult } from "./run-result.js";
import { parseRunCommand, type RunCommandOptions } from "./run-options.js";
import { runToEnd } from "./run-to-end.js";
import { listRuns, readRun, type RunRow } from "./run-rows.js";

const MOVING = ["help", "yes", "json", "data-dir", "runtime-port"] as const;

/**
 * `winky runs list|show|resume|approve|reject`: the runs of this data dir. `resume` continues a
 * run where its last finished node left it (after a crash or Ctrl-C); `approve`/`reject`
 * answer the approval it waits for (`--comment` says why).
 */
export async function runRunsCommand(args: readonly string[], io: CliIo): Promise<number | "help"> {
  const [sub, ...rest] = args;
  const began = Date.now();
  switch (sub) {
    case "list": {
      const options = parseRunCommand(rest, io.env, io.cwd, ["help", "json", "data-dir"]);
      if (options === "help") return "help";
      const rows = await withPlatformDatabase(options.stack, (pool) => listRuns(pool));
      io.out(options.json ? `${JSON.stringify(rows)}\n` : listText(rows));
      return ExitCode.ok;
    }
    case "show": {
      const options = parseRunCommand(rest, io.env, io.cwd, ["help", "json", "data-dir"]);
      if (options === "help") return "help";
      const runId = onlyRunId(options);
      return withPlatformDatabase(options.stack, async (pool) => {
        const row = await readRun(pool, runId);
        const state = await (await createRunReader(pool)).state(runId);
        const result = runResult(row, state, row.durationMs);
        io.out(options.json ? `${JSON.stringify(result)}\n` : showText(row, result));
        return ExitCode.ok;
      });
    }
    case "resume":
    case "approve":
    case "reject": {
      const flags = sub === "resume" ? MOVING : ([...MOVING, "comment"] as const);
      const options = parseRunCommand(rest, io.env, io.cwd, flags);
      if (options === "help") return "help";
      const runId = onlyRunId(options);
      return runToEnd(options, io, began, async ({ stack, drive }) => {
        // A clear "no run" before anything moves; the run keeps the engine it started with.
        const { engine } = await readRun(stack.pool, runId);
        const service = stack.serviceFor(engine);
        return drive(runId, service, () =>
          sub === "resume"
            ? service.start(runId)
            : service.answer(runId, {
                approved: sub === "approve",
                by: approver(),
                ...(options.comment ? { comment: options.comment } : {}),
              }),
        );
      });
    }
    default:
      throw new UsageError(
        `unknown runs command '${sub ?? ""}' (try: list, show, resume, approve, reject)`,
      );
  }
}

function onlyRunId(options: RunCommandOptions): string {
  const [runId, ...extra] = options.positionals;
  if (!runId || extra.length > 0)
    throw new UsageError("name one run id (winky runs list shows them)");
  if (!/^[0-9a-f-]{36}$/i.test(runId)) throw new UsageError(`'${runId}' is not a run id`);
  return runId;
}

function listText(rows: RunRow[]): string {
  if (rows.length === 0) return 'No runs yet: winky new "<what the app does>" starts one.\n';
  const lines = rows.map(
    (r) =>
      `${r.runId}  ${r.createdAt.toISOString().slice(0, 16).replace("T", " ")}  ` +
      `${r.app.padEnd(20)}  ${r.status.padEnd(22)}  ${r.prompt.slice(0, 50)}`,
  );
  return `${lines.join("\n")}\n`;
}

function showText(row: RunRow, result: ReturnType<typeof runResult>): string {
  const lines = [
    `Run ${row.runId} of ${row.app}: ${row.status}`,
    `  Prompt  ${row.prompt.slice(0, 300)}`,
  ];
  for (const step of row.steps) lines.push(`  ${step}`);
  return `${lines.join("\n")}\n${row.finished ? resultText(result, { attached: true }) : ""}`;
}
