import type pg from "pg";
import type { Actor } from "../queue/run-control.js";

/** A pool, or a client inside a transaction: what the API's writes take. */
export type Queryable = pg.Pool | pg.PoolClient;

/** Who did it, in which team, from where: the part of an audit row the request decides. */
export interface AuditSource {
  teamId: string;
  actor: Actor;
  /** The request's address; null when there was no request (bootstrap scripts). */
  ip: string | null;
}

/** What was done to what: `action` is a dotted verb such as `run.approved`, `token.revoked`. */
export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  /** Context for the reader; never a secret (tokens, webhook URLs) — callers mask them first. */
  data?: Record<string, unknown>;
}

/**
 * Appends one row to `audit_log`. Pass the transaction's client when the change is in this
 * database, so the change and its record commit or roll back together.
 */
export async function writeAudit(
  db: Queryable,
  source: AuditSource,
  entry: AuditEntry,
): Promise<void> {
  await db.query(
    `insert into audit_log (team_id, actor_id, actor_kind, action, target_type, target_id, data, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      source.teamId,
      source.actor.kind === "system" ? null : (source.actor.id ?? null),
      source.actor.kind,
      entry.action,
      entry.targetType,
      entry.targetId,
      JSON.stringify(entry.data ?? {}),
      source.ip,
    ],
  );
}

/** Runs `work` in a transaction on one client: committed when it resolves, else rolled back. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (e) {
    await client.query("rollback").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
