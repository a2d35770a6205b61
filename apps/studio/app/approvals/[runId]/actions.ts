"use server";

import { revalidatePath } from "next/cache";
import { apiFor, toApiProblem } from "../../_lib/api.js";
import { readSession } from "../../_lib/session.js";
import type { CommentState } from "./comment-state.js";

/**
 * Adds a comment to the run's thread (`approvals.comment`); decisions are the run page's
 * `DecisionForm`. Every page is refreshed: the feed's counts and the thread change with it.
 */
export async function commentOnRun(
  runId: string,
  previous: CommentState,
  form: FormData,
): Promise<CommentState> {
  const body = String(form.get("body") ?? "").trim();
  if (!body) {
    return {
      problem: { code: "BAD_REQUEST", message: "write something first" },
      sent: previous.sent,
    };
  }
  const session = await readSession();
  if (!session) {
    return {
      problem: { code: "UNAUTHORIZED", message: "your session has ended: sign in again" },
      sent: previous.sent,
    };
  }
  try {
    await apiFor(session).approvals.comment.mutate({ runId, body });
  } catch (e) {
    return { problem: toApiProblem(e), sent: previous.sent };
  }
  revalidatePath("/", "layout");
  return { problem: null, sent: previous.sent + 1 };
}
