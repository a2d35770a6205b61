import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { ActionForm } from "../../_components/action-form.js";
import { Link } from "../../_components/link.js";
import { confirmSignUp, resetPassword } from "../../_lib/auth-actions.js";
import { studioConfig } from "../../_lib/config.js";

export const metadata: Metadata = { title: "Account link" };

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/**
 * Where the links in the platform project's mails open (`?mode=…&oobCode=…&project=…`). A link
 * is used by pressing a button, never by opening the page: mail scanners that fetch every
 * link would otherwise spend it.
 */
export default async function AuthActionPage({ searchParams }: Search) {
  const query = await searchParams;
  const mode = one(query.mode);
  const code = one(query.oobCode);
  const project = one(query.project);
  const platform = studioConfig().WINKY_PLATFORM_PROJECT;
  if (!code || (project && project !== platform)) {
    return (
      <>
        <h1>This link is not for the studio</h1>
        <div className="callout callout-danger" role="alert">
          <p>
            {code
              ? `It belongs to the app '${project}': open it from that app's own page.`
              : "It has no code: copy the whole link from the mail, or ask for a new mail."}
          </p>
        </div>
        <p>
          <Link href="/sign-in">Sign in</Link> · <Link href="/sign-up">Create an account</Link>
        </p>
      </>
    );
  }
  const hidden = { name: "oobCode", label: "", type: "hidden" as const, defaultValue: code };
  if (mode === "confirmSignUp") {
    return (
      <>
        <h1>Confirm your account</h1>
        <p>One step left: confirm this address and you are signed in.</p>
        <ActionForm action={confirmSignUp} submit="Confirm my account" fields={[hidden]} />
      </>
    );
  }
  if (mode === "resetPassword") {
    return (
      <>
        <h1>Choose a new password</h1>
        <ActionForm
          action={resetPassword}
          submit="Set the new password"
          fields={[
            hidden,
            {
              name: "password",
              label: "New password",
              type: "password",
              autoComplete: "new-password",
              minLength: 8,
              hint: "At least 8 characters. Every other session of this account ends.",
            },
          ]}
        />
        <p className="small">
          <Link href="/sign-in">Sign in</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>This link cannot be used here</h1>
      <div className="callout callout-danger" role="alert">
        <p>
          {mode
            ? `The studio does not handle '${mode}' links.`
            : "The link names no action: copy the whole link from the mail."}
        </p>
      </div>
    </>
  );
}
