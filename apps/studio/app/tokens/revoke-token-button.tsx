"use client";

import { useActionState, useState } from "react";
import { FormOutcome } from "../team/field.js";
import { initialFormState } from "../team/form-state.js";
import { revokeToken } from "./actions.js";

/** Revoking a token, after a confirmation that says what stops working. */
export function RevokeTokenButton({
  token,
  signsThisSessionOut,
}: {
  token: { id: string; name: string };
  /** Whether this studio session signs in with that very token. */
  signsThisSessionOut: boolean;
}) {
  const [state, revoke, revoking] = useActionState(revokeToken.bind(null, token), initialFormState);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <div className="member-controls">
        <button
          type="button"
          className="button button-danger-quiet button-small"
          aria-label={`Revoke ${token.name}`}
          onClick={() => setConfirming(true)}
        >
          Revoke
        </button>
        <FormOutcome state={state} />
      </div>
    );
  }
  return (
    <form
      action={revoke}
      className="confirm"
      role="group"
      aria-label={`Confirm revoking ${token.name}`}
    >
      <p>
        Revoke “{token.name}”? Everything using it is refused from now on; this cannot be undone.
        {signsThisSessionOut ? " This studio session uses it: you will be signed out." : ""}
      </p>
      <div className="actions">
        <button type="submit" className="button button-danger button-small" disabled={revoking}>
          {revoking ? "Revoking…" : "Yes, revoke it"}
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          autoFocus
          onClick={() => setConfirming(false)}
        >
          Cancel
        </button>
      </div>
      <FormOutcome state={state} />
    </form>
  );
}
