import {
  PostgresRunLog,
  RunStateError,
  type Actor,
  type CreateRunInput,
  type RunControl,
} from "@winky/orchestrator";
import type pg from "pg";

/** A decision the studio made through the API, as the run control received it. */
export interface RecordedDecision {
  runId: string;
  approved: boolean;
  comment: string | undefined;
  by: Actor;
}

/**
 * A `RunControl` that decides approvals the way the queued one records them (the orchestrator's
 * internal `RecordingRunControl` does the same): the pending `approvals` row gets its status,
 * decider and reason, and the run log a `run.approved`/`run.rejected` event. A new run is
 * recorded with its app. Nothing is queued and no worker moves a run; cancel and retry are
 * refused.
 */
export class RecordingRunControl implements RunControl {
  readonly decisions: RecordedDecision[] = [];
  readonly created: CreateRunInput[] = [];
  private readonly log: PostgresRunLog;

  constructor(private readonly pool: pg.Pool) {
    this.log = new PostgresRunLog(pool);
  }

  async decide(
    runId: string,
    decision: { approved: boolean; comment?: string },
    by: Actor,
  ): Promise<void> {
    const decided = await this.pool.query<{ kind: string }>(
      `update approvals set status = $2, decided_by = $3, decided_at = now(), reason = $4
        where id = (select id from approvals where run_id = $1 and status = 'pending'
                     order by requested_at limit 1)
        returning kind`,
      [
        runId,
        decision.approved ? "approved" : "rejected",
        by.userId ?? null,
        decision.comment ?? null,
      ],
    );
    if (!decided.rows[0]) {
      throw new RunStateError("not-waiting", `run ${runId} is not waiting for an approval`);
    }
    this.decisions.push({ runId, approved: decision.approved, comment: decision.comment, by });
    await this.log.append(runId, decision.approved ? "run.approved" : "run.rejected", null, {
      by: by.label,
      gate: decided.rows[0].kind,
      ...(decision.comment ? { comment: decision.comment } : {}),
    });
  }

  /** Records the run (and its app) as the queued control does; nothing moves it after. */
  async create(input: CreateRunInput): Promise<{ runId: string; appId: string }> {
    this.created.push(input);
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
    await this.log.append(rows[0]!.id, "run.queued", null, { engine: input.engine ?? "offline" });
    return { runId: rows[0]!.id, appId: apps[0]!.id };
  }

  cancel(): Promise<never> {
    return Promise.reject(new Error("these tests cancel no runs"));
  }

  retry(): Promise<never> {
    return Promise.reject(new Error("these tests retry no runs"));
  }
}
