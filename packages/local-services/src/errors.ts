/**
 * Raised when a service the platform depends on (PostgreSQL, Redis, Docker) cannot be reached
 * or started. The message always names what was tried (host and port, binary, socket) so the
 * user can act on it without reading a stack trace.
 */
export class ServiceUnavailableError extends Error {
  override readonly name = "ServiceUnavailableError";
  constructor(
    readonly service: "postgres" | "redis" | "docker",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Brand check that works across bundles and realms, unlike `instanceof`. */
export function isServiceUnavailableError(e: unknown): e is ServiceUnavailableError {
  return e instanceof Error && e.name === "ServiceUnavailableError";
}
