import { errorFromResponse, isWinkyError, networkError } from "./errors.js";

/**
 * The part of `fetch` the SDK uses; `globalThis.fetch` fits, and so does a test double.
 *
 * @example
 * ```ts
 * const logged: FetchLike = (url, init) => (console.log(init.method, url), fetch(url, init));
 * createClient({ url, project, fetch: logged });
 * ```
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Where authenticated requests get their ID token; implemented by the auth module. */
export interface TokenSource {
  /** The current ID token (refreshed first when about to expire), or null when signed out. */
  getIdToken(): Promise<string | null>;
  /**
   * A token to replace `rejected`, which the runtime refused as expired: the current one when
   * it is already another token, else a refreshed one.
   */
  renewIdToken(rejected: string): Promise<string | null>;
}

export interface HttpClientOptions {
  /** The runtime's origin, e.g. `https://api.example.com`. */
  url: string;
  project: string;
  fetch: FetchLike;
}

/** How one request is sent. */
export interface RequestOptions {
  method: "GET" | "POST";
  body?: unknown;
  /** Send the signed-in user's ID token (documents); auth endpoints do not. */
  authenticated?: boolean;
}

/**
 * JSON over HTTP to one project's API (`<url>/v1/projects/<project>`). Every failure becomes a
 * WinkyError: the runtime's error as it sent it, `unavailable` without an answer, `internal`
 * for an answer that is not JSON.
 */
export class HttpClient {
  private readonly base: string;
  private readonly fetchImpl: FetchLike;
  private tokens: TokenSource | undefined;

  constructor(options: HttpClientOptions) {
    this.base = `${options.url.replace(/\/+$/, "")}/v1/projects/${encodeURIComponent(options.project)}`;
    this.fetchImpl = options.fetch;
  }

  /** Connects the auth module, which itself sends through this client. */
  useTokens(tokens: TokenSource): void {
    this.tokens = tokens;
  }

  /**
   * Sends a request and resolves its JSON body (undefined for 204).
   * @throws WinkyError for any failure.
   */
  async request<T>(path: string, options: RequestOptions): Promise<T> {
    const token = options.authenticated ? await this.tokens?.getIdToken() : null;
    try {
      return await this.send<T>(path, options, token ?? null);
    } catch (e) {
      // The token's lifetime is judged by the local clock, which may run behind the runtime's:
      // when the runtime says it expired, renew it once and try again.
      const expired = isWinkyError(e) && e.details?.reason === "token-expired";
      if (!token || !expired || !this.tokens) throw e;
      const renewed = await this.tokens.renewIdToken(token);
      return this.send<T>(path, options, renewed);
    }
  }

  private async send<T>(path: string, options: RequestOptions, token: string | null): Promise<T> {
    const url = this.base + path;
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        method: options.method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      text = await response.text();
    } catch (e) {
      throw networkError(url, e);
    }
    if (!response.ok) throw errorFromResponse(response.status, text);
    if (response.status === 204 || text === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw errorFromResponse(response.status, text);
    }
  }
}
