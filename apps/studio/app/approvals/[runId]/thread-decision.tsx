"use client";

import { useActionState } from "react";
import { initialDecisionState } from "../../runs/[id]/decision-state.js";
import { approveFromThread, rejectFromThread } from "./actions.js";

/**
 * Approve / Reject-with-a-reason in the thread: the run page's `DecisionForm` pattern, with
 * actions that also refresh the feed and the navigation's badge. Viewers see both disabled,
 * with why; the API still decides (a FORBIDDEN it answers is shown as it says).
 */
export function ThreadDecision({
  runId,
  kind,
  canDecide,
  whyNot,
}: {
  runId: string;
  kind: "plan" | "release";
  canDecide: boolean;
  whyNot: string;
}) {
  const [approved, approve, approving] = useActionState(
    approveFromThread.bind(null, runId),
    initialDecisionState,
  );
  const [rejected, reject, rejecting] = useActionState(
    rejectFromThread.bind(null, runId),
    initialDecisionState,
  );
  const disabled = !canDecide || approving || rejecting;
  const title = canDecide ? undefined : whyNot;
  const decided = approved.decided ?? rejected.decided;
  const problem = approved.problem ?? (rejected.field ? null : rejected.problem);
  const reasonProblem = rejected.field === "reason" ? rejected.problem?.message : undefined;

  if (decided) {
    return (
      <p role="status" className="callout">
        {decided === "approved"
          ? `Approved. ${kind === "release" ? "The run commits and deploys" : "The run builds the app"}; the result appears in the thread.`
          : "Rejected. The reason is in the thread."}
      </p>
    );
  }
  return (
    <div className="actions">
      <form action={approve}>
        <button type="submit" className="button" disabled={disabled} title={title}>
          Approve {kind}
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
            Reject {kind}
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
