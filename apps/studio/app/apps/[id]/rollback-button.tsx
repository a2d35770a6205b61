"use client";

import { useActionState, useState } from "react";
import { rollBackApp } from "./actions.js";
import { initialRollbackState } from "./rollback-state.js";

/**
 * The Rollback button of one earlier deployment, in two steps: the first click asks, the
 * second (Confirm) sends. Without the role the button is disabled, described by the reason
 * shown above the table (`reasonId`); the API still decides, and a refusal shows in its words.
 */
export function RollbackButton({
  appId,
  deploymentId,
  version,
  canRollBack,
  reasonId,
}: {
  appId: string;
  deploymentId: string;
  version: number;
  canRollBack: boolean;
  reasonId: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, send, sending] = useActionState(
    rollBackApp.bind(null, appId, deploymentId),
    initialRollbackState,
  );
  const questionId = `rollback-question-${deploymentId}`;

  if (state.liveVersion !== null) {
    return (
      <p role="status" className="rollback-done">
        Version {state.liveVersion} is live again.
      </p>
    );
  }
  return (
    <div className="rollback">
      {confirming ? (
        <form action={send} className="rollback-confirm" aria-describedby={questionId}>
          <p id={questionId} className="small">
            Put version {version} live again? Visitors get it at once.
          </p>
          <div className="actions">
            <button type="submit" className="button button-danger" disabled={sending} autoFocus>
              {sending ? "Rolling back…" : `Confirm rollback to v${version}`}
            </button>
            <button
              type="button"
              className="button button-quiet"
              disabled={sending}
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="button button-quiet"
          disabled={!canRollBack}
          aria-describedby={canRollBack ? undefined : reasonId}
          onClick={() => setConfirming(true)}
        >
          Roll back to v{version}
        </button>
      )}
      {state.problem ? (
        <p className="field-error" role="alert">
          The rollback did not happen: {state.problem.message} ({state.problem.code})
        </p>
      ) : null}
    </div>
  );
}
