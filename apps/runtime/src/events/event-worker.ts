import { Queue, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
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
  }) {
    const { connection, prefix } = options;
    this.dead = new Queue(DEAD_LETTER_QUEUE, { connection, prefix });
    this.worker = new Worker<QueuedEvent>(
      EVENTS_QUEUE,
      async (job: Job<QueuedEvent>) => options.handler(job.data, job.attemptsMade + 1),
      { connection, prefix, concurrency: options.concurrency ?? 8, autorun: true },
    );
    this.worker.on("failed", (job, error) => {
      if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
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
