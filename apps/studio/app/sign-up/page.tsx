import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { ActionForm } from "../_components/action-form.js";
import { Link } from "../_components/link.js";
import { signUp } from "../_lib/auth-actions.js";
import { devMailboxEnabled } from "../_lib/platform.js";

export const metadata: Metadata = { title: "Create an account" };

/**
 * Signing up to the studio: an account in the platform's runtime project. The runtime mails a
 * link that confirms the address (it answers alike whether or not the address has an account).
 */
export default function SignUpPage() {
  return (
    <>
      <h1>Create an account</h1>
      <p className="muted">
        Describe an app, watch it being built and tested, approve it and ship it — with your team.
      </p>
      <ActionForm
        action={signUp}
        submit="Create account"
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "email" },
          {
            name: "password",
            label: "Password",
            type: "password",
            autoComplete: "new-password",
            minLength: 8,
            hint: "At least 8 characters; a passphrase is easier to remember and harder to guess.",
          },
        ]}
      />
      {devMailboxEnabled() ? (
        <p className="callout small">
          This studio runs without a mail server: the confirmation mail waits in the{" "}
          <Link href="/dev/mailbox">dev mailbox</Link>.
        </p>
      ) : null}
      <p className="small">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
