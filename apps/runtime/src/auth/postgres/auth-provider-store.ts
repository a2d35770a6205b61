import type pg from "pg";
import type { AuthProviderStore, OidcProviderRecord } from "../core/index.js";
import { ColumnCipher } from "./key-encryption.js";

const COLUMNS = `project_id, provider_id, issuer, client_id, client_secret_encrypted, scopes,
  redirect_uris, callback_url, enabled, created_at, updated_at`;

interface ProviderRow {
  project_id: string;
  provider_id: string;
  issuer: string;
  client_id: string;
  client_secret_encrypted: string;
  scopes: string[];
  redirect_uris: string[];
  callback_url: string | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

/**
 * Thrown when a stored client secret cannot be decrypted: the encryption key is not the one it
 * was written with, or the row was altered. Names the project and provider, never the key.
 */
export class ClientSecretDecryptionError extends Error {
  override readonly name = "ClientSecretDecryptionError";

  constructor(
    readonly projectId: string,
    readonly providerId: string,
    options?: ErrorOptions,
  ) {
    super(
      `cannot decrypt the client secret of provider ${providerId} of project ${projectId}: the ` +
        "encryption key (WINKY_MASTER_KEY) is not the one it was stored with, or the row was altered",
      options,
    );
  }
}

/**
 * {@link AuthProviderStore} over `runtime.auth_providers`. Client secrets are encrypted with the
 * signing keys' cipher (AES-256-GCM) before they are written, bound to project and provider id,
 * so a dump holds no usable secret and a ciphertext cannot be moved to another provider.
 */
export class PostgresAuthProviderStore implements AuthProviderStore {
  private readonly cipher: ColumnCipher;

  /** @throws Error when the encryption key is not 32 bytes. */
  constructor(
    private readonly pool: pg.Pool,
    options: { encryptionKey: Buffer },
  ) {
    this.cipher = new ColumnCipher(options.encryptionKey);
  }

  /** @throws ClientSecretDecryptionError when the secret does not decrypt. */
  async get(projectId: string, providerId: string): Promise<OidcProviderRecord | null> {
    const { rows } = await this.pool.query<ProviderRow>(
      `select ${COLUMNS} from runtime.auth_providers where project_id = $1 and provider_id = $2`,
      [projectId, providerId],
    );
    return rows[0] ? this.toRecord(rows[0]) : null;
  }

  /** @throws ClientSecretDecryptionError when a secret does not decrypt. */
  async list(projectId: string): Promise<OidcProviderRecord[]> {
    const { rows } = await this.pool.query<ProviderRow>(
      `select ${COLUMNS} from runtime.auth_providers where project_id = $1
       order by provider_id collate "C"`,
      [projectId],
    );
    return rows.map((row) => this.toRecord(row));
  }

  /** @throws the database's error when the project does not exist. */
  async put(record: OidcProviderRecord): Promise<void> {
    const encrypted = this.cipher.encrypt(record.clientSecret, context(record));
    await this.pool.query(
      `insert into runtime.auth_providers (${COLUMNS})
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (project_id, provider_id) do update set
         issuer = excluded.issuer, client_id = excluded.client_id,
         client_secret_encrypted = excluded.client_secret_encrypted, scopes = excluded.scopes,
         redirect_uris = excluded.redirect_uris, callback_url = excluded.callback_url,
         enabled = excluded.enabled, created_at = excluded.created_at,
         updated_at = excluded.updated_at`,
      [
        record.projectId,
        record.providerId,
        record.issuer,
        record.clientId,
        encrypted,
        JSON.stringify(record.scopes),
        JSON.stringify(record.redirectUris),
        record.callbackUrl,
        record.enabled,
        record.createdAt,
        record.updatedAt,
      ],
    );
  }

  async delete(projectId: string, providerId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `delete from runtime.auth_providers where project_id = $1 and provider_id = $2`,
      [projectId, providerId],
    );
    return rowCount === 1;
  }

  private toRecord(row: ProviderRow): OidcProviderRecord {
    let clientSecret: string;
    try {
      clientSecret = this.cipher.decrypt(row.client_secret_encrypted, context(row));
    } catch (e) {
      throw new ClientSecretDecryptionError(row.project_id, row.provider_id, { cause: e });
    }
    return {
      projectId: row.project_id,
      providerId: row.provider_id,
      issuer: row.issuer,
      clientId: row.client_id,
      clientSecret,
      scopes: row.scopes,
      redirectUris: row.redirect_uris,
      callbackUrl: row.callback_url,
      enabled: row.enabled,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

function context(
  record: { projectId: string; providerId: string } | { project_id: string; provider_id: string },
): string {
  const [projectId, providerId] =
    "projectId" in record
      ? [record.projectId, record.providerId]
      : [record.project_id, record.provider_id];
  return `auth-provider\u0000${projectId}\u0000${providerId}`;
}
