import type { ApiProblem } from "../../_lib/api.js";

/** What a rollback form shows after it was sent. */
export interface RollbackState {
  problem: ApiProblem | null;
  /** The version live after a rollback that went through. */
  liveVersion: number | null;
}

/** Nothing sent yet. (Not in `actions.ts`: a "use server" file exports only actions.) */
export const initialRollbackState: RollbackState = { problem: null, liveVersion: null };
