/**
 * Sign-in with redirect (OpenID Connect, e.g. Google): what the SDK keeps across the round trip
 * to the provider, and how it reads the runtime's answer from the returning URL's fragment.
 *
 * The runtime sends the browser back to the app with `#code=<one-time code>` or
 * `#error=<code>&error_description=…`. The SDK only exchanges a code for a redirect it started
 * itself: it keeps a random verifier whose SHA-256 it sent as `codeChallenge`, and the runtime
 * gives the session only to whoever presents that verifier. A code planted in a link (someone
 * else's sign-in) or leaked from a URL is therefore useless, and a stray fragment is ignored.
 */
import { WinkyError, invalidArgument, type WinkyErrorCode } from "../errors.js";
import type { AuthStorage } from "./session.js";

/**
 * Options of `signInWithRedirect` and `linkWithRedirect`.
 * @example `{ redirectUri: "https://app.example.com/auth/done" }`
 */
export interface RedirectOptions {
  /**
   * Where the provider's answer comes back: one of the URLs on the provider's allow-list in the
   * project's settings, exactly. The page there calls `getRedirectResult()`.
   */
  redirectUri: string;
  /**
   * In a browser the SDK navigates to the provider unless this is false; elsewhere it never
   * does. Either way the provider's URL is returned.
   */
  navigate?: boolean;
}

/** @internal A redirect in progress, kept until `getRedirectResult` completes it. */
export interface PendingRedirect {
  provider: string;
  /** The secret whose SHA-256 the runtime holds as the flow's challenge. */
  verifier: string;
  /** True for `linkWithRedirect`: the exchange carries the user's ID token. */
  link: boolean;
  /** Epoch ms; a pending redirect older than the runtime's 10-minute limit is dropped. */
  startedAt: number;
}

const PENDING_TTL_MS = 15 * 60_000;

/** @internal What the returning URL's fragment says, or null when it is not our answer. */
export type RedirectAnswer = { code: string } | { error: string; description: string | undefined };

interface BrowserGlobals {
  location?: { href: string; pathname: string; search: string; assign(url: string): void };
  history?: { replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage?: AuthStorage;
}
const browser = globalThis as BrowserGlobals;

/**
 * @internal Where pending redirects are kept: the tab's `sessionStorage` in a browser (it
 * survives the navigation even when the session itself is kept in memory), the client's
 * storage elsewhere.
 */
export function pendingStorage(fallback: AuthStorage): AuthStorage {
  try {
    return browser.sessionStorage ?? fallback;
  } catch {
    return fallback; // sessionStorage throws when the browser blocks storage
  }
}

/** @internal Checks the redirect options before anything is sent. */
export function checkRedirectOptions(
  method: string,
  provider: unknown,
  options: RedirectOptions | undefined,
): void {
  if (typeof provider !== "string" || !/^[a-z][a-z0-9-]{1,31}$/.test(provider)) {
    throw invalidArgument(`${method}(): provider must be a provider id such as "google"`);
  }
  if (typeof options?.redirectUri !== "string" || options.redirectUri === "") {
    throw invalidArgument(`${method}(): options.redirectUri is required`);
  }
}

/** @internal A new verifier and its S256 challenge (RFC 7636). */
export async function newVerifier(): Promise<{ verifier: string; challenge: string }> {
  // Browsers give Web Crypto to secure contexts only: a page on plain http (not localhost).
  if (typeof crypto === "undefined" || crypto.subtle === undefined) {
    throw new WinkyError(
      "failed-precondition",
      "redirect sign-in needs Web Crypto, which browsers only give to pages served over https " +
        "or from localhost",
    );
  }
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

/** @internal Goes to the provider in a browser, unless told not to. */
export function navigate(url: string, options: RedirectOptions): void {
  if (options.navigate !== false && browser.location) browser.location.assign(url);
}

/** @internal The answer in `url`'s fragment (the current page's by default), or null. */
export function readAnswer(url: string | undefined): RedirectAnswer | null {
  const href = url ?? browser.location?.href;
  if (!href) return null;
  const hash = href.includes("#") ? href.slice(href.indexOf("#") + 1) : "";
  const params = new URLSearchParams(hash);
  const code = params.get("code");
  const error = params.get("error");
  if (error) return { error, description: params.get("error_description") ?? undefined };
  return code ? { code } : null;
}

/** @internal Removes the answer from the address bar, so a reload does not replay it. */
export function clearAnswerFromAddressBar(url: string | undefined): void {
  const { location, history } = browser;
  if (url !== undefined || !location || !history) return;
  history.replaceState(null, "", `${location.pathname}${location.search}`);
}

/** @internal Reads and validates a kept pending redirect. */
export function parsePending(text: string | null, now: number): PendingRedirect | null {
  if (!text) return null;
  try {
    const p = JSON.parse(text) as Partial<PendingRedirect>;
    const ok =
      typeof p.provider === "string" &&
      typeof p.verifier === "string" &&
      typeof p.link === "boolean" &&
      typeof p.startedAt === "number" &&
      now - p.startedAt < PENDING_TTL_MS;
    return ok ? (p as PendingRedirect) : null;
  } catch {
    return null;
  }
}

/**
 * @internal The error for `#error=…`: the user cancelling at the provider is `cancelled`, a
 * provider that cannot be reached `unavailable`, a sign-in method switched off
 * `failed-precondition`, anything else `unauthenticated`. `details.reason` is the code sent.
 */
export function redirectError(error: string, description: string | undefined): WinkyError {
  const codes: Record<string, WinkyErrorCode> = {
    access_denied: "cancelled",
    temporarily_unavailable: "unavailable",
    server_error: "unavailable",
    "provider-unavailable": "unavailable",
    "provider-not-enabled": "failed-precondition",
  };
  return new WinkyError(
    codes[error] ?? "unauthenticated",
    description ?? `the sign-in with redirect failed: ${error}`,
    { details: { reason: error } },
  );
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
