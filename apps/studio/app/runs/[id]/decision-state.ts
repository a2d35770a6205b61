import type { ApiProblem } from "../../_lib/api.js";

/** What a decision form shows after it was sent. */
export interface DecisionState {
  problem: ApiProblem | null;
  /** The field the problem is about (the reason of a rejection), if any. */
  field: "reason" | null;
  decided: "approved" | "rejected" | null;
}

/** Nothing sent yet. (Not in `actions.ts`: a "use server" file exports only actions.) */
export const initialDecisionState: DecisionState = { problem: null, field: null, decided: null };
