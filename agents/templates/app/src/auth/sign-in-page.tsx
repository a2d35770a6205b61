import { useState, type FormEvent } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router-dom";
import { appConfig } from "../app-config";
import { TextField } from "../components/fields";
import { ErrorMessage } from "../components/states";
import { describeError } from "../lib/errors";
import { auth } from "../winky";
import { useAuth } from "./auth-context";
import { nextPath } from "./require-auth";

const PROVIDER_NAMES: Record<string, string> = { google: "Google", github: "GitHub" };

/** Email and password sign-in, plus the other providers the plan enables. */
export function SignInPage() {
  const { user } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = nextPath(location.search);
  if (user) return <Navigate to={next} replace />;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      navigate(next, { replace: true });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void run(() => auth.signIn(email.trim(), password));
  }

  const others = appConfig.providers.filter((p) => p === "google" || p === "github");
  return (
    <section className="page narrow">
      <h1>Sign in</h1>
      {appConfig.providers.includes("email") && (
        <form onSubmit={onSubmit} noValidate>
          <TextField
            label="Email"
            type="email"
            value={email}
            onChange={setEmail}
            autoComplete="email"
          />
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
          <ErrorMessage message={error} />
          <button type="submit" className="button primary" disabled={busy}>
            Sign in
          </button>
        </form>
      )}
      {others.map((provider) => (
        <button
          key={provider}
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void run(() =>
              auth.signInWithRedirect(provider, {
                redirectUri: `${window.location.origin}/auth/done`,
              }),
            )
          }
        >
          Continue with {PROVIDER_NAMES[provider]}
        </button>
      ))}
      {appConfig.providers.includes("anonymous") && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void run(() => auth.signInAnonymously())}
        >
          Continue as a guest
        </button>
      )}
      {appConfig.providers.includes("email") && (
        <p className="muted">
          <Link to="/forgot-password">Forgot your password?</Link> · New here?{" "}
          <Link to="/sign-up">Create an account</Link>
        </p>
      )}
    </section>
  );
}
