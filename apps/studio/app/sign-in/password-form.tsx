import { ActionForm } from "../_components/action-form.js";
import { signInWithPassword } from "../_lib/auth-actions.js";

/** Email and password, for people with a studio account. */
export function PasswordSignInForm() {
  return (
    <ActionForm
      action={signInWithPassword}
      submit="Sign in"
      fields={[
        { name: "email", label: "Email", type: "email", autoComplete: "username" },
        {
          name: "password",
          label: "Password",
          type: "password",
          autoComplete: "current-password",
        },
      ]}
    />
  );
}
