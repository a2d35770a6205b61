import type { ApiProblem } from "../../_lib/api.js";

/** What the comment form shows after sending; `sent` counts successes, to clear the box. */
export interface CommentState {
  problem: ApiProblem | null;
  sent: number;
}

/** Nothing sent yet. (Not in `actions.ts`: a "use server" file exports only actions.) */
export const initialCommentState: CommentState = { problem: null, sent: 0 };
