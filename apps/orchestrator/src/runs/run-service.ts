import { Command } from "@langchain/langgraph";
import type { RunFailure } from "@winky/db";
import { BudgetExceededError } from "@winky/llm";
import { AppPlan, isPlannerRefusal, MAX_PROMPT_CHARS } from "@winky/planner";
import type pg from "pg";
import { runConfig, type Pipeline } from "../pipeline/graph.js";
import type { Decision, PipelineStateType } from "../pipeline/state.js";
import type { ApprovalRequest } from "../pipeline/steps.js";
import type { PostgresRunLog } from "./run-log.js";

/** Where a run stands after the pipeline stopped: waiting for someone, or finished. */
export type RunProgress =
  | { runId: string; status: "awaiting_plan_approval" | "awaiting_approval"; asks: ApprovalRequest }
  | { runId: string; status: "succeeded"; state: PipelineStateType }
  | { runId: string; status: "failed"; error: RunFailure; state?: PipelineStateType };

/** A run that cannot be created from what was given; the message says what to change. */
export class RunInputError extends Error {
  override readonly name = "RunInputError";
}

/** What is wrong with `prompt` before any planning (empty, too long), or undefined. */
export function promptProblem(prompt: string): string | undefined {
  if (prompt.trim() === "")
    return "the prompt is empty: describe the app, e.g. “a notes app with tags”";
  if (prompt.length > MAX_PROMPT_CHARS) {
    return `the prompt is ${prompt.length} characters; at most ${MAX_PROMPT_CHARS} are read`;
  }
  return undefined;
}

/**
 * Runs rows of `runs` through the pipeline: starts them, answers their approvals, resumes them
 * after a crash (the graph's thread is the run's id, its checkpoints in PostgreSQL), and keeps
 * `runs.status`, `finished_at` and `error` true to where the graph stopped.
 */
export class RunService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly pipeline: Pipeline,
    private readonly log: PostgresRunLog,
  ) {}

  /**
   * Creates the team's app (by slug, once) and a queued run of `prompt` for it.
   *
   * @throws RunInputError for an empty prompt, one longer than the planner reads, or an app
   *   slug that cannot name a project (nothing is created).
   */
  async create(input: {
    teamId: string;
    appSlug: string;
    appName: string;
    prompt: string;
    engine: string;
    /** The model the run's agents ask, when its engine uses one. */
    model?: string;
  }): Promise<string> {
    const problem = promptProblem(input.prompt);
    if (problem) throw new RunInputError(problem);
    const name = AppPlan.shape.appName.safeParse(input.appSlug);
    if (!name.success) {
      throw new RunInputError(
        `the app name '${input.appSlug}' ${name.error.issues[0]!.message} (it names the project and the repository)`,
      );
    }
    const { rows: apps } = await this.pool.query<{ id: string }>(
      `insert into apps (team_id, slug, name) values ($1, $2, $3)
       on conflict (team_id, slug) do update set name = apps.name returning id`,
      [input.teamId, input.appSlug, input.appName],
    );
    const { rows } = await this.pool.query<{ id: string }>(
      `insert into runs (app_id, team_id, prompt, engine, model) values ($1, $2, $3, $4, $5)
       returning id`,
      [apps[0]!.id, input.teamId, input.prompt, input.engine, input.model ?? null],
    );
    return rows[0]!.id;
  }

  /** The run's state at its last checkpoint; undefined before it started. */
  async state(runId: string): Promise<PipelineStateType | undefined> {
    const snapshot = await this.pipeline.getState(runConfig(runId));
    return snapshot.values.runId ? (snapshot.values as PipelineStateType) : undefined;
  }

  /** Starts a queued run (or resumes it: starting twice only continues). */
  async start(runId: string): Promise<RunProgress> {
    const snapshot = await this.pipeline.getState(runConfig(runId));
    if (snapshot.values.runId) return this.advance(runId, null);
    const { rows } = await this.pool.query<{ prompt: string; slug: string }>(
      "select r.prompt, a.slug from runs r join apps a on a.id = r.app_id where r.id = $1",
      [runId],
    );
    if (!rows[0]) throw new Error(`no run ${runId}`);
    return this.advance(runId, { runId, prompt: rows[0].prompt, appSlug: rows[0].slug });
  }

  /** Continues a run where its last checkpoint left it (after a crash or a restart). */
  resume(runId: string): Promise<RunProgress> {
    return this.advance(runId, null);
  }

  /** Answers the approval the run waits for. @throws Error when it waits for none. */
  async answer(runId: string, decision: Decision): Promise<RunProgress> {
    const snapshot = await this.pipeline.getState(runConfig(runId));
    const waiting = snapshot.next.some((n) => n === "planApproval" || n === "approve");
    if (!waiting) throw new Error(`run ${runId} is not waiting for an approval`);
    await this.log.append(runId, decision.approved ? "run.approved" : "run.rejected", null, {
      by: decision.by,
      ...(decision.comment ? { comment: decision.comment } : {}),
    });
    return this.advance(runId, new Command({ resume: decision }));
  }

  private async advance(runId: string, input: unknown): Promise<RunProgress> {
    try {
      await this.pipeline.invoke(input as never, runConfig(runId));
    } catch (e) {
      const node = (await this.pipeline.getState(runConfig(runId))).next[0];
      // A prompt the planner will not plan is the person's to change: say why, in its words.
      // A spent model budget stops the run cleanly, saying which limit.
      const code = isPlannerRefusal(e)
        ? `refused-${e.code}`
        : e instanceof BudgetExceededError
          ? "budget-exceeded"
          : "step-failed";
      const message = isPlannerRefusal(e) ? e.reason : (e as Error).message;
      const error: RunFailure = { code, message, ...(node ? { node } : {}) };
      await this.finish(runId, "failed", error);
      return { runId, status: "failed", error };
    }
    const snapshot = await this.pipeline.getState(runConfig(runId));
    const state = snapshot.values as PipelineStateType;
    const asks = snapshot.tasks.flatMap((t) => t.interrupts)[0]?.value as
      ApprovalRequest | undefined;
    if (asks) {
      const status = asks.kind === "plan" ? "awaiting_plan_approval" : "awaiting_approval";
      await this.log.setStatus(runId, status);
      return { runId, status, asks };
    }
    const outcome = state.outcome;
    if (outcome?.status === "succeeded") {
      await this.finish(runId, "succeeded");
      return { runId, status: "succeeded", state };
    }
    const error: RunFailure = {
      code: outcome?.status === "rejected" ? "rejected" : "checks-failed",
      message: outcome?.reason ?? "the run stopped without an outcome",
    };
    await this.finish(runId, "failed", error);
    return { runId, status: "failed", error, state };
  }

  private async finish(runId: string, status: "succeeded" | "failed", error?: RunFailure) {
    await this.pool.query(
      `update runs set status = $2, error = $3, started_at = coalesce(started_at, now()),
              finished_at = now() where id = $1`,
      [runId, status, error ? JSON.stringify(error) : null],
    );
    await this.log.append(runId, `run.${status}`, null, error ?? {});
  }
}
