import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import type { z } from "zod";
import { PostgresRunLog } from "../runs/run-log.js";
import { checkDeployedApp, type RegressionCheckDeps } from "./check-deployed-app.js";
import { listDeployedApps, teamExists } from "./deployed-apps.js";
import {
  APP_JOB_OPTIONS,
  appJobIdOf,
  REGRESSION_JOB,
  REGRESSION_QUEUE,
  RegressionPayload,
  schedulerIdOf,
  toConnectionOptions,
  type RegressionConnection,
} from "./regression-queue.js";

export interface RegressionWorkerDeps extends Omit<RegressionCheckDeps, "log"> {
  /** A Redis URL or ioredis options; the worker opens (and closes) its own connections. */
  connection: RegressionConnection;
  /** Redis key prefix of the queue; the scheduler's must be the same. */
  prefix?: string;
  /** Checks at once (default 1: each smoke takes a builder container, 2 CPUs and 3 GB). */
  concurrency?: number;
  /** The run log (default: a `PostgresRunLog` on `pool`). */
  log?: PostgresRunLog;
  /** Queue trouble (Redis away…); the worker carries on. Default: one line on stderr. */
  onError?: (error: Error) => void;
}

/** What the worker answers for each job (BullMQ keeps it as the job's return value). */
export type RegressionJobResult =
  { queued: number } | { skipped: string } | { runId: string; status: "succeeded" | "failed" };

export interface RegressionWorker {
  readonly worker: Worker<RegressionPayload, RegressionJobResult>;
  /**
   * Stops taking jobs, aborts the running checks (their sandboxes are destroyed, their runs
   * cancelled, their jobs retried later) and closes the worker's connections.
   */
  close(): Promise<void>;
}

/**
 * Runs regression jobs from {@link REGRESSION_QUEUE}. A team job (the scheduler's, or
 * `checkNow(teamId)`) queues one job per deployed app of the team; an app job checks that
 * app with {@link checkDeployedApp}: a regression run, the smoke against its production
 * project, the verdict, and on failure the team's webhook.
 *
 * Payloads that do not parse fail at once with `UnrecoverableError`. An app job whose smoke
 * could not run throws, so BullMQ retries it with backoff; a failed smoke is a verdict and
 * completes the job. A team that no longer exists loses its scheduler.
 */
export function startRegressionWorker(deps: RegressionWorkerDeps): RegressionWorker {
  const connection = toConnectionOptions(deps.connection);
  const prefix = deps.prefix ? { prefix: deps.prefix } : {};
  const queue = new Queue<RegressionPayload>(REGRESSION_QUEUE, { connection, ...prefix });
  const checkDeps: RegressionCheckDeps = {
    ...deps,
    log: deps.log ?? new PostgresRunLog(deps.pool),
  };

  const checkTeam = async (teamId: string): Promise<RegressionJobResult> => {
    if (!(await teamExists(deps.pool, teamId))) {
      await queue.removeJobScheduler(schedulerIdOf(teamId));
      return { skipped: `team ${teamId} no longer exists; its schedule is removed` };
    }
    const apps = await listDeployedApps(deps.pool, deps.dataDir, teamId);
    await queue.addBulk(
      apps.map((app) => ({
        name: REGRESSION_JOB,
        data: { teamId, appId: app.id },
        opts: { ...APP_JOB_OPTIONS, jobId: appJobIdOf(app.id) },
      })),
    );
    return { queued: apps.length };
  };

  const checkApp = async (
    teamId: string,
    appId: string,
    signal: AbortSignal | undefined,
  ): Promise<RegressionJobResult> => {
    const [app] = await listDeployedApps(deps.pool, deps.dataDir, teamId, appId);
    if (!app) return { skipped: `app ${appId} of team ${teamId} is not deployed` };
    const outcome = await checkDeployedApp(checkDeps, app, signal);
    // Retried with backoff: the platform, not the app, is at fault. The run says why.
    if (outcome.status === "cancelled") throw new Error(outcome.error.message);
    return { runId: outcome.runId, status: outcome.status };
  };

  const worker = new Worker<RegressionPayload, RegressionJobResult>(
    REGRESSION_QUEUE,
    async (job: Job<RegressionPayload, RegressionJobResult>, _token, signal) => {
      const parsed = RegressionPayload.safeParse(job.data);
      if (!parsed.success) {
        throw new UnrecoverableError(
          `regression job ${job.id ?? "?"} has a bad payload: ${describeIssues(parsed.error)}`,
        );
      }
      const { teamId, appId } = parsed.data;
      return appId ? checkApp(teamId, appId, signal) : checkTeam(teamId);
    },
    { connection, ...prefix, concurrency: deps.concurrency ?? 1 },
  );
  // An 'error' event without a listener would crash the process.
  worker.on("error", deps.onError ?? ((e) => console.error(`regression worker: ${e.message}`)));

  return {
    worker,
    async close() {
      worker.cancelAllJobs("the regression worker is stopping");
      await worker.close();
      await queue.close();
    },
  };
}

/** `teamId: Invalid UUID; appId: …`: each problem with the field it is about. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "(payload)"}: ${issue.message}`)
    .join("; ");
}
