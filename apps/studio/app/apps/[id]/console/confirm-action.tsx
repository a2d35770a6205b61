"use client";

import { useActionState, useState } from "react";
import { INITIAL_FORM_STATE, type FormState } from "../../../../src/form-state.js";

/**
 * A change to the runtime project in two steps: the first click asks `question`, Confirm
 * sends. The API decides who may; a refusal shows in its words, success as `done`.
 */
export function ConfirmAction({
  label,
  about,
  question,
  confirm,
  action,
  danger = false,
}: {
  label: string;
  /** What the action is about, read after the label by screen readers only (`Delete` notes/n1). */
  about?: string;
  question: string;
  confirm: string;
  action: (state: FormState, form: FormData) => Promise<FormState>;
  danger?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [state, send, sending] = useActionState(action, INITIAL_FORM_STATE);
  if (state.done) {
    return (
      <p role="status" className="small">
        {state.done}
      </p>
    );
  }
  return (
    <div>
      {asking ? (
        <form action={send}>
          <p className="small">{question}</p>
          <div className="actions">
            <button
              type="submit"
              className={danger ? "button button-danger" : "button"}
              disabled={sending}
              autoFocus
            >
              {sending ? "Working…" : confirm}
            </button>
            <button
              type="button"
              className="button button-quiet"
              disabled={sending}
              onClick={() => setAsking(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button-quiet" onClick={() => setAsking(true)}>
          {label}
          {about ? <span className="visually-hidden"> {about}</span> : null}
        </button>
      )}
      {state.problem ? (
        <p className="field-error" role="alert">
          {state.problem}
        </p>
      ) : null}
    </div>
  );
}
