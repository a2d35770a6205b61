import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from "jose";
import { AuthError } from "../errors.js";
import { HOUR, SECOND, systemClock, type Clock } from "../primitives.js";
import { isLoopbackHost } from "./provider-config.js";

/** The part of `fetch` the OIDC client uses; `globalThis.fetch` fits, and so does a test double. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What the runtime uses of a provider's discovery document (OpenID Connect Discovery 1.0). */
export interface OidcMetadata {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** `token_endpoint_auth_methods_supported`; the spec's default when absent. */
  tokenEndpointAuthMethods: string[];
}

/** Options of {@link OidcDiscovery}. */
export interface OidcDiscoveryOptions {
  fetch?: FetchLike;
  clock?: Clock;
  /** How long a discovery document is kept. Default 1 h. */
  cacheMs?: number;
  /** Per request to the provider. Default 5 s. */
  timeoutMs?: number;
  /** Accept `http://` endpoints on loopback hosts (tests, local emulators). Default false. */
  allowLoopbackHttp?: boolean;
}

// Far above any real discovery document or token answer; bounds what a hostile issuer can send.
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Fetches and caches providers' discovery documents and signing keys. Failures are not cached,
 * so a provider that comes back is used at once. Every failure to reach a provider is an
 * `AuthError` `provider-unavailable` naming the issuer and what failed, never a stack, and never
 * anything the runtime sent (client secrets stay out of messages).
 *
 * JWKS are jose's `createRemoteJWKSet`: cached 10 minutes, refetched (at most every 30 s) when a
 * token names an unknown `kid`, which is how providers rotate keys.
 */
export class OidcDiscovery {
  private readonly fetchImpl: FetchLike;
  private readonly clock: Clock;
  private readonly cacheMs: number;
  readonly timeoutMs: number;
  private readonly allowLoopbackHttp: boolean;
  private readonly documents = new Map<string, { metadata: OidcMetadata; fetchedAt: number }>();
  private readonly pending = new Map<string, Promise<OidcMetadata>>();
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(options: OidcDiscoveryOptions = {}) {
    this.fetchImpl = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.clock = options.clock ?? systemClock;
    this.cacheMs = options.cacheMs ?? HOUR;
    this.timeoutMs = options.timeoutMs ?? 5 * SECOND;
    this.allowLoopbackHttp = options.allowLoopbackHttp ?? false;
  }

  /**
   * The provider's metadata, from the cache or `<issuer>/.well-known/openid-configuration`.
   * The document must name exactly this issuer (Discovery §4.3).
   *
   * @throws AuthError `provider-unavailable` naming the issuer: unreachable, not JSON, a field
   *   missing, an endpoint that is not https, or another issuer named.
   */
  async metadata(issuer: string): Promise<OidcMetadata> {
    const cached = this.documents.get(issuer);
    if (cached && this.clock.now().getTime() - cached.fetchedAt < this.cacheMs) {
      return cached.metadata;
    }
    let pending = this.pending.get(issuer);
    if (!pending) {
      pending = this.discover(issuer).finally(() => this.pending.delete(issuer));
      this.pending.set(issuer, pending);
    }
    return pending;
  }

  /**
   * The key resolver for ID tokens of this provider. A JWKS that cannot be fetched throws
   * `provider-unavailable`; a token whose `kid` is not in it fails as jose reports it.
   */
  keys(metadata: OidcMetadata): JWTVerifyGetKey {
    let keys = this.keySets.get(metadata.jwksUri);
    if (!keys) {
      const remote = createRemoteJWKSet(new URL(metadata.jwksUri), {
        timeoutDuration: this.timeoutMs,
        [customFetch]: (url, init) => this.fetchImpl(url, init),
      });
      keys = async (header, token) => {
        try {
          return await remote(header, token);
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          if (code === "ERR_JWKS_NO_MATCHING_KEY" || code === "ERR_JWKS_MULTIPLE_MATCHING_KEYS") {
            throw e;
          }
          throw unavailable(metadata.issuer, "its signing keys (jwks_uri)", describeFailure(e));
        }
      };
      this.keySets.set(metadata.jwksUri, keys);
    }
    return keys;
  }

