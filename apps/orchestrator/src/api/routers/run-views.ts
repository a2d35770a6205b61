import { TRPCError } from "@trpc/server";
import type { ApprovalKind, RunFailure, RunStatus } from "@winky/db";
import type pg from "pg";
import { iso } from "../pagination.js";

/** A run as the API shows it. */
export interface RunView {
  id: string;
  appId: string;
  appSlug: string;
  kind: "generation" | "regression";
  status: RunStatus;
  prompt: string;
  engine: string;
  model: string | null;
  createdBy: string | null;
  retryOf: string | null;
  error: RunFailure | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A run with the approval it waits for, if any. */
export interface RunDetail extends RunView {
  pendingApproval: { id: string; kind: ApprovalKind; requestedAt: string } | null;
}

/** A `runs` row joined with its app's slug, as {@link RUN_COLUMNS} selects it. */
export interface RunRow {
  id: string;
  app_id: string;
  app_slug: string;
  kind: "generation" | "regression";
  status: RunStatus;
  prompt: string;
  engine: string;
  model: string | null;
  created_by: string | null;
  retry_of: string | null;
  error: RunFailure | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** The columns {@link toRunView} reads, for `runs r join apps a`. */
export const RUN_COLUMNS = `r.id, r.app_id, a.slug as app_slug, r.kind, r.status, r.prompt, r.engine,
  r.model, r.created_by, r.retry_of, r.error, r.created_at, r.started_at, r.finished_at`;

export function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    appId: row.app_id,
    appSlug: row.app_slug,
    kind: row.kind,
    status: row.status,
    prompt: row.prompt,
    engine: row.engine,
    model: row.model,
    createdBy: row.created_by,
    retryOf: row.retry_of,
    error: row.error,
    createdAt: iso(row.created_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/** The run with its app's slug and its pending approval (the caller checked the team). */
export async function readRunDetail(pool: pg.Pool, runId: string): Promise<RunDetail> {
  const { rows } = await pool.query<
    RunRow & { approval_id: string | null; approval_kind: ApprovalKind; requested_at: Date }
  >(
    `select ${RUN_COLUMNS}, p.id as approval_id, p.kind as approval_kind, p.requested_at
       from runs r join apps a on a.id = r.app_id
       left join lateral (select id, kind, requested_at from approvals
                           where run_id = r.id and status = 'pending'
                           order by requested_at limit 1) p on true
      where r.id = $1`,
    [runId],
  );
  const row = rows[0];
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `no run ${runId}` });
  return {
    ...toRunView(row),
    pendingApproval: row.approval_id
      ? { id: row.approval_id, kind: row.approval_kind, requestedAt: iso(row.requested_at) }
      : null,
  };
}
