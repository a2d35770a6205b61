import { AuthError } from "./errors.js";
import type { VerifiedIdentity } from "./oidc/id-token.js";
import { signInProviderOf } from "./oidc/provider-config.js";
import { newId, systemClock, type Clock } from "./primitives.js";
import type { AuthUser, UserStore } from "./users.js";

/** A provider identity linked to a user: `(provider, subject)` is one account per project. */
export interface UserIdentity {
  projectId: string;
  /** The project's provider id (`google`, `okta`). */
  providerId: string;
  /** The provider's `sub`. */
  subject: string;
  uid: string;
  /** The email the provider gave at the last sign-in, verified or not; for display only. */
  email: string | null;
  emailVerified: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
}

/**
 * Where linked identities live. `(projectId, providerId, subject)` is unique, and so is
 * `(projectId, uid, providerId)`: a user has at most one identity per provider, as in Firebase.
 */
export interface IdentityStore {
  get(projectId: string, providerId: string, subject: string): Promise<UserIdentity | null>;
  /** The user's identities ordered by provider id; `[]` if none. */
  listForUser(projectId: string, uid: string): Promise<UserIdentity[]>;
  /**
   * Inserts the identity; resolves false, writing nothing, when the subject is already linked in
   * the project or the user already has an identity of this provider.
   */
  create(identity: UserIdentity): Promise<boolean>;
  /** Records a sign-in: what the provider now says of the email, and when. Ignores unknowns. */
  touch(
    projectId: string,
    providerId: string,
    subject: string,
    update: Pick<UserIdentity, "email" | "emailVerified" | "lastSignInAt">,
  ): Promise<void>;
  /** Removes every identity of a user being deleted. Idempotent. */
  deleteForUser(projectId: string, uid: string): Promise<void>;
}

/**
 * `firebase.identities` for a user's access token: `{ "google.com": [sub], email: [address] }`;
 * undefined when the user has no linked identity, so the default (from the email) applies.
 */
export function identitiesClaim(
  user: AuthUser,
  linked: readonly UserIdentity[],
): Record<string, string[]> | undefined {
  if (linked.length === 0) return undefined;
  const claim: Record<string, string[]> = {};
  if (user.email && !user.anonymous) claim.email = [user.email];
  for (const identity of linked) claim[signInProviderOf(identity.providerId)] = [identity.subject];
  return claim;
}

/** What {@link IdentityAccounts} needs. */
export interface IdentityAccountsDeps {
  users: UserStore;
  identities: IdentityStore;
  clock?: Clock;
}

/**
 * Finds, creates and links the accounts behind provider identities, with one account per email
 * as in Firebase. An identity already linked signs in its account. Otherwise:
 *
 * | provider's email      | account with that email | result                               |
 * | --------------------- | ----------------------- | ------------------------------------ |
 * | none, or not verified | (not looked up)         | a new account without email          |
 * | verified              | none                    | a new account with it, verified      |
 * | verified              | email verified          | the identity is linked to it         |
 * | verified              | email not verified      | refused: `account-exists-unverified` |
 *
 * An unverified address is never looked up nor put on an account: whoever controls a provider
 * account could type anyone's address, and the answer must not tell whether it has an account.
 */
export class IdentityAccounts {
  private readonly deps: IdentityAccountsDeps;
  private readonly clock: Clock;

