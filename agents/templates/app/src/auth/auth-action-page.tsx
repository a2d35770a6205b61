import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { TextField } from "../components/fields";
import { ErrorMessage, Loading } from "../components/states";
import { describeError } from "../lib/errors";
import { auth } from "../winky";
import { passwordProblem } from "./credentials";

type Outcome =
  { kind: "working" } | { kind: "done"; message: string } | { kind: "failed"; message: string };

const DONE: Record<string, string> = {
  confirmSignUp: "Your account is confirmed. You are signed in.",
  confirmLinkEmail: "Your email is confirmed. You are signed in.",
  verifyEmail: "Your email is verified.",
  verifyAndChangeEmail: "Your email is changed. Sign in again with the new address.",
};

async function apply(mode: string, code: string): Promise<string> {
  switch (mode) {
    case "confirmSignUp":
      await auth.confirmSignUp(code);
      break;
    case "confirmLinkEmail":
      await auth.confirmLinkEmail(code);
      break;
    case "verifyEmail":
      await auth.verifyEmail(code);
      break;
    case "verifyAndChangeEmail":
      await auth.confirmEmailChange(code);
      break;
    default:
      throw new Error("This link is not one this app understands.");
  }
  return DONE[mode]!;
}

/**
 * Where mailed links land: `/auth/action?mode=…&oobCode=…` (the runtime's links; `token` is
 * accepted too). Confirms a sign-up, verifies or changes an email, or resets a password.
 */
export function AuthActionPage() {
  const [params] = useSearchParams();
  const mode = params.get("mode") ?? "";
  const code = params.get("oobCode") ?? params.get("token") ?? "";
  if (!code) {
    return (
      <section className="page narrow">
        <h1>Link incomplete</h1>
        <ErrorMessage message="This link has no code. Open the link from the mail again." />
      </section>
    );
  }
  if (mode === "resetPassword") return <ResetPassword code={code} />;
  return <ApplyLink mode={mode} code={code} />;
}

function ApplyLink({ mode, code }: { mode: string; code: string }) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: "working" });
  // A link's code works once: React's development double effects must not use it twice.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    apply(mode, code).then(
      (message) => setOutcome({ kind: "done", message }),
      (e: unknown) => setOutcome({ kind: "failed", message: describeError(e) }),
    );
  }, [mode, code]);
  if (outcome.kind === "working") return <Loading label="Checking the link…" />;
  return (
    <section className="page narrow">
      <h1>{outcome.kind === "done" ? "All set" : "That did not work"}</h1>
      {outcome.kind === "done" ? (
        <p role="status">{outcome.message}</p>
      ) : (
        <ErrorMessage message={outcome.message} />
      )}
      <p>
        <Link to="/" className="button primary">
          Continue
        </Link>
      </p>
    </section>
  );
}

function ResetPassword({ code }: { code: string }) {
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = passwordProblem(password);
    setProblem(found);
    if (found) return;
    setOutcome({ kind: "working" });
    try {
      await auth.resetPassword(code, password);
      setOutcome({ kind: "done", message: "Your password is changed. Sign in with it." });
    } catch (e) {
      setOutcome({ kind: "failed", message: describeError(e) });
    }
  }

  if (outcome?.kind === "done") {
    return (
      <section className="page narrow">
        <h1>Password changed</h1>
        <p role="status">{outcome.message}</p>
        <Link to="/sign-in" className="button primary">
          Sign in
        </Link>
      </section>
    );
  }
  return (
    <section className="page narrow">
      <h1>Choose a new password</h1>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="New password"
          type="password"
          value={password}
          onChange={setPassword}
          error={problem}
          autoComplete="new-password"
        />
        {outcome?.kind === "failed" && <ErrorMessage message={outcome.message} />}
        <button type="submit" className="button primary" disabled={outcome?.kind === "working"}>
          Change password
        </button>
      </form>
    </section>
  );
}
