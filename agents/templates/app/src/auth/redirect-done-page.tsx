import { useEffect, useRef, useState } from "react";
import { Navigate } from "react-router-dom";
import { ErrorMessage, Loading } from "../components/states";
import { describeError } from "../lib/errors";
import { auth } from "../winky";

/** Where Google or GitHub sends the browser back: completes the sign-in started here. */
export function RedirectDonePage() {
  const [state, setState] = useState<"working" | "done" | string>("working");
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    auth.getRedirectResult().then(
      () => setState("done"),
      (e: unknown) => setState(describeError(e)),
    );
  }, []);
  if (state === "working") return <Loading label="Signing you in…" />;
  if (state === "done") return <Navigate to="/" replace />;
  return (
    <section className="page narrow">
      <h1>Sign-in failed</h1>
      <ErrorMessage message={state} />
    </section>
  );
}
