import { validateCustomClaims } from "./custom-claims.js";
import type { IdentityStore } from "./identities.js";
import type { RefreshTokens } from "./refresh-tokens.js";
import { toUserRecord, type UserRecord, type UserStore } from "./users.js";

/** What {@link UserAdmin} needs. */
export interface UserAdminDeps {
  users: UserStore;
  refreshTokens: RefreshTokens;
  /** Linked identities go with their user (Postgres cascades; memory is told). */
  identities?: IdentityStore;
}

/** One page of {@link UserAdmin.list}. */
export interface UserPage {
  users: UserRecord[];
  /** Pass it back as `pageToken` for the next page; absent on the last page. */
  nextPageToken?: string;
}

/** Largest page an admin may ask for, as Firebase's `listUsers`. */
export const MAX_USER_PAGE = 1000;

/**
 * User administration for project admins (service keys): list, get, disable, delete, custom
 * claims. Authorisation is the HTTP layer's; these methods trust their caller. Views never
 * include the password hash.
 */
export class UserAdmin {
  constructor(private readonly deps: UserAdminDeps) {}

  /** Users ordered by uid, `limit` (1–1000, default 1000) at a time. */
  async list(
    projectId: string,
    options: { limit?: number; pageToken?: string } = {},
  ): Promise<UserPage> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? MAX_USER_PAGE), 1), MAX_USER_PAGE);
    // One extra row tells whether another page exists without a count query.
    const rows = await this.deps.users.list(projectId, {
      limit: limit + 1,
      after: options.pageToken,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      users: page.map(toUserRecord),
      ...(rows.length > limit && last ? { nextPageToken: last.uid } : {}),
    };
  }

  /** The user, or null when the project has no such user. */
  async get(projectId: string, uid: string): Promise<UserRecord | null> {
    const user = await this.deps.users.get(projectId, uid);
    return user ? toUserRecord(user) : null;
  }

  /**
   * Disables or re-enables a user. Disabling revokes every refresh token, so the user is out
   * once the current access token expires. Resolves null when there is no such user.
   */
  async setDisabled(projectId: string, uid: string, disabled: boolean): Promise<UserRecord | null> {
    const user = await this.deps.users.update(projectId, uid, { disabled });
    if (user && disabled) await this.deps.refreshTokens.revokeAllForUser(projectId, uid);
    return user ? toUserRecord(user) : null;
  }

  /** Deletes a user and revokes their refresh tokens; resolves false when there was none. */
  async delete(projectId: string, uid: string): Promise<boolean> {
    // Revoke first: if the delete then fails, the user is signed out rather than half-deleted.
    await this.deps.refreshTokens.revokeAllForUser(projectId, uid);
    await this.deps.identities?.deleteForUser(projectId, uid);
    return this.deps.users.delete(projectId, uid);
  }

  /**
   * Replaces the user's custom claims; they reach tokens at the next refresh.
   *
   * @throws AuthError `invalid-claims` (reserved names, over 1000 bytes, not JSON).
   */
  async setCustomClaims(
    projectId: string,
    uid: string,
    claims: unknown,
  ): Promise<UserRecord | null> {
    const customClaims = validateCustomClaims(claims);
    const user = await this.deps.users.update(projectId, uid, { customClaims });
    return user ? toUserRecord(user) : null;
  }
}
