import { clearedSessionCookie } from "../../../src/session-cookie.js";
import { isHttps, isSameOrigin, seeOther } from "../../_lib/http.js";

/** Signs the browser out: the session cookie is cleared. A POST, so no link can do it. */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) {
    return Response.json(
      { error: { code: "FORBIDDEN", message: "sign out from the studio's own page" } },
      { status: 403 },
    );
  }
  return seeOther("/sign-in", [clearedSessionCookie(isHttps(request))]);
}
