import type { Queue } from "bullmq";
import type pg from "pg";
import { TIME } from "../documents/store/document-store.js";
import { EVENT_JOB_OPTIONS, jobIdOf, type QueuedEvent } from "./event-queue.js";

interface Row {
  id: string;
  event_id: string;
  project_id: string;
  kind: string;
  subject: string;
  time: string;
  data: QueuedEvent["data"];
  /** Dispatched before and not processed since: the queue may have lost it. */
  stale: boolean;
}

const SELECT = `select id::text, event_id, project_id, kind, subject,
                to_char(time at time zone 'UTC', ${TIME}) as time, data,
                dispatched_at is not null as stale
           from runtime.events`;

const eventOf = (r: Row): QueuedEvent => ({
  projectId: r.project_id,
  eventId: r.event_id,
  kind: r.kind,
  subject: r.subject,
  time: r.time,
  data: r.data,
});

/**
 * Moves events from the log to the queue: claims undispatched rows (`for update skip locked`,
 * so several runtime processes share the work), enqueues them, marks them dispatched, commits.
 * If the process or Redis dies in between, the rows stay undispatched and go again; the job id
 * (the event id) makes the second enqueue a no-op. No event is lost, none runs twice because
 * of dispatching. The log, not Redis, keeps events: one dispatched but still unprocessed after
 * `redeliverAfterMs` is looked up in the queue, and enqueued again if the queue no longer has
 * it (Redis restarted without its data), or marked processed if its job finished.
 */
export class EventDispatcher {
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly queue: Queue<QueuedEvent>,
    private readonly options: {
      batch?: number;
      pollMs?: number;
      /** How long a dispatched event may stay unprocessed before the queue is asked about it. */
      redeliverAfterMs?: number;
      onError?: (e: unknown) => void;
      /** Retries and backoff of the jobs (tests shorten them). */
      jobOptions?: Partial<typeof EVENT_JOB_OPTIONS>;
    } = {},
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Dispatch now rather than at the next poll (a commit happened). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One batch; resolves with how many events went to the queue. */
  async dispatchOnce(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      const batch = this.options.batch ?? 200;
      // New events first: stale ones (waiting in the queue behind a slow worker, usually) must
      // not hold back what was just written.
      const fresh = await client.query<Row>(
        `${SELECT} where processed_at is null and dispatched_at is null
          order by id limit $1 for update skip locked`,
        [batch],
      );
      const stale =
        fresh.rows.length < batch
          ? await client.query<Row>(
              `${SELECT} where processed_at is null
                  and dispatched_at < now() - $2 * interval '1 millisecond'
                order by dispatched_at, id limit $1 for update skip locked`,
              [batch - fresh.rows.length, this.options.redeliverAfterMs ?? 60_000],
            )
          : { rows: [] };
      const rows = [...fresh.rows, ...stale.rows];
      const { send, finished } = await this.sort(rows);
      if (send.length > 0) {
        await this.queue.addBulk(
          send.map((r) => ({
            name: r.kind,
            data: eventOf(r),
            opts: { ...EVENT_JOB_OPTIONS, ...this.options.jobOptions, jobId: jobIdOf(eventOf(r)) },
          })),
        );
      }
      if (rows.length > 0) {
        // Events still in the queue are touched too: asked about again a period later.
        await client.query(
          `update runtime.events
              set dispatched_at = now(),
                  processed_at = case when id = any($2::bigint[]) then now() end
            where id = any($1::bigint[])`,
          [rows.map((r) => r.id), finished.map((r) => r.id)],
        );
      }
      await client.query("commit");
      return send.length;
    } catch (e) {
      await client.query("rollback").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /**
   * What to enqueue: new events, and stale ones whose job the queue does not know; and which
   * stale ones are finished (their job completed or failed for good).
   */
  private async sort(rows: Row[]): Promise<{ send: Row[]; finished: Row[] }> {
    const send: Row[] = [];
    const finished: Row[] = [];
    for (const r of rows) {
      if (!r.stale) {
        send.push(r);
        continue;
      }
      const state = await this.queue.getJobState(jobIdOf(eventOf(r)));
      if (state === "unknown") send.push(r);
      else if (state === "completed" || state === "failed") finished.push(r);
    }
    return { send, finished };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const moved = await this.dispatchOnce();
        failures = 0;
        if (moved > 0) continue;
      } catch (e) {
        // Redis or PostgreSQL away: nothing was marked; back off and try again.
        failures++;
        this.options.onError?.(e);
      }
      const wait =
        failures > 0 ? Math.min(10_000, 200 * 2 ** failures) : (this.options.pollMs ?? 1_000);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
