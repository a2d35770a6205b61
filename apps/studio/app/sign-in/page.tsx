import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { cookies } from "next/headers";
import { parseSignInFlash, SIGN_IN_FLASH_COOKIE } from "../../src/sign-in-flash.js";
import { readSession } from "../_lib/session.js";

export const metadata: Metadata = { title: "Sign in" };

/**
 * Signing in with an orchestrator API token. The form posts to `/api/sign-in` (no JavaScript
 * needed); a refusal comes back as the API's message next to the field it is about.
 */
export default async function SignInPage() {
  const jar = await cookies();
  const flash = parseSignInFlash(jar.get(SIGN_IN_FLASH_COOKIE)?.value);
  const session = await readSession();
  const emailProblem = flash?.field === "email" ? flash.message : null;
  const tokenProblem = flash?.field === "token" ? flash.message : null;
  return (
    <>
      <h1>Sign in</h1>
      {session && !flash ? (
        <p className="callout">
          You are signed in as {session.email}. Signing in again replaces that session.
        </p>
      ) : null}
      <p className="muted">
        Paste an API token of your team. An owner makes the first one with{" "}
        <code>winky teams create &lt;slug&gt; --owner &lt;email&gt;</code>.
      </p>
      <form className="form" action="/api/sign-in" method="post">
        <div className="field">
          <label htmlFor="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={flash?.email ?? ""}
            aria-invalid={emailProblem ? true : undefined}
            aria-describedby={emailProblem ? "email-problem" : undefined}
          />
          {emailProblem ? (
            <p id="email-problem" className="field-error" role="alert">
              {emailProblem}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="token">API token</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            placeholder="wk_…"
            aria-invalid={tokenProblem ? true : undefined}
            aria-describedby={tokenProblem ? "token-problem" : "token-hint"}
          />
          {tokenProblem ? (
            <p id="token-problem" className="field-error" role="alert">
              {tokenProblem}
            </p>
          ) : (
            <p id="token-hint" className="muted small">
              Kept in an httpOnly cookie on this browser; the page&apos;s scripts never see it.
            </p>
          )}
        </div>
        <div>
          <button type="submit" className="button">
            Sign in
          </button>
        </div>
      </form>
    </>
  );
}
