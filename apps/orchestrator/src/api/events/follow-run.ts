import { tracked, type TrackedEnvelope } from "@trpc/server";
import { finishedRunStatuses, type RunStatus } from "@winky/db";
import type pg from "pg";
import type { ApiServices } from "../context.js";
import { Doorbell } from "./doorbell.js";

/** One entry of a run's log as the API sends it. */
export interface RunEventView {
  seq: number;
  type: string;
  node: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

/** The events a finished run's log ends with; once one is sent, nothing more is coming. */
const TERMINAL_TYPES = new Set(["run.succeeded", "run.failed", "run.cancelled"]);
const FINISHED = new Set<RunStatus>(finishedRunStatuses);
const BATCH = 500;

/**
 * A run's events after `afterSeq` (-1: all of them), then the live ones as they are appended,
 * each tracked by its `seq` so a client that reconnects with the last id it got resumes right
 * after it. Ends once the run has finished and its last event was sent.
 *
 * Notifications only ring the bell; events are always read from `run_events` in `seq` order,
 * which is what makes a stream gapless and free of duplicates. The subscription to the hub is
 * made before the first read, so an event appended in between still rings.
 */
export async function* followRunEvents(
  services: ApiServices,
  runId: string,
  afterSeq: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<TrackedEnvelope<RunEventView>> {
  const { pool, hub, events: timing } = services;
  const bell = new Doorbell();
  const unsubscribe = await hub.subscribe(runId, {
    onEvent: () => bell.ring(),
    onLost: (e) => bell.fail(new Error(`run events stream interrupted: ${e.message}`)),
  });
  try {
    let sent = afterSeq;
    for (;;) {
      const batch = await readEventsAfter(pool, runId, sent);
      for (const event of batch) {
        yield tracked(String(event.seq), event);
        sent = event.seq;
      }
      if (batch.length === BATCH) continue;
      const where = await whereTheRunIs(pool, runId, sent, timing.finishGraceMs);
      if (where === "ended") return;
      if (where === "behind") continue;
      await bell.wait(where === "settling" ? timing.finishGraceMs : timing.pollIntervalMs, signal);
      if (signal?.aborted) return;
    }
  } finally {
    unsubscribe();
  }
}

async function readEventsAfter(pool: pg.Pool, runId: string, after: number) {
  const { rows } = await pool.query<{
    seq: number;
    type: string;
    node: string | null;
    payload: Record<string, unknown>;
    created_at: Date;
  }>(
    `select seq, type, node, payload, created_at from run_events
      where run_id = $1 and seq > $2 order by seq limit ${BATCH}`,
    [runId, after],
  );
  return rows.map((r): RunEventView => ({
    seq: r.seq,
    type: r.type,
    node: r.node,
    payload: r.payload,
    createdAt: r.created_at.toISOString(),
  }));
}

/**
 * `behind`: events past `sent` exist; `live`: the run goes on; `settling`: it finished but its
 * last event may still be on its way (a cancel, and a regression run's end, write the status
 * just before it; a pipeline's end writes both at once); `ended`: finished and all sent, or gone.
 */
async function whereTheRunIs(
  pool: pg.Pool,
  runId: string,
  sent: number,
  graceMs: number,
): Promise<"behind" | "live" | "settling" | "ended"> {
  const { rows } = await pool.query<{
    status: RunStatus;
    settled: boolean | null;
    last_seq: number | null;
    last_type: string | null;
  }>(
    `select r.status, r.finished_at < now() - make_interval(secs => $2::float8 / 1000) as settled,
            e.seq as last_seq, e.type as last_type
       from runs r
       left join lateral (select seq, type from run_events where run_id = r.id
                           order by seq desc limit 1) e on true
      where r.id = $1`,
    [runId, graceMs],
  );
  const run = rows[0];
  if (!run) return "ended";
  if (run.last_seq !== null && run.last_seq > sent) return "behind";
  if (!FINISHED.has(run.status)) return "live";
  if ((run.last_type && TERMINAL_TYPES.has(run.last_type)) || run.settled) return "ended";
  return "settling";
}
