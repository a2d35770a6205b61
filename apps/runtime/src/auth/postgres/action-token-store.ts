import type pg from "pg";
import type { ActionPurpose, ActionTokenRecord, ActionTokenStore } from "../core/index.js";

const COLUMNS = `token_hash, project_id, purpose, uid, email, password_hash, created_at,
  expires_at, consumed_at`;

interface ActionTokenRow {
  token_hash: string;
  project_id: string;
  purpose: ActionPurpose;
  uid: string | null;
  email: string;
  password_hash: string | null;
  created_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
}

/**
 * {@link ActionTokenStore} over `runtime.action_tokens` (SHA-256 hashes only). `markConsumed`
 * is one conditional UPDATE, so two clicks on one link consume it once.
 */
export class PostgresActionTokenStore implements ActionTokenStore {
  constructor(private readonly pool: pg.Pool) {}

  /** @throws the database's error on a duplicate hash or an unknown project. */
  async insert(record: ActionTokenRecord): Promise<void> {
    await this.pool.query(
      `insert into runtime.action_tokens (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        record.tokenHash,
        record.projectId,
        record.purpose,
        record.uid,
        record.email,
        record.passwordHash,
        record.createdAt,
        record.expiresAt,
        record.consumedAt,
      ],
    );
  }

  async findByHash(tokenHash: string): Promise<ActionTokenRecord | null> {
    const { rows } = await this.pool.query<ActionTokenRow>(
      `select ${COLUMNS} from runtime.action_tokens where token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      tokenHash: row.token_hash,
      projectId: row.project_id,
      purpose: row.purpose,
      uid: row.uid,
      email: row.email,
      passwordHash: row.password_hash,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      consumedAt: row.consumed_at,
    };
  }

  async markConsumed(tokenHash: string, at: Date): Promise<boolean> {
    const { rows } = await this.pool.query(
      `update runtime.action_tokens set consumed_at = $2
       where token_hash = $1 and consumed_at is null
       returning token_hash`,
      [tokenHash, at],
    );
    return rows.length === 1;
  }

  /**
   * Deletes tokens that expired before `before`, consumed or not, for a periodic job: they can
   * no longer be used, and a pending sign-up's row holds a password hash worth not keeping.
   *
   * @returns how many rows were deleted.
   */
  async purgeExpired(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `delete from runtime.action_tokens where expires_at < $1`,
      [before],
    );
    return rowCount ?? 0;
  }
}
