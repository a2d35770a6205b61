/**
 * The studio's session: which credential the browser signed in with, kept in one httpOnly
 * cookie so page scripts never see it. Pure encoding and parsing here; the Next app reads and
 * writes the cookie through `app/_lib/session.ts`.
 *
 * A session is a tagged union so that another way of signing in (the runtime's own auth,
 * later) adds a `kind` without changing how sessions are stored or read.
 */

/** The cookie's name. */
export const SESSION_COOKIE = "winky_studio_session";

/** How long a session lasts in the browser; the token's own expiry still applies. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** A session made by pasting an orchestrator API token (`winky teams create`). */
export interface ApiTokenSession {
  kind: "api-token";
  token: string;
  /** What the user typed; not verified by the API, so never shown as proof of identity. */
  email: string;
}

/** Every kind of session the studio knows; add a member here for a new credential. */
export type Session = ApiTokenSession;

const VERSION = "v1";

/** The cookie value for `session`: versioned, base64url JSON (cookie-safe, no quoting). */
export function encodeSession(session: Session): string {
  return `${VERSION}.${Buffer.from(JSON.stringify(session), "utf8").toString("base64url")}`;
}

/**
 * The session a cookie value holds, or null when it holds none the studio can use (absent,
 * another version, tampered with). A bad cookie means "signed out", never an error page.
 */
export function parseSession(value: string | undefined): Session | null {
  if (!value?.startsWith(`${VERSION}.`)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(value.slice(VERSION.length + 1), "base64url").toString());
  } catch {
    return null;
  }
  if (typeof decoded !== "object" || decoded === null) return null;
  const candidate = decoded as Record<string, unknown>;
  if (
    candidate.kind === "api-token" &&
    typeof candidate.token === "string" &&
    candidate.token.length > 0 &&
    typeof candidate.email === "string"
  ) {
    return { kind: "api-token", token: candidate.token, email: candidate.email };
  }
  return null;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  /** Only over HTTPS; set when the studio is served over HTTPS. */
  secure: boolean;
  path?: string;
}

/**
 * A `Set-Cookie` header value that page scripts cannot read (`HttpOnly`) and that other
 * sites' requests do not carry, except top-level navigations (`SameSite=Lax`).
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${value}`,
    `Path=${options.path ?? "/"}`,
    `Max-Age=${options.maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** The `Set-Cookie` value that signs the browser in with `session`. */
export function sessionCookie(session: Session, secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, encodeSession(session), {
    maxAgeSeconds: SESSION_MAX_AGE_SECONDS,
    secure,
  });
}

/** The `Set-Cookie` value that signs the browser out. */
export function clearedSessionCookie(secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0, secure });
}
