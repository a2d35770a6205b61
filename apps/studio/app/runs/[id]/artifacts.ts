import type { WinkyClient } from "@winky/api-client";
import { cache } from "react";
import { apiFor, settle, type ApiProblem } from "../../_lib/api.js";
import { requireSession } from "../../_lib/session.js";

/**
 * What the run view reads of a run's artifacts, once per request: the plan, reports and code
 * sections render in their own Suspense boundaries and share these answers (React's `cache`
 * lasts one server render).
 */
async function api(): Promise<WinkyClient> {
  return apiFor(await requireSession());
}

export type RunArtifacts = Awaited<ReturnType<WinkyClient["runs"]["artifacts"]["query"]>>;
export type RoundView = Awaited<ReturnType<WinkyClient["runs"]["rounds"]["query"]>>[number];
export type RunFile = Awaited<ReturnType<WinkyClient["runs"]["file"]["query"]>>;
/** What `settle` answers: the value, or the API's problem. */
type Settled<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

export const loadArtifacts: (runId: string) => Promise<Settled<RunArtifacts>> = cache(
  async (runId: string) => settle((await api()).runs.artifacts.query({ runId })),
);

export const loadRounds: (runId: string) => Promise<Settled<RoundView[]>> = cache(
  async (runId: string) => settle((await api()).runs.rounds.query({ runId })),
);

export const loadFile: (runId: string, path: string, round: number) => Promise<Settled<RunFile>> =
  cache(async (runId: string, path: string, round: number) =>
    settle((await api()).runs.file.query({ runId, path, round })),
  );
export type ReportView = NonNullable<RunArtifacts["reports"]["test"]>;
export type PlanView = NonNullable<RunArtifacts["plan"]>;
export type PreviewView = NonNullable<RunArtifacts["preview"]>;

/** What the code section shows, from the page's query: `?file=<path>&round=<n>&view=diff`. */
export interface CodeSelection {
  file: string | null;
  round: number | null;
  diff: boolean;
}

export function codeSelectionOf(query: Record<string, string | string[] | undefined>) {
  const one = (key: string) => {
    const value = query[key];
    return typeof value === "string" && value !== "" ? value : null;
  };
  const round = one("round");
  return {
    file: one("file"),
    round: round && /^\d{1,4}$/.test(round) ? Number(round) : null,
    diff: one("view") === "diff",
  } satisfies CodeSelection;
}

/** The page's URL for a selection, kept to the code section (`#code`). */
export function codeHref(selection: CodeSelection): string {
  const query = new URLSearchParams();
  if (selection.file) query.set("file", selection.file);
  if (selection.round !== null) query.set("round", String(selection.round));
  if (selection.diff) query.set("view", "diff");
  return `?${query.toString()}#code`;
}
