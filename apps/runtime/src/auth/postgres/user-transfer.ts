import type pg from "pg";
import type { AuthUser, UserIdentity } from "../core/index.js";
import { toUserExport, type UserExport } from "../core/users.js";
import { PostgresIdentityStore, insertIdentity } from "./identity-store.js";
import {
  EMAIL_INDEX,
  PostgresUserStore,
  UID_KEY,
  insertUser,
  isUniqueViolation,
} from "./user-store.js";

/** Why an import was refused: the user (by index in the batch) whose row collided. */
export interface ImportConflict {
  index: number;
  /** `uid`, `email` or `providers[j]`. */
  field: string;
  message: string;
}

export type ImportResult = { imported: number } | { conflict: ImportConflict };

/** One page of {@link PostgresUserTransfer.exportPage}, ordered by uid. */
export interface UserExportPage {
  users: UserExport[];
  nextPageToken?: string;
}

/**
 * Bulk import and export of a project's users, password hashes included (admin only). The
 * import is all or nothing: one transaction on one client, with the same inserts as the stores
 * (`insertUser`, `insertIdentity`), so the unique indexes decide a taken uid, email or identity
 * even against a concurrent sign-up, and any failure rolls back every row and event.
 */
export class PostgresUserTransfer {
  private readonly users: PostgresUserStore;
  private readonly identities: PostgresIdentityStore;

  constructor(private readonly pool: pg.Pool) {
    this.users = new PostgresUserStore(pool);
    this.identities = new PostgresIdentityStore(pool);
  }

  /** Writes every user and identity, or nothing and the first conflict. */
  async import(
    projectId: string,
    records: readonly { user: AuthUser; identities: UserIdentity[] }[],
  ): Promise<ImportResult> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("begin");
      const conflict = await insertAll(client, projectId, records);
      await client.query(conflict ? "rollback" : "commit");
      return conflict ? { conflict } : { imported: records.length };
    } catch (e) {
      // A failed rollback leaves the connection unusable: hand it back to be discarded.
      await client.query("rollback").catch((err: Error) => (broken = err));
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** Users ordered by uid (byte order), `limit` at a time, with hashes and identities. */
  async exportPage(
    projectId: string,
    options: { limit: number; pageToken?: string },
  ): Promise<UserExportPage> {
    // One extra row tells whether another page exists, as UserAdmin.list does.
    const rows = await this.users.list(projectId, {
      limit: options.limit + 1,
      ...(options.pageToken ? { after: options.pageToken } : {}),
    });
    const page = rows.slice(0, options.limit);
    const linked = await this.identities.listForUsers(
      projectId,
      page.map((u) => u.uid),
    );
    const byUid = new Map<string, UserIdentity[]>();
    for (const identity of linked) {
      byUid.set(identity.uid, [...(byUid.get(identity.uid) ?? []), identity]);
    }
    const last = page.at(-1);
    return {
      users: page.map((user) => toUserExport(user, byUid.get(user.uid) ?? [])),
      ...(rows.length > options.limit && last ? { nextPageToken: last.uid } : {}),
    };
  }
}

async function insertAll(
  client: pg.PoolClient,
  projectId: string,
  records: readonly { user: AuthUser; identities: UserIdentity[] }[],
): Promise<ImportConflict | undefined> {
  for (const [index, { user, identities }] of records.entries()) {
    try {
      await insertUser(client, user);
    } catch (e) {
      if (isUniqueViolation(e, UID_KEY)) {
        const message = `uid '${user.uid}' already exists in project '${projectId}'`;
        return { index, field: "uid", message };
      }
      if (isUniqueViolation(e, EMAIL_INDEX)) {
        const message = `'${user.email}' already has an account in project '${projectId}'`;
        return { index, field: "email", message };
      }
      throw e;
    }
    for (const [j, identity] of identities.entries()) {
      if (!(await insertIdentity(client, identity))) {
        const { providerId, subject } = identity;
        const message =
          `this '${providerId}' identity (subject '${subject}') is already linked to an ` +
          `account in project '${projectId}'`;
        return { index, field: `providers[${j}]`, message };
      }
    }
  }
  return undefined;
}
