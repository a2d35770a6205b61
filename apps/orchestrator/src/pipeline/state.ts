import { Annotation } from "@langchain/langgraph";

/** The nodes of a generation run, in the order the graph visits them. */
export const PIPELINE_NODES = [
  "plan",
  "preview",
  "planApproval",
  "code",
  "test",
  "review",
  "smoke",
  "approve",
  "commit",
  "deploy",
] as const;
export type PipelineNode = (typeof PIPELINE_NODES)[number];

/** The checks whose failure sends the run back to `code` for a repair round. */
export type CheckNode = "test" | "review" | "smoke";

/** Where each check's report is kept in the state. */
export const REPORT_KEY = {
  test: "testReport",
  review: "reviewReport",
  smoke: "smokeReport",
} as const satisfies Record<CheckNode, string>;

/** What a check found: passed, or failed with findings the coder can act on. */
export interface CheckReport {
  ok: boolean;
  /** One line for people: "3 of 12 tests failed". */
  summary: string;
  /** Each problem found, in words (a failing test, a type error, a rules finding). */
  findings: string[];
  /** Counts where the check has them (tests, smoke scenarios). */
  passed?: number;
  failed?: number;
  /** Whatever else the check reports (logs, screenshots' paths). */
  details?: Record<string, unknown>;
}

/** One failed check, remembered to decide whether another repair round can help. */
export interface CheckFailure {
  node: CheckNode;
  round: number;
  /** The findings, normalised: the same problem twice gives the same signature. */
  signature: string;
}

/** A person's (or `--yes`'s) answer at an approval. */
export interface Decision {
  approved: boolean;
  by: string;
  comment?: string;
}

/** What a deploy made live: the project, its URL, and the runtime's hosting version. */
export interface Deployment {
  project: string;
  url: string;
  /** The hosting version released; absent when nothing was released (no site). */
  version?: number;
}

/** How the run ended, when it did. */
export interface RunOutcome {
  status: "succeeded" | "failed" | "rejected";
  reason?: string;
}

/**
 * The state a run carries between nodes; the checkpointer stores it after every node, so a run
 * resumes with it. Keys differ from node names (LangGraph forbids sharing them). Plans, previews and files are plain JSON (the agents' own types are kept
 * out of the graph's: the orchestrator only routes).
 */
export const PipelineState = Annotation.Root({
  runId: Annotation<string>(),
  prompt: Annotation<string>(),
  /** The app's name as chosen before planning (its project and repository); the plan keeps it. */
  appSlug: Annotation<string | undefined>(),
  appPlan: Annotation<Record<string, unknown> | undefined>(),
  previewData: Annotation<Record<string, unknown> | undefined>(),
  /** The app's files, path → content (the coder's latest). */
  files: Annotation<Record<string, string> | undefined>(),
  /** Repair rounds done so far (the first `code` is round 0). */
  round: Annotation<number>({ reducer: (_old, next) => next, default: () => 0 }),
  testReport: Annotation<CheckReport | undefined>(),
  reviewReport: Annotation<CheckReport | undefined>(),
  smokeReport: Annotation<CheckReport | undefined>(),
  failures: Annotation<CheckFailure[]>({
    reducer: (old, next) => old.concat(next),
    default: () => [],
  }),
  planDecision: Annotation<Decision | undefined>(),
  decision: Annotation<Decision | undefined>(),
  commitInfo: Annotation<{ repo: string; sha: string; remote?: string } | undefined>(),
  deployment: Annotation<Deployment | undefined>(),
  outcome: Annotation<RunOutcome | undefined>(),
});
export type PipelineStateType = typeof PipelineState.State;
export type PipelineUpdate = typeof PipelineState.Update;
