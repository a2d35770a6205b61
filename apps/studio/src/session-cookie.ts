/**
 * The studio's session: which credential the browser signed in with, kept in one httpOnly
 * cookie so page scripts never see it. Pure encoding and parsing here; the Next app reads and
 * writes the cookie through `app/_lib/session.ts`.
 *
 * A session is a tagged union: a pasted API token, or a person signed in through the platform's
 * runtime project; both are stored and read the same way.
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

/**
 * A person signed in through the platform's runtime project (email and password). The ID token
 * is what the orchestrator verifies; the refresh token renews it (`proxy.ts`), and the team is
 * the one they last chose (they may be in several).
 */
export interface PlatformSession {
  kind: "platform";
  email: string;
  idToken: string;
  refreshToken: string;
  /** When the ID token expires, ms since the epoch. */
  expiresAt: number;
  /** The team's slug; null until they choose one (or when they are in one only). */
  team: string | null;
}

/** Every kind of session the studio knows; add a member here for a new credential. */
export type Session = ApiTokenSession | PlatformSession;

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
  if (
    candidate.kind === "platform" &&
    typeof candidate.email === "string" &&
    typeof candidate.idToken === "string" &&
    candidate.idToken.length > 0 &&
    typeof candidate.refreshToken === "string" &&
    candidate.refreshToken.length > 0 &&
    typeof candidate.expiresAt === "number" &&
    (candidate.team === null || typeof candidate.team === "string")
  ) {
    const { email, idToken, refreshToken, expiresAt, team } = candidate;
    return { kind: "platform", email, idToken, refreshToken, expiresAt, team };
  }
  return null;
}

/** The bearer credential the orchestrator's API takes for `session`. */
export function credentialOf(session: Session): string {
  return session.kind === "platform" ? session.idToken : session.token;
}

/** Whether a platform session's ID token should be renewed before it is used (a minute ahead). */
export function needsRefresh(session: Session, now: number): boolean {
  return session.kind === "platform" && session.expiresAt - now < 60_000;
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

/**
 * The session cookie's attributes as Next's cookie API takes them (server actions, the proxy):
 * the same as {@link sessionCookie} writes by hand for route handlers.
 */
export function sessionCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    maxAge: SESSION_MAX_AGE_SECONDS,
    path: "/",
  };
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
