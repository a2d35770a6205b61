"use server";

import { revalidatePath } from "next/cache";
import { apiFor, toApiProblem } from "../../_lib/api.js";
import { readSession } from "../../_lib/session.js";
import type { RollbackState } from "./rollback-state.js";

/**
 * Puts the version of one of the app's earlier deployments live again (`apps.rollback`), as
 * the signed-in user. The API decides who may (admin+) and whether it can (a runtime to release
 * on, a version not already live); what it refuses comes back in its words.
 */
export async function rollBackApp(
  appId: string,
  deploymentId: string,
  _previous: RollbackState,
): Promise<RollbackState> {
  const session = await readSession();
  if (!session) {
    return {
      problem: { code: "UNAUTHORIZED", message: "your session has ended: sign in again" },
      liveVersion: null,
    };
  }
  let liveVersion: number;
  try {
    const rollback = await apiFor(session).apps.rollback.mutate({ appId, deploymentId });
    liveVersion = rollback.version;
  } catch (e) {
    return { problem: toApiProblem(e), liveVersion: null };
  }
  // The new deployment row and the live URL show on the page's next render.
  revalidatePath(`/apps/${appId}`);
  revalidatePath("/apps");
  return { problem: null, liveVersion };
}
