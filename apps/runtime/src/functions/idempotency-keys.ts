import type pg from "pg";

/**
 * Values recorded once under a key (`context.once(key, fn)` in a function): what a side effect
 * outside the documents answered, so a retried delivery finds it done. Commits keep their keys
 * in the same table, claimed inside their transaction (`DocumentTransaction.claimKey`).
 */
export class IdempotencyKeys {
  constructor(private readonly pool: pg.Pool) {}

  /** What was recorded under `key` (`{ value }`, the value may be null), or undefined. */
  async recall(projectId: string, key: string): Promise<{ value: unknown } | undefined> {
    const { rows } = await this.pool.query<{ result: unknown }>(
      "select result from runtime.idempotency_keys where project_id = $1 and key = $2",
      [projectId, key],
    );
    return rows[0] && { value: rows[0].result };
  }

  /** Records `value` under `key` unless something was recorded first (that one stays). */
  async record(projectId: string, key: string, value: unknown): Promise<void> {
    await this.pool.query(
      `insert into runtime.idempotency_keys (project_id, key, result) values ($1, $2, $3)
       on conflict do nothing`,
      [projectId, key, JSON.stringify(value)],
    );
  }

  /** Removes keys older than `before` (housekeeping: a week, as long as jobs are kept). */
  async purge(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      "delete from runtime.idempotency_keys where created_at < $1",
      [before],
    );
    return rowCount ?? 0;
  }
}
