import type { RunFailure, RunStatus } from "@winky/db";

/** Why a run cannot take the change asked for; the API answers it as a conflict. */
export class RunStateError extends Error {
  override readonly name = "RunStateError";
  constructor(
    readonly code:
      "not-found" | "not-waiting" | "finished" | "not-finished" | "succeeded" | "not-generation",
    message: string,
    readonly status?: RunStatus,
    readonly error?: RunFailure,
  ) {
    super(message);
  }
}

/** The run was cancelled while this process moved it: stop, and record nothing more. */
export class RunCancelledError extends Error {
  override readonly name = "RunCancelledError";
  constructor(readonly runId: string) {
    super(`run ${runId} was cancelled`);
  }
}

// Node's and undici's codes for a peer that is down, unreachable or went away mid-call.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

// PostgreSQL: connection exceptions (class 08), shutdowns and recovery (57P0x), no free slot.
const POSTGRES_UNAVAILABLE = /^(08...|57P0[1-3]|53300)$/;

/**
 * True when `error` says a service the run needs was not there (Docker, PostgreSQL, the
 * runtime, the network), not that the run itself went wrong: such a run is retried later from
 * the node that stopped, instead of failing. Looks through `cause` chains (fetch wraps its
 * socket errors; the sandbox wraps Docker's).
 */
export function isInfrastructureError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 8; depth++) {
    const { code, status, name, message } = e as {
      code?: unknown;
      status?: unknown;
      name?: unknown;
      message?: unknown;
    };
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    if (typeof code === "string" && POSTGRES_UNAVAILABLE.test(code)) return true;
    if (name === "SandboxError" && code === "unavailable") return true;
    // The runtime's admin API behind a proxy that could not reach it, or restarting.
    if (name === "AdminApiError" && (status === 502 || status === 503 || status === 504)) {
      return true;
    }
    if (typeof message === "string" && /^Connection terminated/.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
