import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { TextField } from "../components/fields";
import { ErrorMessage } from "../components/states";
import { describeError } from "../lib/errors";
import { auth } from "../winky";
import { emailProblem } from "./credentials";

/** Asks for a password-reset mail; the answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = emailProblem(email);
    setProblem(found);
    if (found) return;
    try {
      await auth.sendPasswordReset(email.trim());
      setSent(true);
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section className="page narrow">
      <h1>Reset your password</h1>
      {sent ? (
        <p role="status">If {email.trim()} has an account, a reset link is on its way.</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <TextField label="Email" type="email" value={email} onChange={setEmail} error={problem} />
          <ErrorMessage message={error} />
          <button type="submit" className="button primary">
            Send the link
          </button>
        </form>
      )}
      <p className="muted">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </section>
  );
}
