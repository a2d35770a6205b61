import type pg from "pg";
import type { AuthUser, CustomClaims, UserPatch, UserStore } from "../core/index.js";
import { EMAIL_KEY_SQL } from "../../db/schema.js";

/** The unique index that makes an email one account per project, whatever its case. */
export const EMAIL_INDEX = "users_email_key";
/** The primary key: a uid is one user per project. */
export const UID_KEY = "users_project_id_uid_pk";

/** A pool or one client of it (inside a transaction): what the shared inserts run on. */
export type Queryable = Pick<pg.ClientBase, "query">;

const COLUMNS = `project_id, uid, email, email_verified, password_hash, anonymous, disabled,
  custom_claims, created_at, last_sign_in_at`;

/**
 * What a user's event carries (`runtime.events`, appended by the statement that creates or
 * deletes the user): who, never the password hash or the custom claims.
 */
const USER_EVENT_DATA = `jsonb_build_object('user', jsonb_build_object('uid', uid, 'email', email,
  'emailVerified', email_verified, 'anonymous', anonymous,
  'createdAt', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))`;

interface UserRow {
  project_id: string;
  uid: string;
  email: string | null;
  email_verified: boolean;
  password_hash: string | null;
  anonymous: boolean;
  disabled: boolean;
  custom_claims: CustomClaims;
  created_at: Date;
  last_sign_in_at: Date | null;
}

/** Each patchable field and its column; anything else in a patch is ignored. */
const PATCH_COLUMNS = {
  email: "email",
  emailVerified: "email_verified",
  passwordHash: "password_hash",
  anonymous: "anonymous",
  disabled: "disabled",
  customClaims: "custom_claims",
  lastSignInAt: "last_sign_in_at",
} as const satisfies Record<keyof UserPatch, string>;

/**
 * {@link UserStore} over `runtime.users`. Emails are compared as the unique index
 * `users_email_key` compares them (ICU lower case, per project), so the index alone decides
 * whether an address is taken, even between two processes signing up at once.
 */
export class PostgresUserStore implements UserStore {
  constructor(private readonly pool: pg.Pool) {}

  async findByEmail(projectId: string, email: string): Promise<AuthUser | null> {
    // The same expression as the index, so the lookup is one probe of it.
    const { rows } = await this.pool.query<UserRow>(
      `select ${COLUMNS} from runtime.users
       where project_id = $1 and ${EMAIL_KEY_SQL} = lower($2 collate "und-x-icu")
         and email is not null`,
      [projectId, email],
    );
    return rows[0] ? toUser(rows[0]) : null;
  }

  async get(projectId: string, uid: string): Promise<AuthUser | null> {
    const { rows } = await this.pool.query<UserRow>(
      `select ${COLUMNS} from runtime.users where project_id = $1 and uid = $2`,
      [projectId, uid],
    );
    return rows[0] ? toUser(rows[0]) : null;
  }

  /**
   * Resolves false when the email is taken in the project. A duplicate uid is a caller bug
   * (uids are random), so it throws like any other database error.
   */
  async create(user: AuthUser): Promise<boolean> {
    try {
      await insertUser(this.pool, user);
      return true;
    } catch (e) {
      if (isUniqueViolation(e, EMAIL_INDEX)) return false;
      throw e;
    }
  }

  /** @throws Error when `patch.email` belongs to another user of the project. */
  async update(projectId: string, uid: string, patch: UserPatch): Promise<AuthUser | null> {
    const sets: string[] = [];
    const values: unknown[] = [projectId, uid];
    for (const [field, column] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[field as keyof UserPatch];
      if (value === undefined) continue;
      values.push(field === "customClaims" ? JSON.stringify(value) : value);
      sets.push(`${column} = $${values.length}`);
    }
    if (sets.length === 0) return this.get(projectId, uid);
    try {
      const { rows } = await this.pool.query<UserRow>(
        `update runtime.users set ${sets.join(", ")} where project_id = $1 and uid = $2
         returning ${COLUMNS}`,
        values,
      );
      return rows[0] ? toUser(rows[0]) : null;
    } catch (e) {
      // The address stays out of the message: errors get logged.
      if (isUniqueViolation(e, EMAIL_INDEX)) {
        throw new Error(`another user of project ${projectId} has this email`, { cause: e });
      }
      throw e;
    }
  }

  async list(projectId: string, options: { limit: number; after?: string }): Promise<AuthUser[]> {
    // Byte order (collate "C", served by users_uid_order_idx), as the memory store sorts, so
    // pages do not depend on the database's locale.
    const after = options.after === undefined ? "" : `and uid collate "C" > $3`;
    const { rows } = await this.pool.query<UserRow>(
      `select ${COLUMNS} from runtime.users where project_id = $1 ${after}
       order by uid collate "C" limit $2`,
      [projectId, options.limit, ...(options.after === undefined ? [] : [options.after])],
    );
    return rows.map(toUser);
  }

  async delete(projectId: string, uid: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `with deleted as (
         delete from runtime.users where project_id = $1 and uid = $2
         returning project_id, uid, email, email_verified, anonymous, created_at)
       insert into runtime.events (project_id, kind, subject, time, data)
       select project_id, 'auth.user.deleted', uid, clock_timestamp(), ${USER_EVENT_DATA}
         from deleted`,
      [projectId, uid],
    );
    return rowCount === 1;
  }
}

/**
 * Inserts one user and its `auth.user.created` event in one statement; the store's `create` and
 * the admin import (inside its transaction) share it.
 *
 * @throws the database's error: a unique violation of {@link EMAIL_INDEX} or {@link UID_KEY}.
 */
export async function insertUser(db: Queryable, user: AuthUser): Promise<void> {
  await db.query(
    `with created as (
       insert into runtime.users (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       returning project_id, uid, email, email_verified, anonymous, created_at)
     insert into runtime.events (project_id, kind, subject, time, data)
     select project_id, 'auth.user.created', uid, created_at, ${USER_EVENT_DATA} from created`,
    [
      user.projectId,
      user.uid,
      user.email,
      user.emailVerified,
      user.passwordHash,
      user.anonymous,
      user.disabled,
      JSON.stringify(user.customClaims),
      user.createdAt,
      user.lastSignInAt,
    ],
  );
}

/** True for PostgreSQL's unique_violation (23505) on the named constraint only. */
export function isUniqueViolation(e: unknown, constraint: string): boolean {
  const error = e as { code?: unknown; constraint?: unknown } | null;
  return error?.code === "23505" && error.constraint === constraint;
}

function toUser(row: UserRow): AuthUser {
  return {
    projectId: row.project_id,
    uid: row.uid,
    email: row.email,
    emailVerified: row.email_verified,
    passwordHash: row.password_hash,
    anonymous: row.anonymous,
    disabled: row.disabled,
    customClaims: row.custom_claims,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}