  /**
   * POSTs a form to one of the provider's endpoints and resolves the HTTP status and the JSON
   * answer. Non-2xx answers resolve too, so the caller can read OAuth's `error`.
   *
   * @throws AuthError `provider-unavailable` when there is no answer or it is not JSON.
   */
  async postForm(
    issuer: string,
    url: string,
    what: string,
    form: URLSearchParams,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await this.send(issuer, what, url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: form.toString(),
    });
    return { status: response.status, body: await readJson(issuer, what, response) };
  }

  private async discover(issuer: string): Promise<OidcMetadata> {
    const what = "discovery";
    const url = `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
    const response = await this.send(issuer, what, url, { method: "GET" });
    if (response.status !== 200) {
      throw unavailable(issuer, what, `${url} answered HTTP ${response.status}`);
    }
    const doc = await readJson(issuer, what, response);
    if (doc.issuer !== issuer) {
      const named = typeof doc.issuer === "string" ? `'${doc.issuer.slice(0, 200)}'` : "none";
      throw unavailable(
        issuer,
        what,
        `the document names issuer ${named}; configure the issuer exactly as the provider names it`,
        ISSUER_MISMATCH,
      );
    }
    const endpoint = (field: string): string => {
      const value = doc[field];
      const problem = typeof value === "string" ? this.endpointProblem(value) : "is missing";
      if (problem) throw unavailable(issuer, what, `${field} ${problem}`);
      return value as string;
    };
    const methods = doc.token_endpoint_auth_methods_supported;
    const metadata: OidcMetadata = {
      issuer,
      authorizationEndpoint: endpoint("authorization_endpoint"),
      tokenEndpoint: endpoint("token_endpoint"),
      jwksUri: endpoint("jwks_uri"),
      tokenEndpointAuthMethods:
        Array.isArray(methods) && methods.every((m) => typeof m === "string")
          ? (methods as string[])
          : ["client_secret_basic"],
    };
    this.documents.set(issuer, { metadata, fetchedAt: this.clock.now().getTime() });
    return metadata;
  }

  private endpointProblem(value: string): string | null {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return "is not a URL";
    }
    if (url.protocol === "https:") return null;
    if (url.protocol === "http:" && this.allowLoopbackHttp && isLoopbackHost(url.hostname)) {
      return null;
    }
    return "is not https";
  }

  private async send(
    issuer: string,
    what: string,
    url: string,
    init: RequestInit,
  ): Promise<Response> {
    try {
      // Redirects are refused: an endpoint is used where the provider says it is, no further.
      return await this.fetchImpl(url, {
        ...init,
        redirect: "error",
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw unavailable(issuer, what, describeFailure(e, this.timeoutMs));
    }
  }
}

async function readJson(
  issuer: string,
  what: string,
  response: Response,
): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    throw unavailable(issuer, what, describeFailure(e));
  }
  if (text.length > MAX_BODY_BYTES) throw unavailable(issuer, what, "the answer is too large");
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Answered below: the body itself is never quoted, it may be anything.
  }
  throw unavailable(issuer, what, `the answer (HTTP ${response.status}) is not a JSON object`);
}

/** A short, secret-free reason: the error's code or name (`ECONNREFUSED`, `TimeoutError`). */
function describeFailure(e: unknown, timeoutMs?: number): string {
  const error = e as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  if (error?.name === "TimeoutError" || error?.code === "ERR_JWKS_TIMEOUT") {
    return timeoutMs === undefined ? "timed out" : `timed out after ${timeoutMs} ms`;
  }
  // jose's own messages are fixed sentences ("Expected 200 OK from the JSON Web Key Set …").
  if (typeof error?.code === "string" && error.code.startsWith("ERR_J") && e instanceof Error) {
    return e.message;
  }
  const code = error?.cause?.code ?? error?.code;
  if (typeof code === "string" && /^[A-Z_]{2,40}$/.test(code)) return `unreachable (${code})`;
  return "unreachable";
}

/**
 * The `cause` of the `provider-unavailable` error for a discovery document that names another
 * issuer: at configuration time that is the admin's mistake, not an outage.
 */
export const ISSUER_MISMATCH = Object.freeze({ reason: "issuer-mismatch" });

function unavailable(issuer: string, what: string, reason: string, cause?: unknown): AuthError {
  return new AuthError(
    "provider-unavailable",
    `cannot use the OpenID provider ${issuer} (${what}): ${reason}`,
    cause === undefined ? {} : { cause },
  );
}
