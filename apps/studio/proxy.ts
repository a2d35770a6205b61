import { NextResponse, type NextRequest } from "next/server";
import { parseSession, SESSION_COOKIE } from "./src/session-cookie.js";

/**
 * Sends signed-out browsers from the pages that need a session to `/sign-in` with a real
 * redirect, before anything renders: a page that redirected itself would already have sent
 * a 200 and its loading state (streaming), leaving only a client-side redirect. Whether the
 * token is still good is the API's to say; the pages show its answer.
 */
export function proxy(request: NextRequest) {
  if (parseSession(request.cookies.get(SESSION_COOKIE)?.value)) return NextResponse.next();
  const signIn = request.nextUrl.clone();
  signIn.pathname = "/sign-in";
  signIn.search = "";
  return NextResponse.redirect(signIn, 303);
}

export const config = {
  matcher: [
    "/new",
    "/new/:path*",
    "/runs",
    "/runs/:path*",
    "/approvals",
    "/approvals/:path*",
    "/apps",
    "/apps/:path*",
    "/team",
    "/team/:path*",
    "/tokens",
    "/audit",
  ],
};
