import type { JobsOptions } from "bullmq";
import { z } from "zod";

/** The BullMQ queue of generation runs. */
export const RUNS_QUEUE = "winky-runs";

/** The default Redis key prefix of the orchestrator's queues (ARCHITECTURE: hash-taggable). */
export const DEFAULT_QUEUE_PREFIX = "winky";

const runId = z.uuid({ error: "runId must be a run's UUID" });

/**
 * A job asks a worker to move one run: `start` a queued run (or continue it: starting twice
 * only continues), `resume` one reopened by a retry, or apply a recorded `decide`sion.
 */
export const RunJobData = z.discriminatedUnion("action", [
  z.object({ action: z.literal("start"), runId }).strict(),
  z.object({ action: z.literal("resume"), runId }).strict(),
  z
    .object({
      action: z.literal("decide"),
      runId,
      decision: z
        .object({
          kind: z.enum(["plan", "result"]),
          approved: z.boolean(),
          by: z.string().min(1),
          comment: z.string().optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type RunJobData = z.infer<typeof RunJobData>;

/**
 * One id per thing to do, so adding it twice (a retried API call) queues it once: a run's
 * start, a decision, a retry (`n`: the decision's or the retry's event number). BullMQ
 * refuses `:` in custom ids.
 */
export function runJobId(data: RunJobData, n = 0): string {
  switch (data.action) {
    case "start":
      return `start-${data.runId}`;
    case "decide":
      // n: the decision's event number — a gate asked again after a cancel is decided anew.
      return `decide-${data.runId}-${n}`;
    case "resume":
      return `resume-${data.runId}-${n}`;
  }
}

/**
 * Infrastructure failures (Docker, the runtime, PostgreSQL down) and a run held by another
 * process are retried with exponential backoff (2 s, 4 s, … ~8.5 min in all); kept jobs let
 * the same id be refused for a day, then go.
 */
export const RUN_JOB_OPTIONS: JobsOptions = {
  attempts: 9,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
