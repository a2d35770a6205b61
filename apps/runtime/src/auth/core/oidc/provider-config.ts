import { z } from "zod";
import { AuthError } from "../errors.js";

/** The issuer of the `google` preset: Google's OpenID Connect issuer. */
export const GOOGLE_ISSUER = "https://accounts.google.com";

/** Scopes asked for when the admin names none: the ID token then carries the email. */
export const DEFAULT_OIDC_SCOPES: readonly string[] = Object.freeze(["openid", "email", "profile"]);

/** What an admin configures for one OpenID Connect provider of a project. */
export interface OidcProviderSettings {
  /** The issuer URL, exactly as the provider's ID tokens name it in `iss`. */
  issuer: string;
  clientId: string;
  /**
   * Plaintext in memory; the Postgres store encrypts it at rest. No API, log or error ever shows
   * it: views carry `hasClientSecret` instead ({@link toProviderView}).
   */
  clientSecret: string;
  /** Always includes `openid`. */
  scopes: string[];
  /** The app URLs a sign-in may return to, compared exactly (no prefixes, no wildcards). */
  redirectUris: string[];
  /**
   * The runtime's callback URL as registered at the provider, when it cannot be derived from the
   * request (a TLS-terminating proxy in front of the runtime); null derives it.
   */
  callbackUrl: string | null;
  enabled: boolean;
}

