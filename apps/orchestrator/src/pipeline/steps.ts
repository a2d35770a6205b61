import type { CheckReport, Decision, Deployment, PipelineStateType } from "./state.js";

/** What every step gets beside the state: the run, and where to report progress. */
export interface StepContext {
  runId: string;
  /** Appends a progress line to the run's log (`run_events`), e.g. a test's output. */
  progress(message: string, payload?: Record<string, unknown>): Promise<void>;
  /**
   * Aborts when the run is cancelled (or its worker stops): a step passes it to its sandbox
   * jobs, which then kill their containers, and to anything else that can stop early.
   */
  signal?: AbortSignal;
}

/**
 * The work behind each node, from the agents (planner, coder, tester, reviewer) and the
 * orchestrator's own services (sandbox, Git, deploy). The graph only routes between them.
 * Steps must be safe to run again: a run that crashed mid-node resumes by running that node
 * from its start, and `commit`/`deploy` must notice work a previous attempt finished.
 */
export interface PipelineSteps {
  plan(state: PipelineStateType, ctx: StepContext): Promise<{ appPlan: Record<string, unknown> }>;
  preview(
    state: PipelineStateType,
    ctx: StepContext,
  ): Promise<{ previewData: Record<string, unknown> }>;
  /** Writes the app; on a repair round `state` holds the failed check's report. */
  code(state: PipelineStateType, ctx: StepContext): Promise<{ files: Record<string, string> }>;
  test(state: PipelineStateType, ctx: StepContext): Promise<CheckReport>;
  review(state: PipelineStateType, ctx: StepContext): Promise<CheckReport>;
  smoke(state: PipelineStateType, ctx: StepContext): Promise<CheckReport>;
  /** Commits locally, then pushes when a remote is configured (`remote`, without userinfo). */
  commit(
    state: PipelineStateType,
    ctx: StepContext,
  ): Promise<NonNullable<PipelineStateType["commitInfo"]>>;
  deploy(state: PipelineStateType, ctx: StepContext): Promise<Deployment>;
}

/** What an approval interrupt shows, and what resuming it must answer. */
export interface ApprovalRequest {
  kind: "plan" | "result";
  runId: string;
  summary: string;
}
export type ApprovalAnswer = Decision;
