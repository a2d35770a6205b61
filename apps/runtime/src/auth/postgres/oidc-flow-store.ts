import type pg from "pg";
import type { OidcFlowRecord, OidcFlowStore, VerifiedIdentity } from "../core/index.js";
import { ColumnCipher } from "./key-encryption.js";

const COLUMNS = `state_hash, project_id, provider_id, nonce, code_verifier_encrypted,
  redirect_uri, callback_url, app_challenge, link_uid, created_at, expires_at, callback_at,
  result_code_hash, result_expires_at, identity, exchanged_at`;

interface FlowRow {
  state_hash: string;
  project_id: string;
  provider_id: string;
  nonce: string;
  code_verifier_encrypted: string;
  redirect_uri: string;
  callback_url: string;
  app_challenge: string | null;
  link_uid: string | null;
  created_at: Date;
  expires_at: Date;
  callback_at: Date | null;
  result_code_hash: string | null;
  result_expires_at: Date | null;
  identity: VerifiedIdentity | null;
  exchanged_at: Date | null;
}

/**
 * {@link OidcFlowStore} over `runtime.oidc_flows`. States and one-time codes are stored as
 * SHA-256 hashes; the PKCE verifier is encrypted (bound to its state hash). `claimState` and
 * `claimResult` are single conditional UPDATEs, so each works once even under a race.
 */
export class PostgresOidcFlowStore implements OidcFlowStore {
  private readonly cipher: ColumnCipher;

  /** @throws Error when the encryption key is not 32 bytes. */
  constructor(
    private readonly pool: pg.Pool,
    options: { encryptionKey: Buffer },
  ) {
    this.cipher = new ColumnCipher(options.encryptionKey);
  }

  /** @throws the database's error on a duplicate state or an unknown project. */
  async insert(record: OidcFlowRecord): Promise<void> {
    const verifier = this.cipher.encrypt(record.codeVerifier, context(record.stateHash));
    await this.pool.query(
      `insert into runtime.oidc_flows (${COLUMNS})
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        record.stateHash,
        record.projectId,
        record.providerId,
        record.nonce,
        verifier,
        record.redirectUri,
        record.callbackUrl,
        record.appChallenge,
        record.linkUid,
        record.createdAt,
        record.expiresAt,
        record.callbackAt,
        record.resultCodeHash,
        record.resultExpiresAt,
        record.identity === null ? null : JSON.stringify(record.identity),
        record.exchangedAt,
      ],
    );
  }

  async claimState(stateHash: string, at: Date): Promise<OidcFlowRecord | null> {
    const { rows } = await this.pool.query<FlowRow>(
      `update runtime.oidc_flows set callback_at = $2
       where state_hash = $1 and callback_at is null returning ${COLUMNS}`,
      [stateHash, at],
    );
    return rows[0] ? this.toRecord(rows[0]) : null;
  }

  async saveResult(
    stateHash: string,
    result: { resultCodeHash: string; resultExpiresAt: Date; identity: VerifiedIdentity },
  ): Promise<void> {
    await this.pool.query(
      `update runtime.oidc_flows
       set result_code_hash = $2, result_expires_at = $3, identity = $4 where state_hash = $1`,
      [stateHash, result.resultCodeHash, result.resultExpiresAt, JSON.stringify(result.identity)],
    );
  }

  async claimResult(resultCodeHash: string, at: Date): Promise<OidcFlowRecord | null> {
    const { rows } = await this.pool.query<FlowRow>(
      `update runtime.oidc_flows set exchanged_at = $2
       where result_code_hash = $1 and exchanged_at is null returning ${COLUMNS}`,
      [resultCodeHash, at],
    );
    return rows[0] ? this.toRecord(rows[0]) : null;
  }

  /**
   * Deletes flows that expired before `before` (an hour ago is plenty: codes last minutes), for
   * a periodic job.
   *
   * @returns how many rows were deleted.
   */
  async purgeExpired(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `delete from runtime.oidc_flows where expires_at < $1`,
      [before],
    );
    return rowCount ?? 0;
  }

  private toRecord(row: FlowRow): OidcFlowRecord {
    return {
      stateHash: row.state_hash,
      projectId: row.project_id,
      providerId: row.provider_id,
      nonce: row.nonce,
      // A flow that does not decrypt (another key) cannot finish: a server fault, not a client's.
      codeVerifier: this.cipher.decrypt(row.code_verifier_encrypted, context(row.state_hash)),
      redirectUri: row.redirect_uri,
      callbackUrl: row.callback_url,
      appChallenge: row.app_challenge,
      linkUid: row.link_uid,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      callbackAt: row.callback_at,
      resultCodeHash: row.result_code_hash,
      resultExpiresAt: row.result_expires_at,
      identity: row.identity,
      exchangedAt: row.exchanged_at,
    };
  }
}

function context(stateHash: string): string {
  return `oidc-flow\u0000${stateHash}`;
}
