/** What crosses the sandbox boundary: events in, results out, host API requests both ways. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One deployed version of one function. Versions are immutable: a new bundle is a new version. */
export interface FunctionRef {
  id: string;
  version: string;
}

/** A function version as {@link Sandbox.prepare} takes it. */
export interface FunctionSpec extends FunctionRef {
  /**
   * One ES module (esbuild's `--format=esm --bundle` output) exporting the handler as `default`
   * or as `handler`: `(event, context) => result | Promise<result>`, the result JSON.
   */
  bundle: string;
  /** Environment (including secrets) the function sees in `process.env`; never logged. */
  env: Record<string, string>;
  /** Memory limit of one sandbox, in MiB (RAM, no swap). */
  memoryMb: number;
  /** CPU limit of one sandbox, in cores (0.5 = half a core). */
  cpus: number;
  /** Default hard timeout of one invocation, in ms; the sandbox is killed when it expires. */
  timeoutMs: number;
  /** Invocations one sandbox runs at once (default 1, as Lambda; more, as Cloud Run). */
  maxConcurrency?: number;
}

/** The second argument of a handler. */
export interface InvocationContext {
  invocationId: string;
  functionId: string;
  version: string;
  /** Epoch ms at which the invocation is killed. */
  deadline: number;
}

/** One line a function wrote, attributed to the invocation it wrote it in. */
export interface LogLine {
  stream: "stdout" | "stderr";
  line: string;
  /** When the sandbox saw it, epoch ms. */
  at: number;
}

/**
 * Why an invocation failed: `timeout` (killed at its deadline), `oom` (killed, or failed an
 * allocation, at its memory limit), `crash` (the sandbox died: `process.exit`, a native crash,
 * a fatal exception, or another invocation's timeout in the same sandbox), `error` (the handler
 * threw or rejected, the result was not JSON, or the bundle failed to load).
 */
export type InvocationErrorKind = "timeout" | "oom" | "crash" | "error";

export interface InvocationError {
  kind: InvocationErrorKind;
  message: string;
  /** For `error`: the stack, without the runner's and Node's internal frames. */
  stack?: string;
  /**
   * For `error`: the thrown Error's `code` property when it is a string of 1 to
   * {@link ERROR_FIELD_LIMITS}`.codeLength` characters (Node's `ENOENT`, or a code the function
   * chose, as in Firebase's `HttpsError`). The host decides which codes mean anything.
   */
  code?: string;
  /**
   * For `error`: the thrown Error's `details` property when it is a JSON object of at most
   * {@link ERROR_FIELD_LIMITS}`.detailsBytes` bytes; other details are dropped, and the
   * invocation's log says why.
   */
  details?: { [key: string]: JsonValue };
}

/**
 * How much of a thrown Error's `code` and `details` crosses the boundary: enough for a refusal
 * a caller may be shown, never a way to send the host megabytes in an error.
 */
export const ERROR_FIELD_LIMITS = { codeLength: 64, detailsBytes: 10 * 1024 } as const;

interface InvocationCommon {
  /** Wall time of `invoke`, queueing and a cold start included. */
  durationMs: number;
  /** What the function wrote during this invocation (and its module initialisation, if first). */
  logs: LogLine[];
  /** Whether this invocation waited for a new sandbox to start. */
  coldStart: boolean;
}

export interface InvocationSuccess extends InvocationCommon {
  ok: true;
  result: JsonValue;
}

export interface InvocationFailure extends InvocationCommon {
  ok: false;
  error: InvocationError;
  /** The sandbox's exit status when it died (`crash`, `oom`). */
  exitCode?: number;
}

export type InvocationResult = InvocationSuccess | InvocationFailure;

export interface InvokeOptions {
  /** Overrides the function's `timeoutMs` for this invocation. */
  timeoutMs?: number;
  /**
   * Aborts the invocation: a queued one is dropped, a running one's sandbox is killed.
   * `invoke` then rejects with `signal.reason`.
   */
  signal?: AbortSignal;
}

/**
 * Serves the requests functions send on the host API socket (`WINKY_HOST_SOCKET`). `caller` is
 * the sandbox's function version, as the host knows it (not as the function claims). A throw
 * answers `{ error: { message } }`.
 */
export type HostApiHandler = (
  request: JsonValue,
  caller: FunctionRef,
) => JsonValue | Promise<JsonValue>;

export interface PoolOptions {
  /** A sandbox with nothing to run for this long is stopped (scale to zero). */
  idleMs: number;
  /** Sandboxes per function version at most; further invocations queue. */
  maxPerVersion: number;
}

/** Counters of one function version, or of the whole sandbox when no version is given. */
export interface SandboxStats {
  /** Sandboxes started since `prepare` (or since the `Sandbox` was made). */
  started: number;
  /** Sandboxes starting or ready now (not those being killed or removed). */
  live: number;
  /** Invocations running now. */
  running: number;
  /** Invocations waiting for a free sandbox. */
  queued: number;
}

/**
 * Runs untrusted function code in isolated, resource-limited sandboxes, keeping a warm pool per
 * function version. Implementations: `DockerSandbox`, `BubblewrapSandbox`; both pass
 * `describeSandbox` from `@winky/sandbox/testing`.
 *
 * Semantics every implementation keeps:
 * - `invoke` resolves with a failure for anything the function does (throw, hang, exhaust
 *   memory, exit); it rejects only for the caller's mistakes (`not-prepared`, `invalid-argument`,
 *   `closed`), an unavailable engine (`unavailable`), or an abort (`signal.reason`).
 * - A sandbox that timed out, ran out of memory or crashed is discarded; the next invocation
 *   gets a fresh one.
 * - The function sees no network, a read-only root and a writable `/tmp`, runs as a non-root
 *   user, and reaches the host only through the host API socket.
 */
export interface Sandbox {
  /**
   * Registers a function version. Starts nothing: the first invocation starts a sandbox.
   * Preparing the same version again with the same spec is a no-op.
   * @throws SandboxError `invalid-argument` for a bad spec, `already-exists` when the version is
   * prepared with a different spec, `closed` after `close`.
   */
  prepare(fn: FunctionSpec): Promise<void>;
  /**
   * Runs the function on `event` in a warm sandbox, or starts one.
   * @throws SandboxError `not-prepared`, `invalid-argument` (event not JSON), `closed`,
   * `unavailable` (the engine failed to start a sandbox); `signal.reason` when aborted.
   */
  invoke(fn: FunctionRef, event: JsonValue, options?: InvokeOptions): Promise<InvocationResult>;
  /**
   * Retires a version (on redeploy): new invocations are refused at once (`not-prepared`);
   * resolves once those already accepted have finished and its sandboxes are removed.
   * Idempotent; a version never prepared resolves at once.
   */
  drain(fn: FunctionRef): Promise<void>;
  /** Counters for one version, or for everything. */
  stats(fn?: FunctionRef): SandboxStats;
  /** Drains every version and releases everything the sandbox made. Idempotent. */
  close(): Promise<void>;
}
