import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { TextField } from "../components/fields";
import { ErrorMessage } from "../components/states";
import { describeError } from "../lib/errors";
import { auth } from "../winky";
import { emailProblem, passwordProblem } from "./credentials";

interface Problems {
  email?: string | undefined;
  password?: string | undefined;
  confirm?: string | undefined;
}

/**
 * Sign-up by email: the runtime mails a confirmation link, which opens `/auth/action` and
 * finishes the account there. Until then this screen says to check the mail.
 */
export function SignUpPage() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {
      email: emailProblem(email),
      password: passwordProblem(password),
      confirm: confirm === password ? undefined : "The passwords do not match.",
    };
    setProblems(found);
    if (found.email || found.password || found.confirm) return;
    setBusy(true);
    setError(null);
    try {
      await auth.signUp(email.trim(), password);
      setSentTo(email.trim());
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) {
    return (
      <section className="page narrow">
        <h1>Check your mail</h1>
        <p>
          We sent a link to <strong>{sentTo}</strong>. Open it to finish creating your account.
        </p>
        <p className="muted">
          No mail? Look in the spam folder, or{" "}
          <Link to="/sign-up" reloadDocument>
            try again
          </Link>
          .
        </p>
      </section>
    );
  }
  return (
    <section className="page narrow">
      <h1>Create an account</h1>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          type="email"
          value={email}
          onChange={setEmail}
          error={problems.email}
          autoComplete="email"
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          error={problems.password}
          autoComplete="new-password"
        />
        <TextField
          label="Confirm password"
          type="password"
          value={confirm}
          onChange={setConfirm}
          error={problems.confirm}
          autoComplete="new-password"
        />
        <ErrorMessage message={error} />
        <button type="submit" className="button primary" disabled={busy}>
          Sign up
        </button>
      </form>
      <p className="muted">
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}