/** One provider as stored. */
export interface OidcProviderRecord extends OidcProviderSettings {
  projectId: string;
  /** The id in URLs and identities: `google`, `okta`, … */
  providerId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What the admin API shows of a provider: everything but the client secret. */
export interface OidcProviderView {
  providerId: string;
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  scopes: string[];
  redirectUris: string[];
  callbackUrl: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Where provider settings live. Every method names the project. `list` is ordered by
 * `providerId`; `put` inserts or replaces; `delete` resolves false when there was none.
 */
export interface AuthProviderStore {
  get(projectId: string, providerId: string): Promise<OidcProviderRecord | null>;
  list(projectId: string): Promise<OidcProviderRecord[]>;
  put(record: OidcProviderRecord): Promise<void>;
  delete(projectId: string, providerId: string): Promise<boolean>;
}

/**
 * The view of a provider, rebuilt field by field rather than spread from the record, so the
 * client secret cannot reach an answer even if a store adds fields.
 */
export function toProviderView(record: OidcProviderRecord): OidcProviderView {
  return {
    providerId: record.providerId,
    issuer: record.issuer,
    clientId: record.clientId,
    hasClientSecret: record.clientSecret !== "",
    scopes: [...record.scopes],
    redirectUris: [...record.redirectUris],
    callbackUrl: record.callbackUrl,
    enabled: record.enabled,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/**
 * The `sign_in_provider` of tokens from this provider, as Firebase names them: `google.com`
 * for Google, `oidc.<id>` for any other OpenID Connect provider.
 */
export function signInProviderOf(providerId: string): string {
  return providerId === "google" ? "google.com" : `oidc.${providerId}`;
}

const PROVIDER_ID = /^[a-z][a-z0-9-]{1,31}$/;

/**
 * Checks a provider id from a URL.
 *
 * @throws AuthError `invalid-provider-config` naming the rule.
 */
export function checkProviderId(providerId: string): string {
  if (!PROVIDER_ID.test(providerId)) {
    throw invalidConfig(
      `providerId: '${providerId.slice(0, 40)}' must be 2–32 characters of a-z, 0-9 and '-', ` +
        "starting with a letter",
    );
  }
  return providerId;
}

/** Options of {@link parseProviderSettings}. */
export interface ProviderSettingsOptions {
  /** Accept `http://` issuers on loopback hosts (tests, local emulators). Default false. */
  allowLoopbackHttpIssuer?: boolean;
}

// RFC 6749 §3.3 scope-token: printable ASCII but space, '"' and '\'.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/;
// RFC 8252 §7.1: a native app's private-use scheme is a reversed domain name, so it has a dot.
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/;

const Input = z
  .object({
    preset: z.literal("google", { error: "the only preset is 'google'" }).optional(),
    issuer: z.string().max(2048).optional(),
    clientId: z
      .string({ error: "is required" })
      .min(1, "is required")
      .max(512)
      .regex(/^\S+$/, "must not contain whitespace"),
    clientSecret: z.string().min(1, "must not be empty").max(1024).optional(),
    scopes: z
      .array(z.string().regex(SCOPE_TOKEN, "each scope must be a scope token (no spaces)"))
      .min(1)
      .max(20)
      .refine((s) => s.includes("openid"), "must include 'openid'")
      .refine((s) => new Set(s).size === s.length, "must not repeat a scope")
      .optional(),
    redirectUris: z
      .array(z.string().max(2048), { error: "is required: a list of URLs" })
      .min(1, "list at least one URL the app may be sent back to")
      .max(20)
      .refine((u) => new Set(u).size === u.length, "must not repeat a URL"),
    callbackUrl: z.string().max(2048).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

/**
 * Validates a provider's settings from the admin API, field by field. Every problem is named
 * (`redirectUris[1]: must be https …`); the client secret is never echoed. On an update the
 * client secret may be left out to keep the stored one.
 *
 * `google` as provider id (or `preset: "google"`) fills in Google's issuer and the default
 * scopes.
 *
 * @throws AuthError `invalid-provider-config` listing every problem.
 */
export function parseProviderSettings(
  providerId: string,
  input: unknown,
  existing: OidcProviderRecord | null,
  options: ProviderSettingsOptions = {},
): OidcProviderSettings {
  checkProviderId(providerId);
  const parsed = Input.safeParse(input ?? {});
  if (!parsed.success) {
    throw invalidConfig(
      parsed.error.issues
        .map((i) => {
          const where = i.path.length > 0 ? pathOf(i.path) : "body";
          return i.code === "unrecognized_keys"
            ? `${where}: unknown field(s) ${i.keys.join(", ")}`
            : `${where}: ${i.message}`;
        })
        .join("; "),
    );
  }
  const body = parsed.data;
  const problems: string[] = [];
  const google = body.preset === "google" || providerId === "google";
  let issuer = body.issuer ?? (google ? GOOGLE_ISSUER : undefined);
  if (google && body.issuer !== undefined && body.issuer !== GOOGLE_ISSUER) {
    problems.push(`issuer: the google preset's issuer is ${GOOGLE_ISSUER}`);
  } else if (issuer === undefined) {
    problems.push("issuer: is required (or use preset 'google')");
  } else {
    const problem = issuerProblem(issuer, options.allowLoopbackHttpIssuer === true);
    if (problem) problems.push(`issuer: ${problem}`);
  }
  body.redirectUris.forEach((uri, i) => {
    const problem = redirectUriProblem(uri);
    if (problem) problems.push(`redirectUris[${i}]: ${problem}`);
  });
  if (body.callbackUrl) {
    const problem = webUrlProblem(body.callbackUrl, true);
    if (problem) problems.push(`callbackUrl: ${problem}`);
  }
  const clientSecret = body.clientSecret ?? existing?.clientSecret;
  if (clientSecret === undefined) problems.push("clientSecret: is required");
  if (problems.length > 0) throw invalidConfig(problems.join("; "));
  issuer = issuer!;
  return {
    issuer,
    clientId: body.clientId,
    clientSecret: clientSecret!,
    scopes: body.scopes ?? [...DEFAULT_OIDC_SCOPES],
    redirectUris: body.redirectUris,
    callbackUrl: body.callbackUrl ?? null,
    enabled: body.enabled ?? true,
  };
}

/** True for `localhost`, `127.x.x.x` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function issuerProblem(value: string, allowLoopbackHttp: boolean): string | null {
  const problem = webUrlProblem(value, allowLoopbackHttp);
  if (problem) return problem;
  const url = new URL(value);
  if (url.search !== "") return "must not have a query";
  return null;
}

/** A problem with an http(s) URL, or null. `http:` only on loopback hosts, and only if allowed. */
function webUrlProblem(value: string, allowLoopbackHttp: boolean): string | null {
  const url = parseUrl(value);
  if (!url) return `'${value.slice(0, 200)}' is not an absolute URL`;
  const loopbackHttp = url.protocol === "http:" && isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !(allowLoopbackHttp && loopbackHttp)) {
    return allowLoopbackHttp
      ? "must be https (http only for localhost and 127.0.0.1)"
      : "must be https";
  }
  if (url.username !== "" || url.password !== "") return "must not carry credentials";
  if (url.hash !== "" || value.includes("#")) return "must not have a fragment";
  return null;
}

function redirectUriProblem(value: string): string | null {
  if (value.includes("*")) return "wildcards are not allowed: list each URL exactly";
  const url = parseUrl(value);
  if (!url) return `'${value.slice(0, 200)}' is not an absolute URL`;
  if (url.protocol === "http:" || url.protocol === "https:") return webUrlProblem(value, true);
  if (!PRIVATE_USE_SCHEME.test(url.protocol)) {
    return "must be https, http on localhost, or an app scheme such as com.example.app:/auth";
  }
  if (url.hash !== "" || value.includes("#")) return "must not have a fragment";
  return null;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`))
    .join("");
}

function invalidConfig(message: string): AuthError {
  return new AuthError("invalid-provider-config", message);
}
