import { randomUUID } from "node:crypto";
import type { Queue } from "bullmq";
import type pg from "pg";
import { listEvents, type EventFilter } from "./event-log.js";
import { EVENT_JOB_OPTIONS, jobIdOf, type QueuedEvent } from "./event-queue.js";

const PAGE = 500;

/**
 * Runs the selected events again: each is enqueued under a new replay id (so it is not taken
 * for the delivery that already happened), in log order, exactly once per event selected.
 */
export async function replayEvents(
  pool: pg.Pool,
  queue: Queue<QueuedEvent>,
  projectId: string,
  filter: Omit<EventFilter, "after" | "limit">,
): Promise<{ replayId: string; events: number }> {
  const replayId = randomUUID();
  let after: EventFilter["after"];
  let total = 0;
  for (;;) {
    const page = await listEvents(pool, projectId, {
      ...filter,
      limit: PAGE,
      ...(after ? { after } : {}),
    });
    if (page.length === 0) break;
    const stored = await storedData(
      pool,
      page.map((e) => e.id),
    );
    await queue.addBulk(
      page.map((e) => {
        const event: QueuedEvent = {
          projectId,
          eventId: e.eventId,
          kind: e.kind,
          subject: e.subject,
          time: e.time,
          data: stored.get(e.id) ?? {},
          replayId,
        };
        return { name: e.kind, data: event, opts: { ...EVENT_JOB_OPTIONS, jobId: jobIdOf(event) } };
      }),
    );
    total += page.length;
    const last = page.at(-1)!;
    after = { time: last.time, id: last.id };
    if (page.length < PAGE) break;
  }
  return { replayId, events: total };
}

/** The events' data in the stored form the queue carries (the log's reader gives wire form). */
async function storedData(pool: pg.Pool, ids: string[]) {
  const { rows } = await pool.query<{ id: string; data: QueuedEvent["data"] }>(
    `select id::text, data
       from runtime.events where id = any($1::bigint[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.data]));
}
