import type pg from "pg";
import type {
  PrivateSigningJwk,
  PublicSigningJwk,
  SigningKeyRecord,
  SigningKeyStatus,
  SigningKeyStore,
} from "../core/index.js";
import { ColumnCipher, SigningKeyDecryptionError } from "./key-encryption.js";

/** Options of {@link PostgresSigningKeyStore}. */
export interface PostgresSigningKeyStoreOptions {
  /**
   * 32 bytes that encrypt private JWKs at rest (AES-256-GCM). Today it comes from
   * `WINKY_MASTER_KEY` (see `decodeEncryptionKey`); it is to come from the secret store
   * (issue 5). Losing it makes every stored private key unusable; rotating it needs a re-encrypt.
   */
  encryptionKey: Buffer;
}

const COLUMNS =
  "project_id, kid, public_jwk, private_jwk_encrypted, status, created_at, status_changed_at";

interface SigningKeyRow {
  project_id: string;
  kid: string;
  public_jwk: PublicSigningJwk;
  private_jwk_encrypted: string;
  status: SigningKeyStatus;
  created_at: Date;
  status_changed_at: Date;
}

/**
 * {@link SigningKeyStore} over `runtime.signing_keys`. Private JWKs are encrypted before they
 * are written and decrypted on read, so a database dump or backup holds no usable private key;
 * the ciphertext is bound to its project and kid and cannot be moved to another row.
 */
export class PostgresSigningKeyStore implements SigningKeyStore {
  private readonly cipher: ColumnCipher;

  /** @throws Error when the encryption key is not 32 bytes. */
  constructor(
    private readonly pool: pg.Pool,
    options: PostgresSigningKeyStoreOptions,
  ) {
    this.cipher = new ColumnCipher(options.encryptionKey);
  }

  /** @throws SigningKeyDecryptionError naming the kid when a private key does not decrypt. */
  async list(projectId: string): Promise<SigningKeyRecord[]> {
    // kid breaks ties so two keys created in the same millisecond list in a stable order.
    const { rows } = await this.pool.query<SigningKeyRow>(
      `select ${COLUMNS} from runtime.signing_keys where project_id = $1 order by created_at, kid`,
      [projectId],
    );
    return rows.map((row) => this.toRecord(row));
  }

  /** @throws the database's error when `(projectId, kid)` exists or the project does not. */
  async add(record: SigningKeyRecord): Promise<void> {
    const { projectId, kid } = record;
    const encrypted = this.cipher.encrypt(JSON.stringify(record.privateJwk), context(record));
    await this.pool.query(
      `insert into runtime.signing_keys (${COLUMNS})
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        projectId,
        kid,
        JSON.stringify(record.publicJwk),
        encrypted,
        record.status,
        record.createdAt,
        record.statusChangedAt,
      ],
    );
  }

  async updateStatus(
    projectId: string,
    kid: string,
    status: SigningKeyStatus,
    at: Date,
  ): Promise<void> {
    await this.pool.query(
      `update runtime.signing_keys set status = $3, status_changed_at = $4
       where project_id = $1 and kid = $2`,
      [projectId, kid, status, at],
    );
  }

  private toRecord(row: SigningKeyRow): SigningKeyRecord {
    const ids = { projectId: row.project_id, kid: row.kid };
    let privateJwk: PrivateSigningJwk;
    try {
      privateJwk = JSON.parse(
        this.cipher.decrypt(row.private_jwk_encrypted, context(ids)),
      ) as PrivateSigningJwk;
    } catch (e) {
      throw new SigningKeyDecryptionError(row.project_id, row.kid, { cause: e });
    }
    return {
      ...ids,
      publicJwk: row.public_jwk,
      privateJwk,
      status: row.status,
      createdAt: row.created_at,
      statusChangedAt: row.status_changed_at,
    };
  }
}

// The additional authenticated data: NUL cannot occur in a Postgres text value, so no two
// (project, kid) pairs share a context.
function context(ids: { projectId: string; kid: string }): string {
  return `signing-key\u0000${ids.projectId}\u0000${ids.kid}`;
}
