import { Command } from "@langchain/langgraph";
import type { RunFailure } from "@winky/db";
import { BudgetExceededError } from "@winky/llm";
import { AppPlan, isPlannerRefusal, MAX_PROMPT_CHARS } from "@winky/planner";
import type pg from "pg";
import { runConfig, type Pipeline } from "../pipeline/graph.js";
import type { Decision, PipelineStateType } from "../pipeline/state.js";
import type { ApprovalRequest } from "../pipeline/steps.js";
import { approvalKindOf, RunApprovals } from "./run-approvals.js";
import { isInfrastructureError, RunCancelledError, RunStateError } from "./run-errors.js";
import type { PostgresRunLog } from "./run-log.js";

/** Where a run stands after the pipeline stopped: waiting for someone, or finished. */
export type RunProgress =
  | { runId: string; status: "awaiting_plan_approval" | "awaiting_approval"; asks: ApprovalRequest }
  | { runId: string; status: "succeeded"; state: PipelineStateType }
  | { runId: string; status: "failed"; error: RunFailure; state?: PipelineStateType };

/** How a run is moved: `signal` aborts it (a cancel), killing its sandbox jobs. */
export interface AdvanceOptions {
  signal?: AbortSignal;
}

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
  private readonly approvals: RunApprovals;

  constructor(
    private readonly pool: pg.Pool,
    private readonly pipeline: Pipeline,
    private readonly log: PostgresRunLog,
  ) {
    this.approvals = new RunApprovals(pool);
  }

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
    /** The user who asked for it (`users.id`), when a person did. */
    createdBy?: string;
  }): Promise<string> {
    const problem = promptProblem(input.prompt);
    if (problem) throw new RunInputError(problem);
    const name = AppPlan.shape.appName.safeParse(input.appSlug);
    if (!name.success) {
      throw new RunInputError(
        `the app name '${input.appSlug}' ${name.error.issues[0]!.message} (it names the project and the repository)`,
      );
    }
    const apps = await this.pool
      .query<{ id: string }>(
        `insert into apps (team_id, slug, name, created_by) values ($1, $2, $3, $4)
         on conflict (team_id, slug) do update set name = apps.name returning id`,
        [input.teamId, input.appSlug, input.appName, input.createdBy ?? null],
      )
      .then(
        (r) => r.rows,
        (e: { code?: string; constraint?: string }) => {
          // The slug is the app's runtime project and repository: one namespace for all teams.
          if (e.code === "23505" && e.constraint === "apps_slug_key") {
            throw new RunInputError(
              `the app name '${input.appSlug}' is taken by another team (it names the runtime project); choose another`,
            );
          }
          throw e;
        },
      );
    const { rows } = await this.pool.query<{ id: string }>(
      `insert into runs (app_id, team_id, prompt, engine, model, created_by)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        apps[0]!.id,
        input.teamId,
        input.prompt,
        input.engine,
        input.model ?? null,
        input.createdBy ?? null,
      ],
    );
    return rows[0]!.id;
  }

  /** The run's state at its last checkpoint; undefined before it started. */
  async state(runId: string): Promise<PipelineStateType | undefined> {
    const snapshot = await this.pipeline.getState(runConfig(runId));
    return snapshot.values.runId ? (snapshot.values as PipelineStateType) : undefined;
  }

  /** Starts a queued run (or resumes it: starting twice only continues). */
  async start(runId: string, options: AdvanceOptions = {}): Promise<RunProgress> {
    const snapshot = await this.pipeline.getState(runConfig(runId));
    if (snapshot.values.runId) return this.advance(runId, null, options);
    const { rows } = await this.pool.query<{ prompt: string; slug: string }>(
      "select r.prompt, a.slug from runs r join apps a on a.id = r.app_id where r.id = $1",
      [runId],
    );
    if (!rows[0]) throw new RunStateError("not-found", `no run ${runId}`);
    const input = { runId, prompt: rows[0].prompt, appSlug: rows[0].slug };
    return this.advance(runId, input, options);
  }

  /** Continues a run where its last checkpoint left it (after a crash or a restart). */
  resume(runId: string, options: AdvanceOptions = {}): Promise<RunProgress> {
    return this.advance(runId, null, options);
  }

  /** True when the run's graph has a node left to run (it stopped by error, cancel or crash). */
  async canContinue(runId: string): Promise<boolean> {
    return (await this.pipeline.getState(runConfig(runId))).next.length > 0;
  }

  /** Records the answer to the approval the run waits for, and continues the run with it. */
  async answer(runId: string, decision: Decision, options: AdvanceOptions = {}) {
    const { kind } = await this.recordDecision(runId, decision);
    return this.applyDecision(runId, { ...decision, kind }, options);
  }

  /**
   * Records a decision on the approval the run waits for (its `approvals` row and a
   * `run.approved`/`run.rejected` event) without moving the run: a worker applies it.
   *
   * @returns the gate decided, and the decision's event number (unique per decision).
   * @throws RunStateError `not-waiting` when the run waits for no approval, or another person
   *   decided it first.
   */
  async recordDecision(
    runId: string,
    decision: Decision & { byUserId?: string },
  ): Promise<{ kind: ApprovalRequest["kind"]; seq: number }> {
    const asks = await this.waitingAt(runId);
    const decided =
      asks && (await this.approvals.decide(runId, approvalKindOf(asks.kind), decision));
    if (!asks || !decided) {
      throw new RunStateError("not-waiting", `run ${runId} is not waiting for an approval`);
    }
    const seq = await this.log.append(
      runId,
      decision.approved ? "run.approved" : "run.rejected",
      null,
      {
        by: decision.by,
        gate: approvalKindOf(asks.kind),
        ...(decision.comment ? { comment: decision.comment } : {}),
      },
    );
    return { kind: asks.kind, seq };
  }

  /**
   * Continues the run with a recorded decision when it still waits at that gate and the
   * decision still stands; otherwise (a worker applied it before dying, or a cancel withdrew it
   * and the gate was asked again) it only resumes, so a decision is never applied twice.
   */
  async applyDecision(
    runId: string,
    decision: Decision & { kind: ApprovalRequest["kind"] },
    options: AdvanceOptions = {},
  ): Promise<RunProgress> {
    const asks = await this.waitingAt(runId);
    const gate = approvalKindOf(decision.kind);
    // A decision a cancel withdrew (its gate asked again since) is not applied either.
    const standing =
      asks?.kind === decision.kind && (await this.approvals.stands(runId, gate, decision.approved));
    if (!standing) return this.advance(runId, null, options);
    const { kind: _kind, ...answer } = decision;
    return this.advance(runId, new Command({ resume: answer }), options);
  }

  /** Ends a run as failed with `error` (a worker out of retries), unless it ended already. */
  async fail(runId: string, error: RunFailure): Promise<void> {
    await this.log.finish(runId, "failed", error);
  }

  /** The gate the run's graph waits at, when it waits at one. */
  async waitingAt(runId: string): Promise<ApprovalRequest | undefined> {
    const snapshot = await this.pipeline.getState(runConfig(runId));
    return snapshot.tasks.flatMap((t) => t.interrupts)[0]?.value as ApprovalRequest | undefined;
  }

  private async advance(
    runId: string,
    input: unknown,
    options: AdvanceOptions,
  ): Promise<RunProgress> {
    const { signal } = options;
    try {
      await this.pipeline.invoke(input as never, {
        ...runConfig(runId),
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      // A cancelled run, or one whose services were down, stays where it stopped: the
      // cancel is recorded already, and a retry continues from the node that stopped.
      if (signal?.aborted || e instanceof RunCancelledError) throw new RunCancelledError(runId);
      if (isInfrastructureError(e)) throw e;
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
      await this.log.finish(runId, "failed", error);
      return { runId, status: "failed", error };
    }
    const snapshot = await this.pipeline.getState(runConfig(runId));
    const state = snapshot.values as PipelineStateType;
    const asks = snapshot.tasks.flatMap((t) => t.interrupts)[0]?.value as
      ApprovalRequest | undefined;
    if (asks) {
      const status = asks.kind === "plan" ? "awaiting_plan_approval" : "awaiting_approval";
      // A run cancelled as it reached the gate asks nobody.
      if (!(await this.log.setStatus(runId, status))) throw new RunCancelledError(runId);
      await this.approvals.request(runId, approvalKindOf(asks.kind));
      return { runId, status, asks };
    }
    const outcome = state.outcome;
    if (outcome?.status === "succeeded") {
      await this.log.finish(runId, "succeeded");
      return { runId, status: "succeeded", state };
    }
    const error: RunFailure = {
      code: outcome?.status === "rejected" ? "rejected" : "checks-failed",
      message: outcome?.reason ?? "the run stopped without an outcome",
    };
    await this.log.finish(runId, "failed", error);
    return { runId, status: "failed", error, state };
  }
}
