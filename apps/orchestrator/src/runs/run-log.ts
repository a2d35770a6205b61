import type { RunFailure, RunStatus } from "@winky/db";
import type pg from "pg";
import type { NodeLog } from "../pipeline/graph.js";
import type { PipelineNode } from "../pipeline/state.js";
import { RunCancelledError } from "./run-errors.js";

/** The channel every appended run event is announced on (payload: `<runId>:<seq>`). */
export const RUN_EVENTS_CHANNEL = "winky_run_events";

/** The run's status while a node works. */
const STATUS_OF: Record<PipelineNode, RunStatus> = {
  plan: "planning",
  preview: "planning",
  planApproval: "awaiting_plan_approval",
  code: "coding",
  test: "testing",
  review: "reviewing",
  smoke: "smoke",
  approve: "awaiting_approval",
  commit: "committing",
  deploy: "deploying",
};

/**
 * The pipeline's log in the platform database: every node's start, progress and end appended
 * to `run_events` (numbered per run without gaps) and announced with NOTIFY so any number of
 * clients can follow a run live; a node's start also moves `runs.status`.
 */
export class PostgresRunLog implements NodeLog {
  constructor(private readonly pool: pg.Pool) {}

  /** @throws RunCancelledError when the run was cancelled: the node does not start. */
  async started(runId: string, node: PipelineNode | "fail"): Promise<void> {
    if (node !== "fail" && !(await this.setStatus(runId, STATUS_OF[node]))) {
      throw new RunCancelledError(runId);
    }
    await this.append(runId, "node.started", node, {});
  }

  async finished(
    runId: string,
    node: PipelineNode | "fail",
    result: { durationMs: number; summary: string },
  ): Promise<void> {
    await this.append(runId, node === "fail" ? "run.failed" : "node.finished", node, result);
  }

  async progress(runId: string, node: PipelineNode, message: string, payload: object = {}) {
    await this.append(runId, "node.progress", node, { message, ...payload });
  }

  /**
   * Moves a run to `status` (its start time set at the first move out of `queued`).
   * @returns false when the run was cancelled: a cancelled run never moves again by itself.
   */
  async setStatus(runId: string, status: RunStatus): Promise<boolean> {
    const { rows } = await this.pool.query<{ status: RunStatus }>(
      `update runs set status = case when status = 'cancelled' then status else $2 end,
              started_at = coalesce(started_at, now())
       where id = $1 returning status`,
      [runId, status],
    );
    return rows[0]?.status !== "cancelled";
  }

  /**
   * Ends a run `succeeded` or `failed` (with `error`) and logs `run.<status>`, unless it ended
   * already: a cancel, or another process's ending, wins over a late one. Both in one
   * transaction: a follower never sees the run finished without its last event.
   */
  async finish(runId: string, status: "succeeded" | "failed", error?: RunFailure): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      const { rowCount } = await client.query(
        `update runs set status = $2, error = $3, started_at = coalesce(started_at, now()),
                finished_at = now() where id = $1 and finished_at is null`,
        [runId, status, error ? JSON.stringify(error) : null],
      );
      if (rowCount) await this.append(runId, `run.${status}`, null, error ?? {}, client);
      await client.query("commit");
    } catch (e) {
      await client.query("rollback").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /**
   * Appends one event: the next `seq` of the run, computed in the insert. Two appends racing
   * for one number make the unique key refuse the second, which takes the next. Given a
   * `client` in a transaction, each try is a savepoint (the refusal would abort the
   * transaction) and the NOTIFY goes out at its commit.
   *
   * @returns the event's `seq`.
   */
  async append(
    runId: string,
    type: string,
    node: string | null,
    payload: object,
    client?: pg.PoolClient,
  ): Promise<number> {
    const on = client ?? this.pool;
    if (client) await client.query("savepoint append_event");
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await on.query<{ seq: number }>(
          `with appended as (
             insert into run_events (run_id, seq, type, node, payload)
             select $1, coalesce(max(seq) + 1, 0), $2, $3, $4 from run_events where run_id = $1
             returning seq)
           select seq, pg_notify($5, $1 || ':' || seq) from appended`,
          [runId, type, node, JSON.stringify(payload), RUN_EVENTS_CHANNEL],
        );
        if (client) await client.query("release savepoint append_event");
        return rows[0]!.seq;
      } catch (e) {
        // Back to before the insert (the savepoint stays for the next try); a failure to get
        // there is not what the caller needs to hear.
        if (client)
          await client.query("rollback to savepoint append_event").catch(() => {
            throw e;
          });
        if ((e as { code?: string }).code !== "23505" || attempt >= 5) throw e;
      }
    }
  }
}
