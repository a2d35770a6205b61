import type { InvocationError, LogLine } from "../types.js";
import type { WorkerExit } from "./launcher.js";

/**
 * What Node and V8 print, or throw, when memory runs out: the V8 heap limit, a failed
 * allocation under an rlimit (bubblewrap), a C++ allocation failure.
 */
const OUT_OF_MEMORY =
  /JavaScript heap out of memory|Fatal process out of memory|Reached heap limit|Array buffer allocation failed|std::bad_alloc|Cannot allocate memory/;

export function isOutOfMemoryText(text: string): boolean {
  return OUT_OF_MEMORY.test(text);
}

export function outOfMemoryError(memoryMb: number): InvocationError {
  return {
    kind: "oom",
    message: `the function ran out of memory (limit ${memoryMb} MiB) and its sandbox was killed`,
  };
}

/** Why a sandbox died when nobody killed it: out of memory, or a crash with its exit status. */
export function exitFailure(
  exit: WorkerExit,
  memoryMb: number,
): { error: InvocationError; exitCode?: number } {
  const exitCode = exit.exitCode === undefined ? {} : { exitCode: exit.exitCode };
  if (exit.oomKilled || exit.output.some((log) => isOutOfMemoryText(log.line))) {
    return { error: outOfMemoryError(memoryMb), ...exitCode };
  }
  const status = exit.exitCode === undefined ? "" : ` with code ${exit.exitCode}`;
  const lastError = lastLine(exit.output, "stderr");
  return {
    error: {
      kind: "crash",
      message: `the sandbox exited unexpectedly${status}${lastError ? `: ${lastError}` : ""}`,
    },
    ...exitCode,
  };
}

function lastLine(output: LogLine[], stream: LogLine["stream"]): string | undefined {
  for (let i = output.length - 1; i >= 0; i--) {
    const log = output[i];
    if (log?.stream === stream && log.line.trim()) return log.line.trim();
  }
  return undefined;
}
