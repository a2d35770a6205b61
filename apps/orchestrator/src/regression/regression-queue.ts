import type { JobsOptions, RedisOptions } from "bullmq";
import { z } from "zod";

/** The BullMQ queue of regression checks: one per platform, shared by every team. */
export const REGRESSION_QUEUE = "winky-regressions";

/** The name of every job on {@link REGRESSION_QUEUE}: team-wide and single-app alike. */
export const REGRESSION_JOB = "regression";

/**
 * A regression job: without `appId`, the team's scheduled (or asked-for) check, which queues
 * one job per deployed app; with it, the check of that one app.
 */
export const RegressionPayload = z.strictObject({
  teamId: z.uuid(),
  appId: z.uuid().optional(),
});
export type RegressionPayload = z.infer<typeof RegressionPayload>;

/** Where the queue lives: a Redis URL, or ioredis options (host, port, password, tls…). */
export type RegressionConnection = string | RedisOptions;

/**
 * BullMQ's connection options from a URL or options. Workers block on Redis, so requests must
 * wait for a reconnect rather than fail after a few retries (`maxRetriesPerRequest: null`).
 */
export function toConnectionOptions(connection: RegressionConnection): RedisOptions {
  return typeof connection === "string"
    ? { url: connection, maxRetriesPerRequest: null }
    : { maxRetriesPerRequest: null, ...connection };
}

/** One job scheduler per team, so syncing a team replaces its schedule instead of adding one. */
export function schedulerIdOf(teamId: string): string {
  return `team-${teamId}`;
}

/**
 * The job id of an app's check: while one is queued, running or waiting to be retried, asking
 * again adds nothing, so two checks of an app never run at once and a nightly fan-out that
 * meets a pending "check now" does not smoke the app twice.
 */
export function appJobIdOf(appId: string): string {
  return `app-${appId}`;
}

/**
 * A team job fails only when the platform's database does; a few quick retries then give up
 * until the next scheduled time.
 */
export const TEAM_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: "exponential", delay: 10_000 },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 100 },
} as const satisfies JobsOptions;

/**
 * An app's check is retried when it could not run the smoke at all (Docker away, the
 * repository unreadable), not when the smoke failed: that is a verdict. Finished jobs are
 * removed so the app's job id is free for the next check (the run rows keep the history).
 */
export const APP_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: "exponential", delay: 60_000 },
  removeOnComplete: true,
  removeOnFail: true,
} as const satisfies JobsOptions;
