import type { InvocationResult } from "@winky/sandbox";
import { RuntimeError, type ErrorCode } from "../errors/runtime-error.js";

type InvocationFailure = Extract<InvocationResult, { ok: false }>["error"];

/**
 * The codes a callable may refuse with, as Firebase's `HttpsError`: its caller gets the code,
 * the message and the details. Not `internal`, `unknown` or `data-loss`: those say the
 * function broke, and a broken function's message stays with admins.
 */
export const REFUSAL_CODES = [
  "invalid-argument",
  "failed-precondition",
  "out-of-range",
  "unauthenticated",
  "permission-denied",
  "not-found",
  "already-exists",
  "resource-exhausted",
  "cancelled",
  "aborted",
  "unavailable",
  "unimplemented",
  "deadline-exceeded",
] as const satisfies readonly ErrorCode[];

export type RefusalCode = (typeof REFUSAL_CODES)[number];

const REFUSALS: ReadonlySet<string> = new Set(REFUSAL_CODES);

/** A refusal's message is for a person to read; past this many characters it is cut. */
export const MAX_REFUSAL_MESSAGE = 1000;

export const isRefusalCode = (code: unknown): code is RefusalCode =>
  typeof code === "string" && REFUSALS.has(code);

/**
 * The error a client gets for a failed invocation: timeouts are deadline-exceeded (504), memory
 * exhaustion resource-exhausted (429), anything else internal (500) — with the function's own
 * message only for admins (`explain`), since it may hold what the function meant to keep.
 */
export function invocationError(
  name: string,
  error: InvocationFailure,
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

/**
 * The error a callable's caller gets: a deliberate refusal — an Error whose `code` is one of
 * {@link REFUSAL_CODES} (the wrapper sets it for the `"<code>: <message>"` form) — passes with
 * its code, the code's HTTP status, its message (without that prefix, cut at
 * {@link MAX_REFUSAL_MESSAGE}) and its details, to every caller; anything else is as
 * {@link invocationError} says. Secrets are masked before this (FunctionRunner).
 */
export function callableError(
  name: string,
  error: InvocationFailure,
  explain: boolean,
): RuntimeError {
  if (error.kind !== "error" || !isRefusalCode(error.code))
    return invocationError(name, error, explain);
  const prefix = `${error.code}: `;
  const message = error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
  // An empty sentence ("not-found: ") still says something: its code.
  return new RuntimeError(error.code, cut(message) || error.code, error.details);
}

/** `text` at most `MAX_REFUSAL_MESSAGE` characters, cut between code points. */
function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_REFUSAL_MESSAGE
    ? text
    : `${chars.slice(0, MAX_REFUSAL_MESSAGE - 1).join("")}…`;
}
