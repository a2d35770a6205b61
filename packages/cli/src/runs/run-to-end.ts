import { RunInputError, withRunLock, type RunProgress, type RunService } from "@winky/orchestrator";
import { isConfigError } from "./config-error.js";
import { isServiceUnavailableError } from "@winky/local-services";
import { UsageError } from "../cli-flags.js";
import { ExitCode, type CliIo } from "../io.js";
import { driveRun } from "./drive-run.js";
import { openGenerationStack, type GenerationStack } from "./generation-stack.js";
import { resultText, runResult } from "./run-result.js";
import { ReportingRunLog } from "./run-reporter.js";
import type { RunCommandOptions } from "./run-options.js";

/** What a run command's work gets: the open stack, and how to move a run. */
export interface RunWork {
  stack: GenerationStack;
  say: (text: string) => void;
  /** Moves `runId` from `first` through its approvals with its engine's service, holding its lock. */
  drive(
    runId: string,
    service: RunService,
    first: () => Promise<RunProgress>,
  ): Promise<RunProgress>;
}

/** Ctrl-C's exit code, as shells report a process stopped by SIGINT. */
const INTERRUPTED = 130;

/**
 * Opens the generation stack, does `work`, prints the run's result (text, or one JSON object
 * under --json with progress on standard error) and closes the stack. Ctrl-C stops waiting:
 * the run keeps every node it finished, and `winky runs resume` continues it.
 *
 * @returns 0 when the run succeeded or waits for an approval, 1 when it failed, 2 for input
 *   the run service refused, 130 when interrupted.
 */
export async function runToEnd(
  options: RunCommandOptions,
  io: CliIo,
  began: number,
  work: (run: RunWork) => Promise<RunProgress>,
): Promise<number> {
  const say = options.json ? io.err : io.out;
  let reporter: ReportingRunLog | undefined;
  let stack: GenerationStack | undefined;
  let runId: string | undefined;
  try {
    stack = await openGenerationStack(
      options.stack,
      io.env,
      say,
      (pool) => (reporter = new ReportingRunLog(pool)),
    );
    reporter?.reportTo(say);
    const open = stack;
    const drive = (id: string, service: RunService, first: () => Promise<RunProgress>) => {
      runId = id;
      const driveOptions = { yes: options.yes, json: options.json, say };
      return withRunLock(open.pool, id, () => driveRun(service, first, io, driveOptions));
    };
    const working = work({ stack, say, drive });
    const outcome = await Promise.race([
      working.then((progress) => ({ progress })),
      io.stopRequested.then((signal) => ({ signal })),
    ]);
    if ("signal" in outcome) {
      working.catch(() => undefined); // it fails as the stack closes; nobody waits for it now
      const resume = runId ? `: winky runs resume ${runId} continues it` : "";
      io.err(
        `\nwinky: stopped (${outcome.signal}); the run keeps the steps it finished${resume}\n`,
      );
      return INTERRUPTED;
    }
    const { progress } = outcome;
    const state = await stack.service.state(progress.runId);
    const result = runResult(progress, state, Date.now() - began);
    io.out(
      options.json
        ? `${JSON.stringify(result)}\n`
        : resultText(result, { attached: stack.attached }),
    );
    return progress.status === "failed" ? ExitCode.failure : ExitCode.ok;
  } catch (e) {
    if (e instanceof RunInputError || e instanceof UsageError || isConfigError(e)) {
      io.err(`winky: ${e.message}\n`);
      return ExitCode.usage;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`winky: ${isServiceUnavailableError(e) ? message : `the run stopped: ${message}`}\n`);
    return ExitCode.failure;
  } finally {
    await stack?.close();
  }
}
