import { createWinkyClient, isWinkyApiError, type WinkyClient } from "@winky/api-client";
import { credentialOf, type Session } from "../../src/session-cookie.js";
import { pinnedTeam } from "../../src/team-pin.js";
import { studioConfig } from "./config.js";

/**
 * The orchestrator's API as the session's user; the token stays on the server. A person acts
 * in their session's team, or in the team a submitted form was shown for (`team-pin.ts`).
 */
export function apiFor(session: Session, form?: FormData | null): WinkyClient {
  const team = session.kind === "platform" ? (pinnedTeam(form) ?? session.team) : null;
  return createWinkyClient({
    url: `${studioConfig().ORCHESTRATOR_URL}/trpc`,
    token: credentialOf(session),
    ...(team ? { team } : {}),
  });
}

/** What the API answered, shown to the user as it is: its messages say what to change. */
export interface ApiProblem {
  code: string;
  message: string;
}

/** The API's refusal in words, for an error from the client; rethrows anything else. */
export function toApiProblem(e: unknown): ApiProblem {
  if (!isWinkyApiError(e)) throw e;
  if (e.code === "NETWORK_ERROR") {
    return {
      code: e.code,
      message: `the orchestrator at ${studioConfig().ORCHESTRATOR_URL} did not answer`,
    };
  }
  return { code: e.code, message: e.message };
}

/** The result of a call: its value, or the API's problem. Pages render either. */
export async function settle<T>(
  call: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; problem: ApiProblem }> {
  try {
    return { ok: true, value: await call };
  } catch (e) {
    return { ok: false, problem: toApiProblem(e) };
  }
}

export type Account = Awaited<ReturnType<WinkyClient["account"]["me"]["query"]>>;
export type TeamWithRole = Awaited<ReturnType<WinkyClient["teams"]["get"]["query"]>>;
export type RunListPage = Awaited<ReturnType<WinkyClient["runs"]["list"]["query"]>>;
export type RunDetail = Awaited<ReturnType<WinkyClient["runs"]["byId"]["query"]>>;
export type RunSummary = RunListPage["items"][number];
