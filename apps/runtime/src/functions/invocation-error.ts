import type { InvocationResult } from "@winky/sandbox";
import { RuntimeError } from "../errors/runtime-error.js";

/**
 * The error a client gets for a failed invocation: timeouts are deadline-exceeded (504), memory
 * exhaustion resource-exhausted (429), anything else internal (500) — with the function's own
 * message only for admins (`explain`), since it may hold what the function meant to keep.
 */
export function invocationError(
  name: string,
  error: Extract<InvocationResult, { ok: false }>["error"],
  explain: boolean,
): RuntimeError {
  if (error.kind === "timeout")
    return new RuntimeError("deadline-exceeded", `function '${name}' timed out`);
  if (error.kind === "oom")
    return new RuntimeError("resource-exhausted", `function '${name}' ran out of memory`);
  return new RuntimeError(
    "internal",
    explain ? `function '${name}' failed: ${error.message}` : `function '${name}' failed`,
  );
}
