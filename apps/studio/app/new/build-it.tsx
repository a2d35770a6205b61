"use client";

import { useActionState } from "react";
import { INITIAL_FORM_STATE } from "../../src/form-state.js";
import { buildIt } from "./actions.js";

/** "Build it": approves the plan shown. "Change the plan" is the message box below it. */
export function BuildIt({
  runId,
  canAct,
  whyNot,
}: {
  runId: string;
  canAct: boolean;
  whyNot: string;
}) {
  const [state, action, pending] = useActionState(buildIt.bind(null, runId), INITIAL_FORM_STATE);
  if (state.done) {
    return (
      <p role="status" className="callout">
        {state.done}
      </p>
    );
  }
  return (
    <form action={action} className="build-it">
      {state.problem ? (
        <p className="callout callout-danger" role="alert">
          {state.problem}
        </p>
      ) : null}
      <button
        type="submit"
        className="button"
        disabled={!canAct || pending}
        title={canAct ? undefined : whyNot}
      >
        {pending ? "Starting…" : "Build it"}
      </button>{" "}
      <span className="muted small">
        {canAct ? "or ask for a change below (“Change the plan”)." : whyNot}
      </span>
    </form>
  );
}
