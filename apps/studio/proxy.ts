import { NextResponse, type NextRequest } from "next/server";
import { isHttps } from "./app/_lib/http.js";
import { loadStudioConfig, publicUrlOf } from "./src/env.js";
import { PlatformAuth, PlatformAuthError } from "./src/platform-auth.js";
import { renewOnce } from "./src/session-renewal.js";
import {
  encodeSession,
  needsRefresh,
  parseSession,
  SESSION_COOKIE,
  sessionCookieOptions,
  type PlatformSession,
} from "./src/session-cookie.js";

/** Pages anyone may open; every other page needs a session (API routes answer for themselves). */
const PUBLIC_PAGES = ["/sign-in", "/sign-up", "/auth/action", "/forgot-password", "/dev/mailbox"];

/**
 * Runs before every page and API route. Two jobs:
 * - renews a signed-in person's ID token in its last minute (the runtime rotates the refresh
 *   token, so the cookie is rewritten — only here can a request's cookies be changed before the
 *   page reads them);
 * - sends signed-out browsers to `/sign-in` with a real redirect before anything renders (a
 *   page that redirected itself would already have streamed a 200 and its loading state).
 * Whether a credential is still good is the API's to say; the pages show its answer.
 */
export async function proxy(request: NextRequest) {
  const session = parseSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (session?.kind === "platform" && needsRefresh(session, Date.now())) {
    return renew(request, session);
  }
  if (!session && needsSignIn(request.nextUrl.pathname)) return toSignIn(request);
  return NextResponse.next();
}

function needsSignIn(pathname: string): boolean {
  if (pathname === "/" || pathname.startsWith("/api/")) return false;
  return !PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}

function toSignIn(request: NextRequest, clearCookie = false): NextResponse {
  const signIn = request.nextUrl.clone();
  signIn.pathname = "/sign-in";
  signIn.search = "";
  const response = NextResponse.redirect(signIn, 303);
  if (clearCookie) response.cookies.delete(SESSION_COOKIE);
  return response;
}

async function renew(request: NextRequest, session: PlatformSession): Promise<NextResponse> {
  const config = loadStudioConfig();
  const auth = new PlatformAuth({
    runtimeUrl: config.RUNTIME_URL,
    project: config.WINKY_PLATFORM_PROJECT,
  });
  let renewed: PlatformSession;
  try {
    const tokens = await renewOnce(session.refreshToken, () => auth.refresh(session.refreshToken));
    renewed = { ...session, ...tokens, email: tokens.email || session.email };
  } catch (e) {
    // The runtime is away or busy: go on with the old token and let the API say it expired.
    if (!(e instanceof PlatformAuthError) || e.status >= 500 || e.status === 429) {
      return NextResponse.next();
    }
    // Refused (signed out elsewhere, revoked, too old): the session is over.
    if (needsSignIn(request.nextUrl.pathname)) return toSignIn(request, true);
    request.cookies.delete(SESSION_COOKIE);
    const response = NextResponse.next({ request: { headers: request.headers } });
    response.cookies.delete(SESSION_COOKIE);
    return response;
  }
  const value = encodeSession(renewed);
  // The page rendered for this request reads the renewed cookie; the browser keeps it after.
  request.cookies.set(SESSION_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(
    SESSION_COOKIE,
    value,
    sessionCookieOptions(isHttps(request) || publicUrlOf(config).startsWith("https:")),
  );
  return response;
}

export const config = {
  // Everything but Next's static files, the health check and files by name (`/icon.svg`,
  // `/api/monaco/vs/loader.js`): those are the same for everyone, signed in or not.
  matcher: ["/((?!_next/static|_next/image|healthz|.*\\.[A-Za-z0-9]+$).*)"],
};
