"use server";

import { revalidatePath } from "next/cache";
import { apiFor, toApiProblem } from "../../_lib/api.js";
import { readSession } from "../../_lib/session.js";
import type { DecisionState } from "../../runs/[id]/decision-state.js";
import type { CommentState } from "./comment-state.js";

/**
 * The approval thread's actions. They mirror `runs/[id]/actions.ts` but refresh every page
 * (the layout too): a decision or a comment changes the feed, the thread and the nav's badge.
 */

/** Approves what the run waits for (`runs.approve`), as the signed-in user. */
export async function approveFromThread(
  runId: string,
  _previous: DecisionState,
): Promise<DecisionState> {
  return decide(async (api) => {
    await api.runs.approve.mutate({ runId });
  }, "approved");
}

/** Rejects what the run waits for (`runs.reject`); the reason is required. */
export async function rejectFromThread(
  runId: string,
  _previous: DecisionState,
  form: FormData,
): Promise<DecisionState> {
  const reason = String(form.get("reason") ?? "").trim();
  if (!reason) {
    return {
      problem: { code: "BAD_REQUEST", message: "say why, so the next run can do better" },
      field: "reason",
      decided: null,
    };
  }
  return decide(async (api) => {
    await api.runs.reject.mutate({ runId, comment: reason });
  }, "rejected");
}

/** Adds a comment to the run's thread (`approvals.comment`). */
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

async function decide(
  call: (api: ReturnType<typeof apiFor>) => Promise<void>,
  outcome: "approved" | "rejected",
): Promise<DecisionState> {
  const session = await readSession();
  if (!session) {
    return {
      problem: { code: "UNAUTHORIZED", message: "your session has ended: sign in again" },
      field: null,
      decided: null,
    };
  }
  try {
    await call(apiFor(session));
  } catch (e) {
    return { problem: toApiProblem(e), field: null, decided: null };
  }
  revalidatePath("/", "layout");
  return { problem: null, field: null, decided: outcome };
}
