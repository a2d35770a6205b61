import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import type pg from "pg";
import type { RunProgress, RunService } from "../runs/run-service.js";
import { isInfrastructureError, RunCancelledError } from "../runs/run-errors.js";
import { RunBusyError, withRunLock } from "../runs/run-lock.js";
import { PostgresRunLog } from "../runs/run-log.js";
import { CancelListener } from "./cancel-channel.js";
import { DEFAULT_QUEUE_PREFIX, RunJobData, RUNS_QUEUE } from "./run-jobs.js";

export interface RunWorkerOptions {
  /** The platform database: runs, their checkpoints, and the run locks. */
  pool: pg.Pool;
  /** The same database for the cancel channel's LISTEN connection. */
  databaseUrl: string;
  /** Redis for BullMQ (`maxRetriesPerRequest: null`, as BullMQ workers require). */
  connection: ConnectionOptions;
  prefix?: string;
  /** The run service of each engine a run may name (`offline`, `model`). */
  serviceFor(engine: string): RunService;
  /** Runs moved at once by this worker (each mostly waits on its sandbox). Default 2. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal: a dead worker's runs wait this long. */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died. Default: lockDurationMs. */
  stalledIntervalMs?: number;
  /** The worker's name in BullMQ (`job.processedBy`). */
  name?: string;
  /** Where the worker reports what it could not do (a log). */
  onError?: (error: Error, runId?: string) => void;
}

/** What a job did: where the run stands, or why it was left alone. */
export type RunJobResult =
  | { runId: string; status: RunProgress["status"] }
  | { runId: string; skipped: "finished" | "cancelled" };

/** How long a job waits while another process moves its run. */
const BUSY_RETRY_MS = 5_000;

/**
 * Puts the job back in the queue for `ms` without spending an attempt (BullMQ's way: move it
 * to delayed, then throw `DelayedError`).
 */
async function later(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

/** The worker is stopping: its runs go back to the queue for another worker. */
class WorkerStoppingError extends Error {
  override readonly name = "WorkerStoppingError";
}

/**
 * A BullMQ worker that moves generation runs. Each job takes the run's lock, then starts,
 * resumes or applies a decision from the run's last checkpoint — so a job whose worker died
 * (BullMQ hands it to another once its lock expires) continues where the run stopped, and no
 * finished node runs twice. A cancel aborts the run's sandbox jobs; services that are down
 * are retried with backoff, and the run fails only once the retries are spent; a payload that
 * is not a run job fails at once.
 */
export async function startRunWorker(options: RunWorkerOptions) {
  const cancels = new CancelListener(options.databaseUrl, (e) => options.onError?.(e));
  await cancels.start();
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker<unknown, RunJobResult>(
    RUNS_QUEUE,
    (job, token) => process(job, token),
    {
      connection: options.connection,
      prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
      concurrency: options.concurrency ?? 2,
      lockDuration,
      stalledInterval: options.stalledIntervalMs ?? lockDuration,
      // A run whose workers keep dying is retried a few times, not forever.
      maxStalledCount: 3,
      ...(options.name ? { name: options.name } : {}),
    },
  );
  worker.on("error", (e) => options.onError?.(e));
  const log = new PostgresRunLog(options.pool);

  async function process(job: Job<unknown, RunJobResult>, token?: string): Promise<RunJobResult> {
    const parsed = RunJobData.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`not a run job: ${parsed.error.issues[0]!.message}`);
    }
    const data = parsed.data;
    const run = await runRow(data.runId);
    if (!run) throw new UnrecoverableError(`no run ${data.runId}`);
    if (run.status === "cancelled") return { runId: data.runId, skipped: "cancelled" };
    if (run.status === "succeeded" || run.status === "failed") {
      return { runId: data.runId, skipped: "finished" };
    }
    let service: RunService;
    try {
      service = options.serviceFor(run.engine);
    } catch (e) {
      // This worker cannot move runs of that engine (no model configured): say so on the run.
      const error = { code: "engine-unavailable", message: (e as Error).message };
      await log.finish(data.runId, "failed", error);
      throw new UnrecoverableError(error.message);
    }
    let signal: AbortSignal | undefined;
    try {
      const progress = await withRunLock(options.pool, data.runId, async () => {
        // Tracked only while this job holds the run: a duplicate job never takes its place.
        const tracked = cancels.track(data.runId);
        signal = tracked.signal;
        try {
          const moving = { signal: tracked.signal };
          if (data.action === "decide") {
            return await service.applyDecision(data.runId, data.decision, moving);
          }
          return data.action === "start"
            ? await service.start(data.runId, moving)
            : await service.resume(data.runId, moving);
        } finally {
          tracked.done();
        }
      });
      return { runId: data.runId, status: progress.status };
    } catch (e) {
      // Not the run's fault, and no attempt spent: the job waits and comes back.
      if (signal?.reason instanceof WorkerStoppingError) return later(job, token, 1_000);
      if (e instanceof RunBusyError) return later(job, token, BUSY_RETRY_MS);
      if (e instanceof RunCancelledError) {
        // A cancel that a retry already undid must not stop the retried run.
        if ((await runRow(data.runId))?.status !== "cancelled") return later(job, token, 1_000);
        return { runId: data.runId, skipped: "cancelled" };
      }
      if (isInfrastructureError(e)) options.onError?.(e as Error, data.runId);
      throw e;
    }
  }

  // A job out of attempts (or stalled too often) leaves no run hanging: the run fails saying why.
  worker.on("failed", (job, error) => {
    void (async () => {
      const runId = (job?.data as { runId?: unknown } | undefined)?.runId;
      if (!job || typeof runId !== "string" || (await job.getState()) !== "failed") return;
      if (!RunJobData.safeParse(job.data).success) return;
      await log.finish(runId, "failed", {
        code: isInfrastructureError(error) ? "infrastructure" : "worker-failed",
        message: isInfrastructureError(error)
          ? `a service the run needs stayed unavailable: ${error.message}`
          : `the run's worker gave up after ${job.attemptsMade} attempt(s): ${error.message}`,
      });
    })().catch((e: Error) => options.onError?.(e));
  });

  async function runRow(runId: string) {
    const { rows } = await options.pool.query<{ engine: string; status: string }>(
      "select engine, status from runs where id = $1",
      [runId],
    );
    return rows[0];
  }

  return {
    worker,
    /**
     * Stops taking jobs and hands the runs it moves back to the queue (their nodes start again
     * on another worker), then closes.
     */
    async close(): Promise<void> {
      const closing = worker.close();
      cancels.abortAll(new WorkerStoppingError("the worker is stopping"));
      await closing;
      await cancels.close();
    },
  };
}
