"use server";

import { redirect } from "next/navigation";
import { moveAt, withChange } from "../../src/conversation.js";
import { done, refused, textOf, type FormState } from "../../src/form-state.js";
import { apiFor, toApiProblem } from "../_lib/api.js";
import { readSession } from "../_lib/session.js";
import { revalidatePath } from "next/cache";

/**
 * A message in the chat: the first one starts a run (the planner names the app); at the plan's
 * approval it changes the plan (the plan is rejected with the message as the reason, and a new
 * run of the same app plans from everything said); after a run it refines the app the same way.
 */
export async function sendMessage(
  runId: string | null,
  _state: FormState,
  form: FormData,
): Promise<FormState> {
  const message = textOf(form, "message");
  if (!message) return refused("message", "say what the app should do, or what should change");
  const session = await readSession();
  if (!session) return refused(null, "your session has ended: sign in again");
  const api = apiFor(session, form);
  let next: string;
  try {
    if (!runId) {
      next = (await api.runs.create.mutate({ prompt: message })).runId;
    } else {
      const run = await api.runs.byId.query({ runId });
      const move = moveAt(run.status, run.pendingApproval?.kind === "plan");
      if (move === "wait") {
        return refused(
          "message",
          "the app is being built: wait for this run to finish (or cancel it) to change it",
          { message },
        );
      }
      // The new run first: if it is refused (the conversation grew too long), the plan it
      // would replace still waits, and the message stays in the box to be shortened.
      const prompt = withChange(run.prompt, message);
      next = (await api.runs.create.mutate({ prompt, appSlug: run.appSlug })).runId;
      if (move === "change-plan") await api.runs.reject.mutate({ runId, comment: message });
    }
  } catch (e) {
    const { message: problem } = toApiProblem(e);
    const field = problem.startsWith("prompt:") ? "message" : null;
    return refused(field, field ? problem.slice("prompt:".length).trim() : problem, { message });
  }
  redirect(`/new?run=${encodeURIComponent(next)}`);
}

/** "Build it": approves the plan, and the run goes on to code, test and review it. */
export async function buildIt(runId: string, _state: FormState): Promise<FormState> {
  const session = await readSession();
  if (!session) return refused(null, "your session has ended: sign in again");
  try {
    await apiFor(session).runs.approve.mutate({ runId });
  } catch (e) {
    return refused(null, toApiProblem(e).message);
  }
  revalidatePath("/new");
  return done("Building it: coding, then tests, review and a smoke test in a browser.");
}
