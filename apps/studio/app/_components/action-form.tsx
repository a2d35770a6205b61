"use client";

import { useActionState, type ReactNode } from "react";
import { INITIAL_FORM_STATE, type FormState } from "../../src/form-state.js";

/** One field of an {@link ActionForm}. */
export interface FieldSpec {
  name: string;
  label: string;
  type: "email" | "password" | "text" | "hidden";
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  defaultValue?: string;
  minLength?: number;
  maxLength?: number;
  placeholder?: string;
}

/**
 * A form whose server action answers a {@link FormState}: the problem is shown next to its
 * field (and announced), typed values come back, and once done the message replaces the form.
 * It posts without JavaScript too (React's progressive enhancement of server actions).
 */
export function ActionForm({
  action,
  fields,
  submit,
  children,
  disabled,
  disabledReason,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  submit: string;
  children?: ReactNode;
  disabled?: boolean;
  disabledReason?: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  if (state.done) {
    return (
      <p role="status" className="callout">
        {state.done}
      </p>
    );
  }
  const formProblem = state.problem && !state.field ? state.problem : null;
  return (
    <form action={formAction} className="form">
      {formProblem ? (
        <p className="callout callout-danger" role="alert">
          {formProblem}
        </p>
      ) : null}
      {fields.map((field) => {
        if (field.type === "hidden") {
          return (
            <input key={field.name} type="hidden" name={field.name} value={field.defaultValue} />
          );
        }
        const id = `field-${field.name}`;
        const problem = state.field === field.name ? state.problem : null;
        const describedBy = problem ? `${id}-problem` : field.hint ? `${id}-hint` : undefined;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={id}>{field.label}</label>
            <input
              id={id}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required={field.required ?? true}
              minLength={field.minLength}
              maxLength={field.maxLength}
              placeholder={field.placeholder}
              defaultValue={state.values[field.name] ?? field.defaultValue ?? ""}
              disabled={disabled}
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy}
            />
            {problem ? (
              <p id={`${id}-problem`} className="field-error" role="alert">
                {problem}
              </p>
            ) : field.hint ? (
              <p id={`${id}-hint`} className="muted small">
                {field.hint}
              </p>
            ) : null}
          </div>
        );
      })}
      {children}
      <div>
        <button
          type="submit"
          className="button"
          disabled={pending || disabled}
          title={disabled ? disabledReason : undefined}
        >
          {pending ? "Working…" : submit}
        </button>
        {disabled && disabledReason ? <p className="muted small">{disabledReason}</p> : null}
      </div>
    </form>
  );
}
