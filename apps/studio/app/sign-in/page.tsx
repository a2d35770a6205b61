import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { cookies } from "next/headers";
import { parseSignInFlash, SIGN_IN_FLASH_COOKIE } from "../../src/sign-in-flash.js";
import { Link } from "../_components/link.js";
import { readSession } from "../_lib/session.js";
import { PasswordSignInForm } from "./password-form.js";

export const metadata: Metadata = { title: "Sign in" };

/**
 * Signing in: people with their email and password (the platform project's own auth), scripts'
 * owners with an orchestrator API token. The token form posts to `/api/sign-in` (no JavaScript
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
      <section aria-labelledby="password-heading" className="auth-section">
        <h2 id="password-heading">With your email and password</h2>
        <PasswordSignInForm />
        <p className="small">
          New here? <Link href="/sign-up">Create an account</Link> ·{" "}
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      </section>
      <details className="auth-section" open={flash ? true : undefined}>
        <summary>With an API token</summary>
        <p className="muted">
          Paste an API token of your team (
          <code>winky teams create &lt;slug&gt; --owner &lt;email&gt;</code> makes a team and its
          owner&apos;s first one).
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
      </details>
    </>
  );
}
