import type pg from "pg";
import {
  RunStateError,
  type Actor,
  type ApprovalDecision,
  type CreateRunInput,
  type RunControl,
} from "../queue/run-control.js";
import { PostgresRunLog } from "../runs/run-log.js";

/** One call the API made, as the fake saw it. */
export type RunControlCall =
  | { op: "create"; input: CreateRunInput }
  | { op: "decide"; runId: string; decision: ApprovalDecision; by: Actor }
  | { op: "cancel" | "retry"; runId: string; by: Actor };

const FINISHED = ["succeeded", "failed", "cancelled"];

/**
 * A `RunControl` without a queue: it records each call and changes the database the way the
 * queued one does (approvals decided with who and why, the run log appended, cancelled runs
 * finished, retries made as new runs), refusing what the real one refuses.
 */
export class RecordingRunControl implements RunControl {
  readonly calls: RunControlCall[] = [];
  private readonly log: PostgresRunLog;

  constructor(private readonly pool: pg.Pool) {
    this.log = new PostgresRunLog(pool);
  }

  async create(input: CreateRunInput): Promise<{ runId: string; appId: string }> {
    this.calls.push({ op: "create", input });
    const { rows: apps } = await this.pool.query<{ id: string }>(
      `insert into apps (team_id, slug, name) values ($1, $2, $3)
       on conflict (team_id, slug) do update set name = apps.name returning id`,
      [input.teamId, input.appSlug, input.appName],
    );
    const { rows } = await this.pool.query<{ id: string }>(
      `insert into runs (app_id, team_id, prompt, engine, created_by) values ($1, $2, $3, $4, $5)
       returning id`,
      [apps[0]!.id, input.teamId, input.prompt, input.engine ?? "offline", input.createdBy ?? null],
    );
    return { runId: rows[0]!.id, appId: apps[0]!.id };
  }

  async decide(runId: string, decision: ApprovalDecision, by: Actor): Promise<void> {
    this.calls.push({ op: "decide", runId, decision, by });
    await this.statusOf(runId);
    const decided = await this.pool.query(
      `update approvals set status = $2, decided_by = $3, decided_at = now(), reason = $4
        where id = (select id from approvals where run_id = $1 and status = 'pending'
                     order by requested_at limit 1)`,
      [
        runId,
        decision.approved ? "approved" : "rejected",
        by.userId ?? null,
        decision.comment ?? null,
      ],
    );
    if (!decided.rowCount) {
      throw new RunStateError("not-waiting", `run ${runId} is not waiting for an approval`);
    }
    await this.log.append(runId, decision.approved ? "run.approved" : "run.rejected", null, {
      by: by.label,
      ...(decision.comment ? { comment: decision.comment } : {}),
    });
  }

  async cancel(runId: string, by: Actor): Promise<void> {
    this.calls.push({ op: "cancel", runId, by });
    const status = await this.statusOf(runId);
    if (FINISHED.includes(status)) {
      throw new RunStateError("finished", `run ${runId} has already ended (${status})`);
    }
    await this.pool.query(
      `update runs set status = 'cancelled', finished_at = now(),
              started_at = coalesce(started_at, now()) where id = $1`,
      [runId],
    );
    await this.log.append(runId, "run.cancelled", null, { by: by.label });
  }

  async retry(runId: string, by: Actor): Promise<{ runId: string; resumed: boolean }> {
    this.calls.push({ op: "retry", runId, by });
    const status = await this.statusOf(runId);
    if (status === "succeeded") throw new RunStateError("succeeded", `run ${runId} succeeded`);
    if (!FINISHED.includes(status)) {
      throw new RunStateError("not-finished", `run ${runId} is still going (${status})`);
    }
    const { rows } = await this.pool.query<{ id: string }>(
      `insert into runs (app_id, team_id, prompt, engine, created_by, retry_of)
       select app_id, team_id, prompt, engine, $2, id from runs where id = $1 returning id`,
      [runId, by.userId ?? null],
    );
    return { runId: rows[0]!.id, resumed: false };
  }

  private async statusOf(runId: string): Promise<string> {
    const { rows } = await this.pool.query<{ status: string }>(
      "select status from runs where id = $1",
      [runId],
    );
    if (!rows[0]) throw new RunStateError("not-found", `no run ${runId}`);
    return rows[0].status;
  }
}
