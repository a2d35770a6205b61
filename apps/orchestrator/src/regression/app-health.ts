import type pg from "pg";

/**
 * An app's badge: `passing` (green) when its latest finished regression check succeeded,
 * `failing` (red) when it failed, `unknown` when it has never been checked.
 */
export interface AppHealth {
  status: "passing" | "failing" | "unknown";
  /** The regression run the badge comes from. */
  runId?: string;
  /** When that run finished. */
  checkedAt?: Date;
}

/** The latest verdict of an app, as read from `runs`. */
export interface LatestRegressionRow {
  app_id: string;
  id: string;
  status: string;
  finished_at: Date;
}

/**
 * The badge of a run. Only `succeeded` and `failed` are verdicts on the app: a check that
 * could not run the smoke (Docker away, the worker stopping) ends `cancelled` and leaves the
 * previous verdict in place, so an outage of the platform never paints apps red.
 */
export function toAppHealth(row: LatestRegressionRow | undefined): AppHealth {
  if (!row || (row.status !== "succeeded" && row.status !== "failed")) return { status: "unknown" };
  return {
    status: row.status === "succeeded" ? "passing" : "failing",
    runId: row.id,
    checkedAt: row.finished_at,
  };
}

// Anything else cannot be an app id, and would make PostgreSQL refuse the whole query.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The badge of each app in `appIds` (every id gets an entry; `unknown` for apps never
 * checked, and for ids that are no app). One query, served by `runs_app_id_created_at_idx`.
 */
export async function appHealth(
  pool: pg.Pool,
  appIds: readonly string[],
): Promise<Map<string, AppHealth>> {
  const unique = [...new Set(appIds)];
  const health = new Map<string, AppHealth>(unique.map((id) => [id, { status: "unknown" }]));
  const queried = unique.filter((id) => UUID.test(id));
  if (queried.length === 0) return health;
  const { rows } = await pool.query<LatestRegressionRow>(
    `select distinct on (app_id) app_id, id, status, finished_at
       from runs
      where kind = 'regression' and app_id = any($1::uuid[])
        and status in ('succeeded', 'failed')
      order by app_id, finished_at desc, created_at desc`,
    [queried],
  );
  for (const row of rows) health.set(row.app_id, toAppHealth(row));
  return health;
}