  constructor(deps: IdentityAccountsDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * The account to sign in for a verified identity, created or linked as the table says.
   *
   * @throws AuthError `account-exists-unverified`, `provider-already-linked` (the account with
   *   this email has another identity of the same provider).
   */
  async signIn(
    projectId: string,
    providerId: string,
    identity: VerifiedIdentity,
  ): Promise<AuthUser> {
    const { users, identities } = this.deps;
    // Two rounds: a concurrent first sign-in of the same identity (or email) wins the race, and
    // the second round then finds what it made.
    for (let round = 0; round < 2; round++) {
      const linked = await identities.get(projectId, providerId, identity.subject);
      if (linked) {
        const user = await users.get(projectId, linked.uid);
        if (!user) throw new Error(`identity ${providerId} of project ${projectId} has no user`);
        await this.touch(projectId, providerId, identity);
        return user;
      }
      const email = identity.emailVerified ? identity.email : null;
      const owner = email ? await users.findByEmail(projectId, email) : null;
      if (owner) {
        if (!owner.emailVerified) throw new AuthError("account-exists-unverified");
        if (await identities.create(this.record(projectId, providerId, owner.uid, identity))) {
          return owner;
        }
        if (await identities.get(projectId, providerId, identity.subject)) continue;
        throw new AuthError(
          "provider-already-linked",
          `the account with this email already has another '${providerId}' identity`,
        );
      }
      const user: AuthUser = {
        projectId,
        uid: newId(),
        email,
        emailVerified: email !== null,
        passwordHash: null,
        anonymous: false,
        disabled: false,
        customClaims: {},
        createdAt: this.clock.now(),
        lastSignInAt: null,
      };
      if (!(await users.create(user))) continue; // the email got an account meanwhile
      if (await identities.create(this.record(projectId, providerId, user.uid, identity))) {
        return user;
      }
      await users.delete(projectId, user.uid); // another sign-in of this identity won
    }
    throw new Error(`could not resolve the ${providerId} identity's account in ${projectId}`);
  }

  /**
   * Links a verified identity to a signed-in user: an anonymous user stops being anonymous, and
   * a user without email gets the provider's verified email unless another account has it.
   * Linking an identity the user already has is a no-op.
   *
   * @throws AuthError `identity-already-linked` (another account has it; the message names the
   *   provider, never an email), `provider-already-linked` (the user has another identity of
   *   this provider), `invalid-token` when the user no longer exists.
   */
  async link(
    projectId: string,
    uid: string,
    providerId: string,
    identity: VerifiedIdentity,
  ): Promise<AuthUser> {
    const { users, identities } = this.deps;
    const user = await users.get(projectId, uid);
    if (!user) throw new AuthError("invalid-token");
    const linked = await identities.get(projectId, providerId, identity.subject);
    if (linked?.uid === uid) {
      await this.touch(projectId, providerId, identity);
      return user;
    }
    const alreadyLinked = () =>
      new AuthError(
        "identity-already-linked",
        `this '${providerId}' identity is already linked to another account`,
      );
    if (linked) throw alreadyLinked();
    const mine = await identities.listForUser(projectId, uid);
    if (mine.some((i) => i.providerId === providerId)) {
      throw new AuthError(
        "provider-already-linked",
        `this account already has a '${providerId}' identity`,
      );
    }
    if (!(await identities.create(this.record(projectId, providerId, uid, identity)))) {
      throw alreadyLinked();
    }
    const email = identity.emailVerified ? identity.email : null;
    const takeEmail =
      user.email === null && email !== null && !(await users.findByEmail(projectId, email));
    const updated = await users.update(projectId, uid, {
      anonymous: false,
      ...(takeEmail ? { email, emailVerified: true } : {}),
    });
    return updated ?? user;
  }

  private record(
    projectId: string,
    providerId: string,
    uid: string,
    identity: VerifiedIdentity,
  ): UserIdentity {
    const now = this.clock.now();
    return {
      projectId,
      providerId,
      subject: identity.subject,
      uid,
      email: identity.email,
      emailVerified: identity.emailVerified,
      createdAt: now,
      lastSignInAt: now,
    };
  }

  private touch(projectId: string, providerId: string, identity: VerifiedIdentity) {
    return this.deps.identities.touch(projectId, providerId, identity.subject, {
      email: identity.email,
      emailVerified: identity.emailVerified,
      lastSignInAt: this.clock.now(),
    });
  }
}
