import type { CustomClaims } from "./custom-claims.js";
import type { UserIdentity } from "./identities.js";
import type { AccessTokenUser } from "./tokens.js";

/** A user account as the auth core sees it. */
export interface AuthUser {
  projectId: string;
  uid: string;
  /** Normalised (`normalizeEmail`); unique per project compared case-insensitively. */
  email: string | null;
  emailVerified: boolean;
  /**
   * A `scrypt$…` hash, or `firebase-scrypt$…` for a user imported from Firebase who has not
   * signed in since (the first sign-in rehashes it); null for accounts without a password.
   */
  passwordHash: string | null;
  anonymous: boolean;
  disabled: boolean;
  customClaims: CustomClaims;
  createdAt: Date;
  lastSignInAt: Date | null;
}

/** The fields {@link UserStore.update} may change. */
export type UserPatch = Partial<
  Pick<
    AuthUser,
    | "email"
    | "emailVerified"
    | "passwordHash"
    | "anonymous"
    | "disabled"
    | "customClaims"
    | "lastSignInAt"
  >
>;

/**
 * Where user accounts live. Every method names the project: nothing crosses projects.
 * Emails are compared case-insensitively (in Postgres, a unique index on `lower(email)` per
 * project), matching `emailKey`.
 */
export interface UserStore {
  /** The user with this email (any case), or null. */
  findByEmail(projectId: string, email: string): Promise<AuthUser | null>;
  /** The user with this uid, or null. */
  get(projectId: string, uid: string): Promise<AuthUser | null>;
  /** Inserts the user; resolves false, writing nothing, when the email is already taken. */
  create(user: AuthUser): Promise<boolean>;
  /** Applies `patch`; resolves the updated user, or null when there is no such user. */
  update(projectId: string, uid: string, patch: UserPatch): Promise<AuthUser | null>;
  /** Up to `limit` users ordered by uid, starting after the uid `after` when given. */
  list(projectId: string, options: { limit: number; after?: string }): Promise<AuthUser[]>;
  /** Deletes the user; resolves false when there was none. */
  delete(projectId: string, uid: string): Promise<boolean>;
}

/**
 * The user as an access token describes it, signed in with `signInProvider`; `identities`
 * (`firebase.identities`) defaults to the email alone.
 */
export function toAccessTokenUser(
  user: AuthUser,
  signInProvider: string,
  identities?: Record<string, string[]>,
): AccessTokenUser {
  return {
    uid: user.uid,
    email: user.email,
    emailVerified: user.emailVerified,
    signInProvider,
    anonymous: user.anonymous,
    customClaims: user.customClaims,
    ...(identities ? { identities } : {}),
  };
}

/** What the admin API shows of a user: everything but the password hash. */
export type UserRecord = Omit<AuthUser, "passwordHash"> & { hasPassword: boolean };

/** Converts a stored user into its admin view. */
export function toUserRecord(user: AuthUser): UserRecord {
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null };
}

/**
 * A user as the admin export writes it and the import (`hashConfig.algorithm` `WINKY`) reads it
 * back: the record with the stored password hash and the linked identities. Operator only.
 */
export type UserExport = Omit<AuthUser, "projectId"> & {
  providers: { providerId: string; subject: string; email: string | null }[];
};

/** Converts a stored user and its identities into its export form. */
export function toUserExport(user: AuthUser, identities: readonly UserIdentity[]): UserExport {
  const { projectId: _project, ...rest } = user;
  const providers = identities.map(({ providerId, subject, email }) => ({
    providerId,
    subject,
    email,
  }));
  return { ...rest, providers };
}
