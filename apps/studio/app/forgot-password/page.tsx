import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { ActionForm } from "../_components/action-form.js";
import { Link } from "../_components/link.js";
import { sendPasswordReset } from "../_lib/auth-actions.js";
import { devMailboxEnabled } from "../_lib/platform.js";

export const metadata: Metadata = { title: "Forgot your password" };

/** Asks the runtime to mail a link that sets a new password. */
export default function ForgotPasswordPage() {
  return (
    <>
      <h1>Forgot your password?</h1>
      <p className="muted">We mail you a link to choose a new one.</p>
      <ActionForm
        action={sendPasswordReset}
        submit="Mail me a link"
        fields={[{ name: "email", label: "Email", type: "email", autoComplete: "email" }]}
      />
      {devMailboxEnabled() ? (
        <p className="callout small">
          Without a mail server, the mail waits in the <Link href="/dev/mailbox">dev mailbox</Link>.
        </p>
      ) : null}
      <p className="small">
        <Link href="/sign-in">Back to signing in</Link>
      </p>
    </>
  );
}
