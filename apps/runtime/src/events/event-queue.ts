import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";

/** The queue every event goes through to the triggers; its dead letters go to the second. */
export const EVENTS_QUEUE = "winky-events";
export const DEAD_LETTER_QUEUE = "winky-events-dead";

/** What a trigger handler gets: the event, and the replay it belongs to when replayed. */
export interface QueuedEvent {
  projectId: string;
  eventId: string;
  kind: string;
  subject: string;
  time: string;
  /**
   * Documents: `{ before?, after? }` in their stored form; users: `{ user }`; objects:
   * `{ object }`; schedule ticks: `{ schedule, timeZone }`.
   */
  data: { before?: unknown; after?: unknown } & Record<string, unknown>;
  /** Set when the event runs again because an admin replayed it. */
  replayId?: string;
}

/**
 * At least once: a job's id is the event's id (the replay's too when replayed), so enqueuing
 * an event again — a dispatcher that stopped between enqueuing and marking — adds nothing
 * while the first job is kept (a week); failures retry with exponential backoff.
 */
export const EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function jobIdOf(event: Pick<QueuedEvent, "eventId" | "replayId">): string {
  return event.replayId ? `${event.eventId}.replay.${event.replayId}` : event.eventId;
}

/** The events queue on `connection`, under `prefix` (Redis key namespace). */
export function createEventQueue(connection: Redis, prefix: string, name = EVENTS_QUEUE) {
  return new Queue<QueuedEvent>(name, { connection, prefix });
}
