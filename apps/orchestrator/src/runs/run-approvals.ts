import type { ApprovalKind } from "@winky/db";
import type pg from "pg";
import type { ApprovalRequest } from "../pipeline/steps.js";

/** The `approvals` kind of a graph interrupt: the plan, or the release of the tested app. */
export const approvalKindOf = (kind: ApprovalRequest["kind"]): ApprovalKind =>
  kind === "plan" ? "plan" : "release";

/**
 * The `approvals` rows of runs: one per gate a run reaches (a run meets each gate once), pending
 * until someone decides it. The row is what two deciders race for: the first decides it, the
 * second finds it decided.
 */
export class RunApprovals {
  constructor(private readonly pool: pg.Pool) {}

  /** Records that the run waits at `kind` (once: reaching the gate again adds nothing). */
  async request(runId: string, kind: ApprovalKind): Promise<void> {
    await this.pool.query(
      `insert into approvals (run_id, kind)
       select $1, $2 where not exists (select 1 from approvals where run_id = $1 and kind = $2)`,
      [runId, kind],
    );
  }

  /**
   * Decides the run's approval of `kind`: the pending row, or (a run that reached its gate
   * before approvals were recorded) a new decided row.
   *
   * @returns false when it was decided already.
   */
  async decide(
    runId: string,
    kind: ApprovalKind,
    decision: { approved: boolean; byUserId?: string; comment?: string },
  ): Promise<boolean> {
    const values = [
      runId,
      kind,
      decision.approved ? "approved" : "rejected",
      decision.byUserId ?? null,
      decision.comment ?? null,
    ];
    const updated = await this.pool.query(
      `update approvals set status = $3, decided_by = $4, reason = $5, decided_at = now()
       where run_id = $1 and kind = $2 and status = 'pending'`,
      values,
    );
    if (updated.rowCount) return true;
    const inserted = await this.pool.query(
      `insert into approvals (run_id, kind, status, decided_by, reason, decided_at)
       select $1, $2, $3, $4, $5, now()
       where not exists (select 1 from approvals where run_id = $1 and kind = $2)`,
      values,
    );
    return Boolean(inserted.rowCount);
  }

  /**
   * Asks the gate `kind` again: a retried run that waits there was stopped before any decision
   * on it took effect (a cancel withdrew the request, or removed the queued decision).
   */
  async reopen(runId: string, kind: ApprovalKind): Promise<void> {
    await this.pool.query(
      `update approvals set status = 'pending', reason = null, decided_by = null,
              decided_at = null, requested_at = now()
       where run_id = $1 and kind = $2`,
      [runId, kind],
    );
  }

  /** Whether the gate's approval is decided as `approved` says (not asked again since). */
  async stands(runId: string, kind: ApprovalKind, approved: boolean): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      "select 1 from approvals where run_id = $1 and kind = $2 and status = $3",
      [runId, kind, approved ? "approved" : "rejected"],
    );
    return Boolean(rowCount);
  }

  /** Closes a cancelled run's pending approvals (rejected, saying why), so no queue shows them. */
  async withdraw(runId: string, reason: string): Promise<void> {
    await this.pool.query(
      `update approvals set status = 'rejected', reason = $2, decided_at = now()
       where run_id = $1 and status = 'pending'`,
      [runId, reason],
    );
  }
}
