import { createWinkyClient } from "@winky/api-client";
import { sessionCookie } from "../../../src/session-cookie.js";
import {
  clearedSignInFlashCookie,
  signInFlashCookie,
  signInFormProblem,
  type SignInFlash,
} from "../../../src/sign-in-flash.js";
import { toApiProblem } from "../../_lib/api.js";
import { studioConfig } from "../../_lib/config.js";
import { isHttps, isSameOrigin, seeOther } from "../../_lib/http.js";

/**
 * Signs the browser in with an orchestrator API token: the `/sign-in` form posts here (it
 * works without JavaScript). The token is checked by asking the API for the caller's team
 * (`teams.get`); a refused one goes back to the form with the API's message. The token is
 * never logged and only ever stored in the httpOnly session cookie.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) {
    return Response.json(
      { error: { code: "FORBIDDEN", message: "sign in from the studio's own page" } },
      { status: 403 },
    );
  }
  const secure = isHttps(request);
  const form = await request.formData().catch(() => new FormData());
  const email = String(form.get("email") ?? "").trim();
  const token = String(form.get("token") ?? "").trim();
  const refuse = (flash: SignInFlash) => seeOther("/sign-in", [signInFlashCookie(flash, secure)]);

  const formProblem = signInFormProblem(email, token);
  if (formProblem) return refuse(formProblem);

  const api = createWinkyClient({ url: `${studioConfig().ORCHESTRATOR_URL}/trpc`, token });
  try {
    await api.teams.get.query();
  } catch (e) {
    const problem = toApiProblem(e);
    return refuse({ email, field: "token", message: problem.message });
  }
  return seeOther("/runs", [
    sessionCookie({ kind: "api-token", token, email }, secure),
    clearedSignInFlashCookie(secure),
  ]);
}
