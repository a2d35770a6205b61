import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { ColumnCipher } from "../auth/postgres/key-encryption.js";

/** A project's current secret for signed URLs. */
export interface SigningKey {
  keyId: string;
  secret: Buffer;
}

/**
 * Each project's HMAC secret for signed storage URLs, in `runtime.storage_signing_keys`,
 * encrypted at rest with the runtime's master key (as auth's signing keys are) and bound to
 * its project and key id. One key per project: rotating replaces it, which revokes every URL
 * signed before.
 */
export class StorageSigningKeys {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
    private readonly now: () => number,
  ) {}

  /** The project's key, created on first use. */
  async current(projectId: string): Promise<SigningKey> {
    const found = await this.find(projectId);
    if (found) return found;
    // Two first signers race: the insert that loses does nothing, both read the winner's key.
    await this.write(projectId, "on conflict (project_id) do nothing");
    return (await this.find(projectId))!;
  }

  /** The project's key, or null when none was made yet (no URL can be valid then). */
  async find(projectId: string): Promise<SigningKey | null> {
    const { rows } = await this.pool.query<{ key_id: string; secret_encrypted: string }>(
      `select key_id, secret_encrypted from runtime.storage_signing_keys where project_id = $1`,
      [projectId],
    );
    const row = rows[0];
    if (!row) return null;
    const secret = this.cipher.decrypt(row.secret_encrypted, context(projectId, row.key_id));
    return { keyId: row.key_id, secret: Buffer.from(secret, "base64url") };
  }

  /** Replaces the project's key; every URL signed with the previous one is refused from now. */
  async rotate(projectId: string): Promise<{ keyId: string; createdAt: string }> {
    return this.write(
      projectId,
      `on conflict (project_id) do update set key_id = excluded.key_id,
         secret_encrypted = excluded.secret_encrypted, created_at = excluded.created_at`,
    );
  }

  private async write(
    projectId: string,
    onConflict: string,
  ): Promise<{ keyId: string; createdAt: string }> {
    const keyId = randomBytes(8).toString("hex");
    const secret = randomBytes(32).toString("base64url");
    const createdAt = new Date(this.now()).toISOString();
    await this.pool.query(
      `insert into runtime.storage_signing_keys (project_id, key_id, secret_encrypted, created_at)
       values ($1, $2, $3, $4) ${onConflict}`,
      [projectId, keyId, this.cipher.encrypt(secret, context(projectId, keyId)), createdAt],
    );
    return { keyId, createdAt };
  }
}

const context = (projectId: string, keyId: string) => `storage-signing:${projectId}:${keyId}`;
