"use client";

import { useActionState } from "react";
import { approveRun, rejectRun } from "./actions.js";
import { initialDecisionState } from "./decision-state.js";

/**
 * Approve / Reject for the approval a run waits for. Viewers see both disabled, with why;
 * the API still decides (a FORBIDDEN it answers is shown as it says).
 */
export function DecisionForm({
  runId,
  canDecide,
  whyNot,
  kind,
}: {
  runId: string;
  canDecide: boolean;
  whyNot: string;
  /** What waits for approval, to name it on the buttons and say what happens next. */
  kind?: "plan" | "release";
}) {
  const [approved, approve, approving] = useActionState(
    approveRun.bind(null, runId),
    initialDecisionState,
  );
  const [rejected, reject, rejecting] = useActionState(
    rejectRun.bind(null, runId),
    initialDecisionState,
  );
  const busy = approving || rejecting;
  const disabled = !canDecide || busy;
  const title = canDecide ? undefined : whyNot;
  const decided = approved.decided ?? rejected.decided;
  const problem = approved.problem ?? (rejected.field ? null : rejected.problem);
  const reasonProblem = rejected.field === "reason" ? rejected.problem?.message : undefined;

  if (decided) {
    return (
      <p role="status" className="callout">
        {decided === "rejected"
          ? "Rejected. The reason is in the run's thread."
          : kind === "release"
            ? "Approved. The run commits and deploys; the result appears in the thread."
            : kind === "plan"
              ? "Approved. The run builds the app."
              : "Approved. The run goes on from here."}
      </p>
    );
  }
  return (
    <div className="actions">
      <form action={approve}>
        <button type="submit" className="button" disabled={disabled} title={title}>
          {kind ? `Approve ${kind}` : "Approve"}
        </button>
      </form>
      <form action={reject} className="form">
        <div className="field">
          <label htmlFor="reason">Reason for rejecting</label>
          <textarea
            id="reason"
            name="reason"
            rows={2}
            required
            disabled={!canDecide}
            title={title}
            aria-invalid={reasonProblem ? true : undefined}
            aria-describedby={reasonProblem ? "reason-problem" : undefined}
          />
          {reasonProblem ? (
            <p id="reason-problem" className="field-error" role="alert">
              {reasonProblem}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button button-danger" disabled={disabled} title={title}>
            {kind ? `Reject ${kind}` : "Reject"}
          </button>
        </div>
      </form>
      {!canDecide ? <p className="muted small">{whyNot}</p> : null}
      {problem ? (
        <p className="field-error" role="alert">
          {problem.message} ({problem.code})
        </p>
      ) : null}
    </div>
  );
}
