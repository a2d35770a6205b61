import { WinkyError, invalidArgument } from "../errors.js";
import type { HttpClient } from "../http.js";
import { toCallableData } from "./callable-data.js";

/** The names the runtime gives functions: a letter, then up to 62 letters, digits, `_`, `-`. */
const FUNCTION_NAME = /^[a-zA-Z][\w-]{0,62}$/;

/** Firebase's default: a call without an answer after 70 s fails with `deadline-exceeded`. */
export const DEFAULT_CALL_TIMEOUT_MS = 70_000;

/** Options of {@link httpsCallable} and {@link Functions.call}. */
export interface HttpsCallableOptions {
  /** Milliseconds to wait for the answer; default {@link DEFAULT_CALL_TIMEOUT_MS}. */
  timeout?: number;
}

/** What a callable made by {@link httpsCallable} resolves: the function's return value. */
export interface HttpsCallableResult<T = unknown> {
  readonly data: T;
}

/** A callable function, as {@link httpsCallable} makes it. */
export type HttpsCallable<Req = unknown, Res = unknown> = (
  data?: Req | null,
) => Promise<HttpsCallableResult<Res>>;

/**
 * The project's callable functions, as `client.functions`: `POST functions/<name>:call` with
 * `{ data }`, answered `{ result }`. A signed-in user's ID token goes along, so the function
 * sees them as `context.auth` (null otherwise).
 *
 * @example
 * ```ts
 * const { total } = await client.functions.call<{ total: number }>("checkout", { cartId });
 * ```
 */
export class Functions {
  /** @internal Made by {@link createClient}. */
  constructor(
    readonly project: string,
    private readonly http: HttpClient,
  ) {}

  /**
   * Calls the callable function `name` with `data` (JSON) and resolves what it returned.
   * @throws WinkyError invalid-argument for a bad name or data JSON cannot carry (naming the
   *   path, before anything is sent); the function's own refusal, with the code, message and
   *   `details` it threw (`new Error("permission-denied: Only admins can do that.")`, or an
   *   Error with a `code` such as `invalid-argument` and `details`, as Firebase's HttpsError;
   *   any code but internal, unknown and data-loss); the runtime's answers: not-found (no such
   *   callable), internal (the function failed otherwise; its message only reaches admins),
   *   deadline-exceeded (it or the client's `timeout` ran out), resource-exhausted (out of
   *   memory), unauthenticated (a refused ID token).
   *
   * @example
   * ```ts
   * try {
   *   await client.functions.call("setUserRole", { email, role: "admin", grant: true });
   * } catch (e) {
   *   if (isWinkyError(e) && e.code === "permission-denied") show(e.message);
   *   else throw e;
   * }
   * ```
   */
  async call<Res = unknown>(
    name: string,
    data?: unknown,
    options: HttpsCallableOptions = {},
  ): Promise<Res> {
    checkName(name);
    const timeout = checkTimeout(options.timeout);
    const body = { data: toCallableData(data, name) };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    try {
      const answer = await this.http.request<{ result?: unknown }>(`/functions/${name}:call`, {
        method: "POST",
        body,
        authenticated: true,
        signal: controller.signal,
      });
      if (typeof answer !== "object" || answer === null || !("result" in answer)) {
        throw new WinkyError("internal", `function '${name}' answered without a result`);
      }
      return answer.result as Res;
    } catch (e) {
      if (!controller.signal.aborted) throw e;
      throw new WinkyError(
        "deadline-exceeded",
        `function '${name}' did not answer within ${timeout} ms`,
        {
          cause: e,
        },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Firebase's `httpsCallable()`: a function that calls the callable `name` and resolves
 * `{ data }`, its return value.
 *
 * @example
 * ```ts
 * const addMessage = httpsCallable<{ text: string }, { id: string }>(functions, "addMessage");
 * const { data } = await addMessage({ text: "hello" });
 * ```
 * @throws WinkyError invalid-argument at once for a name the runtime cannot have or a bad
 *   timeout; the calls throw as {@link Functions.call}.
 */
export function httpsCallable<Req = unknown, Res = unknown>(
  functions: Functions,
  name: string,
  options: HttpsCallableOptions = {},
): HttpsCallable<Req, Res> {
  checkName(name);
  checkTimeout(options.timeout);
  return async (data) => ({ data: await functions.call<Res>(name, data, options) });
}

function checkName(name: unknown): void {
  if (typeof name !== "string" || !FUNCTION_NAME.test(name)) {
    throw invalidArgument(
      `${JSON.stringify(name)} is not a function name: a letter, then at most 62 letters, digits, '_' or '-'`,
    );
  }
}

function checkTimeout(timeout: number | undefined): number {
  if (timeout === undefined) return DEFAULT_CALL_TIMEOUT_MS;
  // setTimeout fires at once for anything above 2^31 - 1 ms.
  if (!Number.isSafeInteger(timeout) || timeout < 1 || timeout > 2 ** 31 - 1) {
    throw invalidArgument(`timeout must be a positive number of milliseconds, got ${timeout}`);
  }
  return timeout;
}
