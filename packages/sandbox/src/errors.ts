/**
 * Why a sandbox call was refused (not why a function failed: that is an `InvocationFailure`).
 * - `invalid-argument`: a malformed spec, event or option; the message names the field.
 * - `not-prepared`: the version was never prepared, or has been drained.
 * - `already-exists`: the version is prepared with a different spec (versions are immutable).
 * - `closed`: the sandbox has been closed.
 * - `unavailable`: the engine could not start a sandbox (Docker down, image missing, bwrap
 *   refused); the message says what was tried.
 */
export type SandboxErrorCode =
  "invalid-argument" | "not-prepared" | "already-exists" | "closed" | "unavailable";

export class SandboxError extends Error {
  override readonly name = "SandboxError";
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Brand check that works across bundles and realms, unlike `instanceof`. */
export function isSandboxError(e: unknown): e is SandboxError {
  return e instanceof Error && e.name === "SandboxError";
}
