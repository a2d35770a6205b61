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

/** The methods the runtime's HTTP API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** How one JSON request is sent. */
export interface RequestOptions {
  method: HttpMethod;
  body?: unknown;
  /** Send the signed-in user's ID token (documents); auth endpoints do not. */
  authenticated?: boolean;
  /** Aborts the request; the caller decides what an abort means (a timeout, a pause). */
  signal?: AbortSignal;
}

/** How one request with a body that is not JSON (file content) is sent. */
export interface RawRequestOptions {
  method: HttpMethod;
  headers?: Record<string, string>;
  body?: Blob | Uint8Array | string;
  authenticated?: boolean;
  signal?: AbortSignal;
  /** Statuses outside 2xx that are answers rather than errors (`308` of resumable uploads). */
  expect?: readonly number[];
}

/**
 * Requests to one project's API (`<url>/v1/projects/<project>`). Every failure becomes a
 * WinkyError: the runtime's error as it sent it, `unavailable` without an answer, `internal`
 * for an answer that is not JSON.
 */
export class HttpClient {
  /** `<url>/v1/projects/<project>`: what request paths are appended to. */
  readonly base: string;
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
   * Sends a JSON request and resolves its JSON body (undefined for 204).
   * @throws WinkyError for any failure.
   */
  async request<T>(path: string, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await this.raw(path, {
      method: options.method,
      headers,
      authenticated: options.authenticated ?? false,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const text = await readText(response, this.base + path);
    if (response.status === 204 || text === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw errorFromResponse(response.status, text);
    }
  }

  /**
   * Sends a request and resolves the answer with its body unread, for content (downloads) and
   * answers whose headers matter (resumable uploads). A non-2xx answer not in `expect` is read
   * and thrown as a WinkyError.
   * @throws WinkyError for any failure.
   */
  async raw(path: string, options: RawRequestOptions): Promise<Response> {
    const token = options.authenticated ? await this.tokens?.getIdToken() : null;
    try {
      return await this.send(path, options, token ?? null);
    } catch (e) {
      // The token's lifetime is judged by the local clock, which may run behind the runtime's:
      // when the runtime says it expired, renew it once and try again.
      const expired = isWinkyError(e) && e.details?.reason === "token-expired";
      if (!token || !expired || !this.tokens) throw e;
      const renewed = await this.tokens.renewIdToken(token);
      return this.send(path, options, renewed);
    }
  }

  private async send(
    path: string,
    options: RawRequestOptions,
    token: string | null,
  ): Promise<Response> {
    const url = this.base + path;
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: options.method,
        headers,
        // Typed as BodyInit: TypeScript's DOM types refuse a Uint8Array over an ArrayBufferLike.
        ...(options.body !== undefined ? { body: options.body as BodyInit } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (e) {
      throw networkError(url, e);
    }
    if (response.ok || options.expect?.includes(response.status)) return response;
    throw errorFromResponse(response.status, await readText(response, url));
  }
}

/** The body as text; a connection lost while reading is `unavailable`, as one lost before. */
async function readText(response: Response, url: string): Promise<string> {
  try {
    return await response.text();
  } catch (e) {
    throw networkError(url, e);
  }
}
