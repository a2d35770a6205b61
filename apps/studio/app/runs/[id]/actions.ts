"use server";

import { revalidatePath } from "next/cache";
import { apiFor, toApiProblem } from "../../_lib/api.js";
import { readSession } from "../../_lib/session.js";
import type { DecisionState } from "./decision-state.js";

/** Approves what the run waits for (`runs.approve`), as the signed-in user. */
export async function approveRun(runId: string, _previous: DecisionState): Promise<DecisionState> {
  return decide(runId, "approved", async (api) => {
    await api.runs.approve.mutate({ runId });
  });
}

/** Rejects what the run waits for (`runs.reject`); the reason is required. */
export async function rejectRun(
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
  return decide(runId, "rejected", async (api) => {
    await api.runs.reject.mutate({ runId, comment: reason });
  });
}

async function decide(
  runId: string,
  outcome: "approved" | "rejected",
  call: (api: ReturnType<typeof apiFor>) => Promise<void>,
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
  // Every page that shows it: the run, the approval feed and thread, the navigation's badge.
  revalidatePath("/", "layout");
  return { problem: null, field: null, decided: outcome };
}
