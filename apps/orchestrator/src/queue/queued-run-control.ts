import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import type { RunStatus } from "@winky/db";
import type pg from "pg";
import { RunStateError } from "../runs/run-errors.js";
import { RunInputError } from "../runs/run-service.js";
import type { PostgresRunLog } from "../runs/run-log.js";
import type { RunService } from "../runs/run-service.js";
import { approvalKindOf, RunApprovals } from "../runs/run-approvals.js";
import { announceCancel } from "./cancel-channel.js";
import type { Actor, ApprovalDecision, CreateRunInput, RunControl } from "./run-control.js";
import {
  DEFAULT_QUEUE_PREFIX,
  RUN_JOB_OPTIONS,
  runJobId,
  RUNS_QUEUE,
  type RunJobData,
} from "./run-jobs.js";

export interface QueuedRunControlOptions {
  pool: pg.Pool;
  connection: ConnectionOptions;
  prefix?: string;
  log: PostgresRunLog;
  /** Reads runs' graphs (which gate a run waits at, whether it can go on); moves none. */
  reader: RunService;
  /** The engine of runs that name none: the model when one is configured. */
  defaultEngine: "offline" | "model";
  /** The model's name, recorded on runs of the model engine. */
  model?: string;
  /** Overrides of {@link RUN_JOB_OPTIONS} (tests: fewer attempts, shorter backoff). */
  jobOptions?: JobsOptions;
}

/**
 * The runs API over BullMQ: every change is recorded in PostgreSQL first (the run, the
 * decision, the cancel), then a job asks a worker to act on it. A job's id names what it does,
 * so an API call repeated after a timeout queues nothing twice.
 */
export class QueuedRunControl implements RunControl {
  readonly queue: Queue;
  private readonly approvals: RunApprovals;

  constructor(private readonly options: QueuedRunControlOptions) {
    this.queue = new Queue(RUNS_QUEUE, {
      connection: options.connection,
      prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
    });
    this.approvals = new RunApprovals(options.pool);
  }

  async create(input: CreateRunInput): Promise<{ runId: string; appId: string }> {
    const engine = input.engine ?? this.options.defaultEngine;
    if (engine === "model" && !this.options.model) {
      throw new RunInputError(
        "engine: the model engine is not configured here (OPENAI_API_KEY or OPENAI_BASE_URL, and WINKY_MODEL); use offline",
      );
    }
    const runId = await this.options.reader.create({
      teamId: input.teamId,
      appSlug: input.appSlug,
      appName: input.appName,
      prompt: input.prompt,
      engine,
      ...(engine === "model" && this.options.model ? { model: this.options.model } : {}),
      ...(input.createdBy ? { createdBy: input.createdBy } : {}),
    });
    await this.options.log.append(runId, "run.queued", null, { engine });
    await this.enqueue({ action: "start", runId });
    return { runId, appId: (await this.row(runId)).app_id };
  }

  async decide(runId: string, decision: ApprovalDecision, by: Actor): Promise<void> {
    await this.generation(runId);
    const { kind, seq } = await this.options.reader.recordDecision(runId, {
      approved: decision.approved,
      by: by.label,
      ...(by.userId ? { byUserId: by.userId } : {}),
      ...(decision.comment ? { comment: decision.comment } : {}),
    });
    await this.enqueue(
      {
        action: "decide",
        runId,
        decision: {
          kind,
          approved: decision.approved,
          by: by.label,
          ...(decision.comment ? { comment: decision.comment } : {}),
        },
      },
      seq,
    );
  }

  async cancel(runId: string, by: Actor): Promise<void> {
    await this.generation(runId);
    // Queued jobs go first, so none starts after the cancel (an active one is aborted by its
    // worker when it hears the cancel below); a retry that follows queues its own job.
    for (const job of await this.queue.getJobs(["waiting", "delayed", "prioritized"])) {
      if ((job.data as { runId?: string }).runId === runId) await job.remove().catch(() => {});
    }
    const { rows } = await this.options.pool.query(
      `update runs set status = 'cancelled', finished_at = now(),
              started_at = coalesce(started_at, now()), error = $2
       where id = $1 and finished_at is null returning id`,
      [runId, JSON.stringify({ code: "cancelled", message: `cancelled by ${by.label}` })],
    );
    if (!rows[0]) {
      const run = await this.row(runId);
      throw new RunStateError("finished", `run ${runId} has ended (${run.status})`, run.status);
    }
    await this.approvals.withdraw(runId, `the run was cancelled by ${by.label}`);
    await this.options.log.append(runId, "run.cancelled", null, { by: by.label });
    await announceCancel(this.options.pool, runId);
  }

  async retry(runId: string, by: Actor): Promise<{ runId: string; resumed: boolean }> {
    const run = await this.generation(runId);
    if (run.status === "succeeded") {
      throw new RunStateError("succeeded", `run ${runId} succeeded: start a new run instead`);
    }
    if (run.status !== "failed" && run.status !== "cancelled") {
      throw new RunStateError("not-finished", `run ${runId} is still ${run.status}`, run.status);
    }
    if (await this.options.reader.canContinue(runId)) {
      const { rowCount } = await this.options.pool.query(
        `update runs set status = 'queued', finished_at = null, error = null
         where id = $1 and status in ('failed', 'cancelled')`,
        [runId],
      );
      if (!rowCount) throw new RunStateError("not-finished", `run ${runId} was retried already`);
      // A run that goes on was stopped, never rejected by a person (a rejection ends the
      // graph): when it stopped at a gate, no decision there took effect, so it is asked again.
      const gate = await this.options.reader.waitingAt(runId);
      if (gate) await this.approvals.reopen(runId, approvalKindOf(gate.kind));
      const n = await this.options.log.append(runId, "run.retried", null, { by: by.label });
      await this.enqueue({ action: "resume", runId }, n);
      return { runId, resumed: true };
    }
    // The graph ended (checks failed, rejected, refused): the same prompt again, from the plan.
    const { rows } = await this.options.pool.query<{ id: string }>(
      `insert into runs (app_id, team_id, prompt, engine, model, created_by, retry_of)
       select app_id, team_id, prompt, engine, model, $2, id from runs r where id = $1
         and not exists (select 1 from runs where retry_of = r.id)
       returning id`,
      [runId, by.userId ?? null],
    );
    const retry = rows[0]?.id;
    if (!retry) throw new RunStateError("finished", `run ${runId} was retried already`);
    await this.options.log.append(retry, "run.queued", null, { retryOf: runId, by: by.label });
    await this.enqueue({ action: "start", runId: retry });
    return { runId: retry, resumed: false };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }

  private async enqueue(data: RunJobData, attempt = 0): Promise<void> {
    await this.queue.add(data.action, data, {
      ...RUN_JOB_OPTIONS,
      ...this.options.jobOptions,
      jobId: runJobId(data, attempt),
    });
  }

  /** The run, which must be a generation: regression runs are the scheduler's to start. */
  private async generation(runId: string) {
    const run = await this.row(runId);
    if (run.kind !== "generation") {
      throw new RunStateError(
        "not-generation",
        `run ${runId} is a regression check: it is not cancelled or retried; check the app again instead`,
      );
    }
    return run;
  }

  private async row(runId: string): Promise<{ app_id: string; status: RunStatus; kind: string }> {
    const { rows } = await this.options.pool.query<{
      app_id: string;
      status: RunStatus;
      kind: string;
    }>("select app_id, status, kind from runs where id = $1", [runId]);
    if (!rows[0]) throw new RunStateError("not-found", `no run ${runId}`);
    return rows[0];
  }
}
