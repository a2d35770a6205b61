import { RunInputError } from "@winky/orchestrator";
import type pg from "pg";

/** A run as `winky runs list` and `show` print it. */
export interface RunRow {
  runId: string;
  app: string;
  status: string;
  /** `offline` or `model`. */
  engine: string;
  prompt: string;
  createdAt: Date;
  durationMs: number;
  finished: boolean;
  error?: { code: string; message: string; node?: string };
  asks?: { summary: string };
  /** What happened, a line per finished node or decision, from the run's log. */
  steps: string[];
}

const ASKS: Record<string, string> = {
  awaiting_plan_approval: "approve the plan to build it",
  awaiting_approval: "approve to commit and deploy",
};

interface Row {
  id: string;
  slug: string;
  status: string;
  engine: string;
  prompt: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error: RunRow["error"] | null;
}

const SELECT = `select r.id, a.slug, r.status, r.engine, r.prompt, r.created_at, r.started_at,
  r.finished_at, r.error from runs r join apps a on a.id = r.app_id`;

/** The newest runs first, at most `limit`. */
export async function listRuns(pool: pg.Pool, limit = 30): Promise<RunRow[]> {
  const { rows } = await pool.query<Row>(`${SELECT} order by r.created_at desc limit $1`, [limit]);
  return rows.map((row) => toRunRow(row, []));
}

/** One run with its log. @throws RunInputError when there is no such run. */
export async function readRun(pool: pg.Pool, runId: string): Promise<RunRow> {
  const { rows } = await pool.query<Row>(`${SELECT} where r.id = $1`, [runId]);
  if (!rows[0]) throw new RunInputError(`there is no run ${runId} (winky runs list shows them)`);
  const { rows: events } = await pool.query<{ type: string; node: string | null; payload: never }>(
    "select type, node, payload from run_events where run_id = $1 order by seq",
    [runId],
  );
  return toRunRow(rows[0], events.flatMap(stepLine));
}

function stepLine(event: {
  type: string;
  node: string | null;
  payload: {
    durationMs?: number;
    summary?: string;
    by?: string;
    comment?: string;
    message?: string;
  };
}): string[] {
  const p = event.payload;
  const why = p.comment ? `: ${p.comment}` : "";
  switch (event.type) {
    case "node.finished":
      return [`✓ ${event.node} (${((p.durationMs ?? 0) / 1000).toFixed(1)} s): ${p.summary}`];
    case "run.approved":
      return [`✓ approved by ${p.by}${why}`];
    case "run.rejected":
      return [`✗ rejected by ${p.by}${why}`];
    case "run.failed":
      return [`✗ ${p.summary ?? p.message}`];
    default:
      return [];
  }
}

function toRunRow(row: Row, steps: string[]): RunRow {
  const end = row.finished_at ?? new Date();
  return {
    runId: row.id,
    app: row.slug,
    status: row.status,
    engine: row.engine,
    prompt: row.prompt,
    createdAt: row.created_at,
    durationMs: end.getTime() - (row.started_at ?? row.created_at).getTime(),
    finished: row.finished_at !== null,
    ...(row.error ? { error: row.error } : {}),
    ...(ASKS[row.status] ? { asks: { summary: ASKS[row.status]! } } : {}),
    steps,
  };
}
