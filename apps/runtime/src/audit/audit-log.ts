import type pg from "pg";
import { entryHash, GENESIS, type AuditEntry } from "./audit-chain.js";

interface Row {
  project_id: string;
  seq: string;
  at: string;
  actor: string;
  action: string;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** The audit trail in PostgreSQL: appended under a per-chain lock, read in order. */
export class AuditLog {
  constructor(private readonly pool: pg.Pool) {}

  /** Appends one action to `projectId`'s chain ("" for the operator's). */
  async append(
    projectId: string,
    entry: { actor: string; action: string; details: Record<string, unknown> },
  ): Promise<AuditEntry> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      // One writer per chain at a time: each entry needs the hash of the one before.
      await client.query("select pg_advisory_xact_lock(hashtextextended($1 || '#audit', 0))", [
        projectId,
      ]);
      const { rows } = await client.query<{ seq: string; hash: string }>(
        `select seq, hash from runtime.audit_entries where project_id = $1
          order by seq desc limit 1`,
        [projectId],
      );
      const content = {
        projectId,
        seq: rows[0] ? Number(rows[0].seq) + 1 : 1,
        at: new Date().toISOString(),
        ...entry,
        prevHash: rows[0]?.hash ?? GENESIS,
      };
      const appended = { ...content, hash: entryHash(content) };
      await client.query(
        `insert into runtime.audit_entries
           (project_id, seq, at, actor, action, details, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          projectId,
          appended.seq,
          appended.at,
          appended.actor,
          appended.action,
          JSON.stringify(appended.details),
          appended.prevHash,
          appended.hash,
        ],
      );
      await client.query("commit");
      return appended;
    } catch (e) {
      await client.query("rollback").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** Up to `limit` entries of a chain after `afterSeq`, in order. */
  async list(projectId: string, afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<Row>(
      `select project_id, seq::text, at, actor, action, details, prev_hash, hash
         from runtime.audit_entries where project_id = $1 and seq > $2 order by seq limit $3`,
      [projectId, afterSeq, limit],
    );
    return rows.map((r) => ({
      projectId: r.project_id,
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor,
      action: r.action,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }
}
