import { clearedSessionCookie, parseSession, SESSION_COOKIE } from "../../../src/session-cookie.js";
import { isHttps, isSameOrigin, seeOther } from "../../_lib/http.js";
import { platformAuth } from "../../_lib/platform.js";

/**
 * Signs the browser out: the session cookie is cleared, and a person's session ends on the
 * runtime too (its refresh token no longer works anywhere). A POST, so no link can do it.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) {
    return Response.json(
      { error: { code: "FORBIDDEN", message: "sign out from the studio's own page" } },
      { status: 403 },
    );
  }
  const cookie = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]*)`).exec(
    request.headers.get("cookie") ?? "",
  )?.[1];
  const session = parseSession(cookie);
  if (session?.kind === "platform") {
    // Best effort: the cookie is cleared either way, and the ID token expires within the hour.
    await platformAuth()
      .signOut(session.refreshToken)
      .catch(() => undefined);
  }
  return seeOther("/sign-in", [clearedSessionCookie(isHttps(request))]);
}
