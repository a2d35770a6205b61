import type { RunFailure } from "@winky/db";
import type pg from "pg";
import type { PostgresRunLog } from "../runs/run-log.js";
import type { DeployedApp } from "./deployed-apps.js";

/** Why a regression run failed or did not get to a verdict (`runs.error.code`). */
export const REGRESSION_ERROR_CODES = {
  /** The smoke ran and did not pass: the app is broken. */
  failed: "regression-failed",
  /** The smoke could not run (Docker, the image, the repository, the worker stopping). */
  notRun: "regression-not-run",
  /** The worker checking the app died; a later check of the app closed the run. */
  interrupted: "regression-interrupted",
} as const;

/** The run's prompt: what `runs list` and the studio show for a regression. */
export function regressionPrompt(app: Pick<DeployedApp, "slug" | "project">): string {
  return `Regression: the smoke suite of ${app.slug} against project ${app.project}`;
}

/**
 * Records regression runs in `runs` and their log in `run_events`, with the same statuses and
 * event types as generation runs: `queued` → `smoke` → `succeeded` | `failed` | `cancelled`,
 * `finished_at` set exactly when finished.
 */
export class RegressionRuns {
  constructor(
    private readonly pool: pg.Pool,
    private readonly log: PostgresRunLog,
  ) {}

  /** Inserts the app's new regression run (`queued`, offline engine) and answers its id. */
  async create(app: DeployedApp): Promise<string> {
    const { rows } = await this.pool.query<{ id: string }>(
      `insert into runs (app_id, team_id, kind, prompt, engine, status)
       values ($1, $2, 'regression', $3, 'offline', 'queued') returning id`,
      [app.id, app.teamId, regressionPrompt(app)],
    );
    return rows[0]!.id;
  }

  /**
   * Closes the app's regression runs left unfinished by a worker that died mid-check (its
   * job is then run again, as BullMQ does with stalled jobs). Safe because an app's checks
   * share one job id: no other check of the app can be running.
   *
   * @returns the ids of the runs closed.
   */
  async closeInterrupted(appId: string): Promise<string[]> {
    const error: RunFailure = {
      code: REGRESSION_ERROR_CODES.interrupted,
      message:
        "the worker checking the app stopped before the smoke finished; it was checked again",
      node: "smoke",
    };
    const { rows } = await this.pool.query<{ id: string }>(
      `update runs set status = 'cancelled', error = $2, started_at = coalesce(started_at, now()),
              finished_at = now()
        where app_id = $1 and kind = 'regression' and finished_at is null
        returning id`,
      [appId, JSON.stringify(error)],
    );
    for (const { id } of rows) await this.log.append(id, "run.cancelled", null, error);
    return rows.map((r) => r.id);
  }

  /** Ends the run with a verdict on the app (`runs.error` only when it failed). */
  async finish(runId: string, status: "succeeded" | "failed", error?: RunFailure): Promise<void> {
    await this.end(runId, status, error);
  }

  /** Ends the run without a verdict: the smoke could not run. */
  async cancel(runId: string, error: RunFailure): Promise<void> {
    await this.end(runId, "cancelled", error);
  }

  private async end(
    runId: string,
    status: "succeeded" | "failed" | "cancelled",
    error: RunFailure | undefined,
  ): Promise<void> {
    // A run closed meanwhile (as interrupted, by the app's next check) keeps that ending.
    const { rowCount } = await this.pool.query(
      `update runs set status = $2, error = $3, started_at = coalesce(started_at, now()),
              finished_at = now()
        where id = $1 and finished_at is null`,
      [runId, status, error ? JSON.stringify(error) : null],
    );
    if (rowCount) await this.log.append(runId, `run.${status}`, null, error ?? {});
  }
}
