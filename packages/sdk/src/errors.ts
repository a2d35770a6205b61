/**
 * The SDK's one error type. Every method throws a {@link WinkyError}: the runtime's own error
 * (`{ "error": { "code", "message", "details"? } }`) keeps its code, message and details, and
 * the failures that never reach the runtime get codes of the same family.
 */

/**
 * The codes a {@link WinkyError} carries: the runtime's (Firestore's google.rpc.Code names in
 * kebab-case), so code written against Firebase's error codes reads the same.
 * @example `if (isWinkyError(e) && e.code === "unavailable") showOfflineBanner();`
 */
export type WinkyErrorCode =
  | "invalid-argument"
  | "failed-precondition"
  | "out-of-range"
  | "unauthenticated"
  | "permission-denied"
  | "not-found"
  | "already-exists"
  | "aborted"
  | "resource-exhausted"
  | "cancelled"
  | "internal"
  | "unknown"
  | "data-loss"
  | "unimplemented"
  | "unavailable"
  | "deadline-exceeded";

const CODES: ReadonlySet<string> = new Set<WinkyErrorCode>([
  "invalid-argument",
  "failed-precondition",
  "out-of-range",
  "unauthenticated",
  "permission-denied",
  "not-found",
  "already-exists",
  "aborted",
  "resource-exhausted",
  "cancelled",
  "internal",
  "unknown",
  "data-loss",
  "unimplemented",
  "unavailable",
  "deadline-exceeded",
]);

/** @internal Whether `code` is one of the {@link WinkyErrorCode}s. */
export function isErrorCode(code: unknown): code is WinkyErrorCode {
  return typeof code === "string" && CODES.has(code);
}

/**
 * Options of {@link WinkyError}.
 * @example `new WinkyError("not-found", "no such post", { status: 404 })`
 */
export interface WinkyErrorOptions {
  /** The HTTP status of the runtime's answer; 0 when there was none. */
  status?: number;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * What every SDK method throws.
 *
 * - `code`: the runtime's code (`permission-denied`, `not-found`, …), `unavailable` when the
 *   runtime could not be reached, `internal` when it answered something that is not JSON.
 * - `status`: the HTTP status, or 0 when no HTTP answer was involved (a network failure, or
 *   invalid input the SDK refused before sending anything).
 * - `details`: the runtime's `details`, e.g. `{ reason: "token-expired" }` for auth failures,
 *   or the `details` a callable function refused with (`functions.call`).
 *
 * Check it with {@link isWinkyError}, which also works across bundles.
 *
 * @example
 * ```ts
 * try {
 *   await setDoc(db.doc("profiles/someone-else"), { name: "Eve" });
 * } catch (e) {
 *   if (isWinkyError(e) && e.code === "permission-denied") showMessage("Not yours to edit");
 *   else throw e;
 * }
 * ```
 */
export class WinkyError extends Error {
  override readonly name = "WinkyError";
  readonly code: WinkyErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: WinkyErrorCode, message: string, options: WinkyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 0;
    this.details = options.details;
  }
}

/**
 * True for a {@link WinkyError}. Checks the name rather than `instanceof`, so an error from
 * another copy of the SDK (two bundles, a test double) is recognised too.
 *
 * @example
 * ```ts
 * if (isWinkyError(e) && e.code === "unavailable") retryLater();
 * ```
 */
export function isWinkyError(e: unknown): e is WinkyError {
  return (
    e instanceof Error &&
    e.name === "WinkyError" &&
    typeof (e as { code?: unknown }).code === "string"
  );
}

/** A client-side refusal of bad input, before anything is sent. */
export function invalidArgument(message: string, details?: Record<string, unknown>): WinkyError {
  return new WinkyError("invalid-argument", message, details ? { details } : {});
}

// What a status means when the body does not say: a proxy's error page, an empty body.
const STATUS_CODES: Record<number, WinkyErrorCode> = {
  400: "invalid-argument",
  401: "unauthenticated",
  403: "permission-denied",
  404: "not-found",
  409: "aborted",
  429: "resource-exhausted",
  499: "cancelled",
  501: "unimplemented",
  502: "unavailable",
  503: "unavailable",
  504: "deadline-exceeded",
};

/**
 * The error for a non-2xx answer. The runtime's wire shape is taken as is; a JSON body of
 * another shape falls back on the status. A body that is not JSON is `internal` — the runtime
 * always answers JSON, so something else answered — except a gateway's 502/503/504 page, which
 * means the runtime is unreachable: `unavailable`, which callers retry.
 */
export function errorFromResponse(status: number, text: string): WinkyError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const gateway = status === 502 || status === 503 || status === 504;
    return new WinkyError(
      gateway ? "unavailable" : "internal",
      `the server answered ${status} with a body that is not JSON`,
      { status },
    );
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  const code =
    typeof error?.code === "string" && CODES.has(error.code)
      ? (error.code as WinkyErrorCode)
      : (STATUS_CODES[status] ?? (status >= 500 ? "internal" : "unknown"));
  const message =
    typeof error?.message === "string" ? error.message : `the server answered ${status}`;
  const details =
    typeof error?.details === "object" && error.details !== null
      ? (error.details as Record<string, unknown>)
      : undefined;
  return new WinkyError(code, message, { status, ...(details ? { details } : {}) });
}

/** The error for a request that got no answer at all. */
export function networkError(url: string, cause: unknown): WinkyError {
  const reason = cause instanceof Error ? `: ${cause.message}` : "";
  return new WinkyError("unavailable", `could not reach ${url}${reason}`, { status: 0, cause });
}

/**
 * @internal Calls the app's `callback`. An exception it throws is rethrown apart, as an
 * uncaught error, so that it cannot break the SDK's work in progress (the other listeners).
 */
export function callApp<T>(callback: (value: T) => void, value: T): void {
  try {
    callback(value);
  } catch (e) {
    setTimeout(() => {
      throw e;
    });
  }
}
