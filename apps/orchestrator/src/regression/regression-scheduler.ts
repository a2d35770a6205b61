import { Queue, type Job } from "bullmq";
import type pg from "pg";
import {
  APP_JOB_OPTIONS,
  appJobIdOf,
  REGRESSION_JOB,
  REGRESSION_QUEUE,
  schedulerIdOf,
  TEAM_JOB_OPTIONS,
  toConnectionOptions,
  type RegressionConnection,
  type RegressionPayload,
} from "./regression-queue.js";
import { parseRegressionSchedule, type RegressionSchedule } from "./regression-schedule.js";

export interface RegressionSchedulerOptions {
  /** The platform database: teams' schedules are read from `teams`. */
  pool: pg.Pool;
  /** A Redis URL or ioredis options; the scheduler opens (and closes) its own connection. */
  connection: RegressionConnection;
  /** Redis key prefix of the queue (BullMQ's default `bull`); tests give each file its own. */
  prefix?: string;
}

interface TeamScheduleRow {
  id: string;
  regression_cron: string | null;
  regression_time_zone: string;
}

/**
 * Keeps one BullMQ job scheduler per team on {@link REGRESSION_QUEUE}, firing the team's
 * regression check on its cron (nightly by default) in its time zone. Call {@link sync} after a
 * team's schedule changes, {@link syncAll} at boot, {@link remove} when a team goes away. The
 * jobs are run by `startRegressionWorker`.
 */
export class RegressionScheduler {
  readonly queue: Queue<RegressionPayload>;
  private readonly pool: pg.Pool;

  constructor(options: RegressionSchedulerOptions) {
    this.pool = options.pool;
    this.queue = new Queue<RegressionPayload>(REGRESSION_QUEUE, {
      connection: toConnectionOptions(options.connection),
      ...(options.prefix ? { prefix: options.prefix } : {}),
    });
  }

  /**
   * Registers (or replaces) the team's scheduler from its `teams` row; a team that no longer
   * exists loses its scheduler. Call it after any change to the team's schedule.
   *
   * @returns the schedule now in force; null for a team that does not exist.
   * @throws RegressionScheduleError (naming the field) when the stored cron or time zone cannot
   *   be used, leaving the previous scheduler in place.
   */
  async sync(teamId: string): Promise<RegressionSchedule | null> {
    const { rows } = await this.pool.query<TeamScheduleRow>(
      `select id, regression_cron, regression_time_zone from teams where id = $1`,
      [teamId],
    );
    if (!rows[0]) {
      await this.remove(teamId);
      return null;
    }
    return this.upsert(rows[0]);
  }

  /**
   * Registers every team's scheduler (at boot: schedules changed while the orchestrator was
   * down are picked up). A team whose stored settings are unusable keeps its old scheduler and
   * is reported instead of stopping the others.
   */
  async syncAll(): Promise<{
    synced: number;
    failed: Array<{ teamId: string; error: string }>;
  }> {
    const { rows } = await this.pool.query<TeamScheduleRow>(
      `select id, regression_cron, regression_time_zone from teams order by created_at, id`,
    );
    const failed: Array<{ teamId: string; error: string }> = [];
    for (const row of rows) {
      try {
        await this.upsert(row);
      } catch (e) {
        failed.push({ teamId: row.id, error: (e as Error).message });
      }
    }
    return { synced: rows.length - failed.length, failed };
  }

  /** Stops scheduling the team's checks (idempotent). Checks already queued still run. */
  async remove(teamId: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerIdOf(teamId));
  }

  /**
   * Queues a check now: of every deployed app of the team, or of one app. An app whose check
   * is already queued or running is not checked twice (the job answered is that one).
   */
  async checkNow(teamId: string, appId?: string): Promise<Job<RegressionPayload>> {
    if (appId) {
      return this.queue.add(
        REGRESSION_JOB,
        { teamId, appId },
        {
          ...APP_JOB_OPTIONS,
          jobId: appJobIdOf(appId),
        },
      );
    }
    return this.queue.add(REGRESSION_JOB, { teamId }, TEAM_JOB_OPTIONS);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }

  private async upsert(row: TeamScheduleRow): Promise<RegressionSchedule> {
    const schedule = parseRegressionSchedule({
      cron: row.regression_cron,
      timeZone: row.regression_time_zone,
    });
    await this.queue.upsertJobScheduler(schedulerIdOf(row.id), schedule, {
      name: REGRESSION_JOB,
      data: { teamId: row.id },
      opts: TEAM_JOB_OPTIONS,
    });
    return schedule;
  }
}
