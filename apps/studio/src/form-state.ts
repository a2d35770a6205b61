/**
 * What a form's server action answers, for `ActionForm` to show: the problem next to the
 * field it is about, what was typed (never passwords), or the form's done message.
 */
export interface FormState {
  problem: string | null;
  /** The field the problem is about; null for the form as a whole. */
  field: string | null;
  /** What the person typed, to fill the fields again; secrets are never kept. */
  values: Record<string, string>;
  /** Set when the form did its job: shown instead of the form. */
  done: string | null;
}

export const INITIAL_FORM_STATE: FormState = { problem: null, field: null, values: {}, done: null };

/** A refusal about `field` (null: the whole form), keeping the values that are not secret. */
export function refused(
  field: string | null,
  problem: string,
  values: Record<string, string> = {},
): FormState {
  return { problem, field, values, done: null };
}

export function done(message: string): FormState {
  return { problem: null, field: null, values: {}, done: message };
}

/** The trimmed text of a form field ("" when absent). */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** A password as typed: passwords are not trimmed (spaces may be part of them). */
export function passwordOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with an email and password before the runtime is asked, or null. */
export function credentialsProblem(email: string, password: string): FormState | null {
  if (!EMAIL.test(email)) return refused("email", "enter an email address", { email });
  if (password.length === 0) return refused("password", "enter your password", { email });
  return null;
}
