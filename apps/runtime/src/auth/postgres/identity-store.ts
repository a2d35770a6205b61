import type pg from "pg";
import type { IdentityStore, UserIdentity } from "../core/index.js";
import type { Queryable } from "./user-store.js";

const COLUMNS = `project_id, provider_id, subject, uid, email, email_verified, created_at,
  last_sign_in_at`;

interface IdentityRow {
  project_id: string;
  provider_id: string;
  subject: string;
  uid: string;
  email: string | null;
  email_verified: boolean;
  created_at: Date;
  last_sign_in_at: Date | null;
}

/**
 * {@link IdentityStore} over `runtime.user_identities`. Its primary key makes a subject one
 * account per project and `user_identities_user_provider_key` one identity per provider per
 * user; `create` answers false on either. Rows reference their user and go with it.
 */
export class PostgresIdentityStore implements IdentityStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(projectId: string, providerId: string, subject: string): Promise<UserIdentity | null> {
    const { rows } = await this.pool.query<IdentityRow>(
      `select ${COLUMNS} from runtime.user_identities
       where project_id = $1 and provider_id = $2 and subject = $3`,
      [projectId, providerId, subject],
    );
    return rows[0] ? toIdentity(rows[0]) : null;
  }

  async listForUser(projectId: string, uid: string): Promise<UserIdentity[]> {
    const { rows } = await this.pool.query<IdentityRow>(
      `select ${COLUMNS} from runtime.user_identities where project_id = $1 and uid = $2
       order by provider_id collate "C"`,
      [projectId, uid],
    );
    return rows.map(toIdentity);
  }

  /** @throws the database's error when the user does not exist. */
  create(identity: UserIdentity): Promise<boolean> {
    return insertIdentity(this.pool, identity);
  }

  /** The identities of several users (an export page), ordered by uid then provider id. */
  async listForUsers(projectId: string, uids: readonly string[]): Promise<UserIdentity[]> {
    const { rows } = await this.pool.query<IdentityRow>(
      `select ${COLUMNS} from runtime.user_identities where project_id = $1 and uid = any($2)
       order by uid collate "C", provider_id collate "C"`,
      [projectId, uids],
    );
    return rows.map(toIdentity);
  }

  async touch(
    projectId: string,
    providerId: string,
    subject: string,
    update: Pick<UserIdentity, "email" | "emailVerified" | "lastSignInAt">,
  ): Promise<void> {
    await this.pool.query(
      `update runtime.user_identities set email = $4, email_verified = $5, last_sign_in_at = $6
       where project_id = $1 and provider_id = $2 and subject = $3`,
      [projectId, providerId, subject, update.email, update.emailVerified, update.lastSignInAt],
    );
  }

  async deleteForUser(projectId: string, uid: string): Promise<void> {
    await this.pool.query(
      `delete from runtime.user_identities where project_id = $1 and uid = $2`,
      [projectId, uid],
    );
  }
}

/**
 * Inserts one identity; resolves false, writing nothing, when the subject is already linked in
 * the project or the user already has an identity of this provider. The store's `create` and the
 * admin import (inside its transaction) share it.
 *
 * @throws the database's error when the user does not exist.
 */
export async function insertIdentity(db: Queryable, identity: UserIdentity): Promise<boolean> {
  // Either unique constraint decides; "on conflict do nothing" covers both at once (and, unlike
  // a unique violation, leaves a surrounding transaction usable).
  const { rowCount } = await db.query(
    `insert into runtime.user_identities (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict do nothing`,
    [
      identity.projectId,
      identity.providerId,
      identity.subject,
      identity.uid,
      identity.email,
      identity.emailVerified,
      identity.createdAt,
      identity.lastSignInAt,
    ],
  );
  return rowCount === 1;
}

function toIdentity(row: IdentityRow): UserIdentity {
  return {
    projectId: row.project_id,
    providerId: row.provider_id,
    subject: row.subject,
    uid: row.uid,
    email: row.email,
    emailVerified: row.email_verified,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}
