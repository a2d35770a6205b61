import type pg from "pg";
import { iso } from "../pagination.js";

/**
 * One finished regression check of an app: `passed` and `failed` are verdicts on the app (its
 * health badge follows them); `not-run` is a check that could not run the smoke (Docker away,
 * the worker stopping), which says nothing about the app.
 */
export interface RegressionCheckView {
  runId: string;
  status: "passed" | "failed" | "not-run";
  finishedAt: string;
  /**
   * What the check found, in a line: the smoke report's summary, or why it failed or could
   * not run. Null when neither was recorded.
   */
  summary: string | null;
  /** How many smoke scenarios passed and failed, when the smoke got to run them. */
  scenarios: { passed: number; failed: number } | null;
}

interface RegressionRow {
  id: string;
  status: "succeeded" | "failed" | "cancelled";
  finished_at: Date;
  error_message: string | null;
  smoke_summary: string | null;
  smoke_passed: number | null;
  smoke_failed: number | null;
}

const STATUS_OF = {
  succeeded: "passed",
  failed: "failed",
  cancelled: "not-run",
} as const satisfies Record<RegressionRow["status"], RegressionCheckView["status"]>;

// A count from the event's payload, or null when it is missing or not a number (the payload is
// JSON a worker wrote: a cast of anything else would fail the whole query).
const countOf = (key: "passed" | "failed") =>
  `case when jsonb_typeof(e.payload -> '${key}') = 'number'
        then round((e.payload ->> '${key}')::numeric)::int end`;

/**
 * The app's latest `limit` finished regression checks, newest first. The summary comes from
 * the smoke's `node.finished` event (the worker records its report there, passed or not) or
 * else from `runs.error` (a check that failed before its smoke, or did not run).
 */
export async function readRegressionChecks(
  pool: pg.Pool,
  appId: string,
  limit: number,
): Promise<RegressionCheckView[]> {
  const { rows } = await pool.query<RegressionRow>(
    `select r.id, r.status, r.finished_at, r.error ->> 'message' as error_message,
            e.payload ->> 'summary' as smoke_summary,
            ${countOf("passed")} as smoke_passed, ${countOf("failed")} as smoke_failed
       from runs r
       left join lateral (select payload from run_events
                           where run_id = r.id and type = 'node.finished' and node = 'smoke'
                           order by seq desc limit 1) e on true
      where r.app_id = $1 and r.kind = 'regression'
        and r.status in ('succeeded', 'failed', 'cancelled')
      order by r.finished_at desc, r.created_at desc, r.id desc
      limit $2`,
    [appId, limit],
  );
  return rows.map((row) => ({
    runId: row.id,
    status: STATUS_OF[row.status],
    finishedAt: iso(row.finished_at),
    summary: row.smoke_summary ?? row.error_message ?? null,
    scenarios:
      row.smoke_passed === null || row.smoke_failed === null
        ? null
        : { passed: row.smoke_passed, failed: row.smoke_failed },
  }));
}
