import { Queue, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type pg from "pg";
import { DEAD_LETTER_QUEUE, EVENTS_QUEUE, type QueuedEvent } from "./event-queue.js";

/** What runs an event's triggers; throwing makes the event retry, then dead-letter. */
export type EventHandler = (event: QueuedEvent, attempt: number) => Promise<void>;

/**
 * Runs queued events through `handler`, `concurrency` at a time. A job that fails every
 * attempt goes to the dead-letter queue with its last error, where an admin can look at it
 * (and replay it once the cause is fixed).
 */
export class EventWorker {
  private readonly worker: Worker<QueuedEvent>;
  private readonly dead: Queue<QueuedEvent & { error: string; attempts: number }>;

  constructor(options: {
    connection: Redis;
    prefix: string;
    handler: EventHandler;
    concurrency?: number;
    /**
     * Where events are marked processed once their job completed or went to the dead letters;
     * without it the dispatcher finds out, a redelivery period later.
     */
    pool?: pg.Pool;
    /**
     * Queue trouble (Redis away, a job Redis lost while it ran); the worker carries on and
     * the dispatcher hands lost events over again.
     */
    onError?: (e: Error) => void;
  }) {
    const { connection, prefix } = options;
    this.dead = new Queue(DEAD_LETTER_QUEUE, { connection, prefix });
    this.worker = new Worker<QueuedEvent>(
      EVENTS_QUEUE,
      async (job: Job<QueuedEvent>) => options.handler(job.data, job.attemptsMade + 1),
      { connection, prefix, concurrency: options.concurrency ?? 8, autorun: true },
    );
    // Dispatched too: a dispatcher that died between enqueuing and committing left the row
    // undispatched, and no dispatcher picks up a processed event to correct it.
    const processed = (event: QueuedEvent) => {
      if (!options.pool || event.replayId) return;
      void options.pool
        .query(
          `update runtime.events
              set processed_at = now(), dispatched_at = coalesce(dispatched_at, now())
            where event_id = $1`,
          [event.eventId],
        )
        .catch(() => undefined);
    };
    this.worker.on("error", (e) => options.onError?.(e));
    this.worker.on("completed", (job) => processed(job.data));
    this.worker.on("failed", (job, error) => {
      if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
      processed(job.data);
      void this.dead
        .add(
          job.name,
          { ...job.data, error: error.message, attempts: job.attemptsMade },
          {
            jobId: job.id,
            removeOnComplete: false,
          },
        )
        .catch(() => undefined);
    });
  }

  /** Stops taking jobs (the running ones finish); `resume` takes them again. */
  async pause(): Promise<void> {
    await this.worker.pause();
  }

  resume(): void {
    this.worker.resume();
  }

  /** Dead letters, newest first. */
  async deadLetters(count = 100) {
    const jobs = await this.dead.getJobs(["waiting", "delayed"], 0, count - 1);
    return jobs.map((j) => j.data);
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.dead.close();
  }
}
