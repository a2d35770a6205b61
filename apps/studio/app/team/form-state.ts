import type { ApiProblem } from "../_lib/api.js";

/**
 * What a team, member or token form shows after it was sent: the API's refusal, split into
 * the messages about one field (shown next to it) and the rest; or what was done.
 * (Not in `actions.ts`: a "use server" file exports only actions.)
 */
export interface FormState {
  /** The part of a refusal no field of the form is about. */
  problem: ApiProblem | null;
  /** Field name → the API's message about it. */
  fields: Record<string, string>;
  /** What the change did, in words, once it was made. */
  done: string | null;
  /**
   * What was typed, after a refusal: React resets a form once its action ends, to each
   * control's default, so the defaults become these and nothing typed is lost.
   */
  values: Record<string, string>;
}

/** Nothing sent yet. */
export const initialFormState: FormState = { problem: null, fields: {}, done: null, values: {} };
