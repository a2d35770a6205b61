import type { ReactNode } from "react";
import type { FormState } from "./form-state.js";

/**
 * A labelled form field with its hint, or, after a refusal, the API's message about it in
 * the hint's place. The control itself is the child; give it {@link describedBy}'s props.
 */
export function Field({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  problem?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {problem ? (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The ARIA props that tie a control to its {@link Field}'s message or hint. */
export function describedBy(id: string, problem: string | undefined, hasHint = true) {
  return {
    "aria-invalid": problem ? (true as const) : undefined,
    "aria-describedby": problem ? `${id}-problem` : hasHint ? `${id}-hint` : undefined,
  };
}

/** The outcome of a form, below it: what was done, or the refusal no field is about. */
export function FormOutcome({ state }: { state: FormState }) {
  if (state.problem) {
    return (
      <p className="field-error" role="alert">
        {state.problem.message} <span className="muted">({state.problem.code})</span>
      </p>
    );
  }
  return state.done ? (
    <p className="form-done" role="status">
      {state.done}
    </p>
  ) : null;
}

/** Why the controls above are off, in words (their `title` says it too, on hover). */
export function WhyDisabled({ why }: { why: string | null }) {
  return why ? <p className="why-disabled small">{why}</p> : null;
}
