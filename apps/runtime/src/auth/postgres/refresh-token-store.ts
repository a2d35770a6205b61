import type pg from "pg";
import type { RefreshTokenRecord, RefreshTokenStore } from "../core/index.js";

const COLUMNS = `token_hash, family_id, parent_hash, project_id, uid, sign_in_provider, auth_time,
  created_at, expires_at, used_at, revoked_at`;

interface RefreshTokenRow {
  token_hash: string;
  family_id: string;
  parent_hash: string | null;
  project_id: string;
  uid: string;
  sign_in_provider: string;
  auth_time: Date;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

/**
 * {@link RefreshTokenStore} over `runtime.refresh_tokens`, which holds SHA-256 hashes only.
 * `markUsed` is one conditional UPDATE: PostgreSQL re-checks its WHERE against the row as the
 * first writer left it, so of any number of concurrent rotations exactly one wins.
 */
export class PostgresRefreshTokenStore implements RefreshTokenStore {
  constructor(private readonly pool: pg.Pool) {}

  /** @throws the database's error on a duplicate hash or an unknown project. */
  async insert(record: RefreshTokenRecord): Promise<void> {
    await this.pool.query(
      `insert into runtime.refresh_tokens (${COLUMNS})
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        record.tokenHash,
        record.familyId,
        record.parentHash,
        record.projectId,
        record.uid,
        record.signInProvider,
        record.authTime,
        record.createdAt,
        record.expiresAt,
        record.usedAt,
        record.revokedAt,
      ],
    );
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const { rows } = await this.pool.query<RefreshTokenRow>(
      `select ${COLUMNS} from runtime.refresh_tokens where token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async markUsed(tokenHash: string, at: Date): Promise<boolean> {
    const { rows } = await this.pool.query(
      `update runtime.refresh_tokens set used_at = $2
       where token_hash = $1 and used_at is null and revoked_at is null
       returning token_hash`,
      [tokenHash, at],
    );
    return rows.length === 1;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    // `revoked_at is null` keeps the first revocation time, which says when the reuse happened.
    await this.pool.query(
      `update runtime.refresh_tokens set revoked_at = $2
       where family_id = $1 and revoked_at is null`,
      [familyId, at],
    );
  }

  async revokeAllForUser(projectId: string, uid: string, at: Date): Promise<void> {
    await this.pool.query(
      `update runtime.refresh_tokens set revoked_at = $3
       where project_id = $1 and uid = $2 and revoked_at is null`,
      [projectId, uid, at],
    );
  }

  /**
   * Deletes tokens that expired before `before`, for a periodic job. Safe once past their expiry:
   * an expired token is refused before reuse detection looks at it. Scans the table; run it
   * rarely (daily).
   *
   * @returns how many rows were deleted.
   */
  async purgeExpired(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `delete from runtime.refresh_tokens where expires_at < $1`,
      [before],
    );
    return rowCount ?? 0;
  }
}

function toRecord(row: RefreshTokenRow): RefreshTokenRecord {
  return {
    tokenHash: row.token_hash,
    familyId: row.family_id,
    parentHash: row.parent_hash,
    projectId: row.project_id,
    uid: row.uid,
    signInProvider: row.sign_in_provider,
    authTime: row.auth_time,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    revokedAt: row.revoked_at,
  };
}
