"use client";

import { useActionState } from "react";
import { INITIAL_FORM_STATE, type FormState } from "../../../../src/form-state.js";

/**
 * A form with an optional path field and a JSON textarea (a document's data, a user's claims),
 * posting to a server action that answers a `FormState`: the problem next to its field, what
 * was typed kept, and the done message above the form, which stays for the next change.
 */
export function JsonForm({
  id,
  action,
  path,
  json,
  submit,
}: {
  id: string;
  action: (state: FormState, form: FormData) => Promise<FormState>;
  path?: { label: string; defaultValue: string; placeholder: string };
  json: { label: string; defaultValue: string; hint: string };
  submit: string;
}) {
  const [state, send, pending] = useActionState(action, INITIAL_FORM_STATE);
  const field = (name: string) => ({
    id: `${id}-${name}`,
    name,
    "aria-invalid": state.field === name ? true : undefined,
    "aria-describedby": state.field === name ? `${id}-${name}-problem` : `${id}-${name}-hint`,
  });
  const problem = (name: string) =>
    state.field === name ? (
      <p id={`${id}-${name}-problem`} className="field-error" role="alert">
        {state.problem}
      </p>
    ) : null;
  return (
    <form action={send} className="form">
      {state.done ? (
        <p role="status" className="callout">
          {state.done}
        </p>
      ) : null}
      {state.problem && !state.field ? (
        <p className="callout callout-danger" role="alert">
          {state.problem}
        </p>
      ) : null}
      {path ? (
        <div className="field">
          <label htmlFor={`${id}-path`}>{path.label}</label>
          <input
            {...field("path")}
            type="text"
            required
            placeholder={path.placeholder}
            defaultValue={state.values.path ?? path.defaultValue}
          />
          {problem("path") ?? <span id={`${id}-path-hint`} hidden />}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-json`}>{json.label}</label>
        <textarea
          {...field("json")}
          rows={5}
          defaultValue={state.values.json ?? json.defaultValue}
        />
        {problem("json") ?? (
          <p id={`${id}-json-hint`} className="muted small">
            {json.hint}
          </p>
        )}
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : submit}
        </button>
      </div>
    </form>
  );
}
