import { AuthError } from "./errors.js";
import { identitiesClaim, type IdentityStore } from "./identities.js";
import { newId, systemClock, type Clock } from "./primitives.js";
import type { SignInGuard } from "./rate-limit.js";
import type { RefreshTokens } from "./refresh-tokens.js";
import type { AccessTokens } from "./tokens.js";
import { toAccessTokenUser, type AuthUser, type UserStore } from "./users.js";

/** What a sign-in or refresh answers, in the shape of Firebase's token responses. */
export interface Session {
  uid: string;
  /** The access JWT (Firebase calls it the ID token). */
  idToken: string;
  /** Seconds until `idToken` expires. */
  expiresIn: number;
  /** Opaque; exchange it with {@link Sessions.refresh} before or after `idToken` expires. */
  refreshToken: string;
}

/** What {@link Sessions} needs. */
export interface SessionsDeps {
  users: UserStore;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
  guard: SignInGuard;
  /** Linked provider identities, for the tokens' `firebase.identities`. */
  identities?: IdentityStore;
  clock?: Clock;
}

/**
 * Sessions: a refresh-token family plus short-lived access tokens, from sign-in to sign-out.
 * The provider-specific flows (email/password, Google) authenticate, then call `start`.
 */
export class Sessions {
  private readonly deps: SessionsDeps;
  private readonly clock: Clock;

  constructor(deps: SessionsDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * Starts a session for an authenticated user and records the sign-in time.
   *
   * @throws AuthError `user-disabled` for a disabled account.
   */
  async start(user: AuthUser, signInProvider: string): Promise<Session> {
    if (user.disabled) throw new AuthError("user-disabled");
    const now = this.clock.now();
    const { projectId, uid } = user;
    await this.deps.users.update(projectId, uid, { lastSignInAt: now });
    const refresh = await this.deps.refreshTokens.issue({
      projectId,
      uid,
      signInProvider,
      authTime: now,
    });
    const access = await this.deps.accessTokens.issueAccessToken({
      projectId,
      user: await this.tokenUser(user, signInProvider),
      authTime: now,
    });
    return { uid, idToken: access.token, expiresIn: access.expiresIn, refreshToken: refresh.token };
  }

  /**
   * Creates an anonymous account and signs it in. Limited like sign-up, per IP.
   *
   * @throws AuthError `too-many-attempts`.
   */
  async signInAnonymously(projectId: string, ip: string): Promise<Session> {
    await this.deps.guard.beforeSignUp(projectId, ip);
    const user: AuthUser = {
      projectId,
      uid: newId(),
      email: null,
      emailVerified: false,
      passwordHash: null,
      anonymous: true,
      disabled: false,
      customClaims: {},
      createdAt: this.clock.now(),
      lastSignInAt: null,
    };
    if (!(await this.deps.users.create(user)))
      throw new Error("could not create an anonymous user");
    return this.start(user, "anonymous");
  }

  /**
   * Rotates the refresh token and issues a fresh access token with the user's current claims,
   * keeping the original `auth_time` and provider.
   *
   * @throws AuthError `invalid-refresh-token`, `refresh-token-reused` (the family is revoked),
   *   `user-disabled` (the family is revoked too).
   */
  async refresh(projectId: string, refreshToken: string): Promise<Session> {
    const next = await this.deps.refreshTokens.rotate(projectId, refreshToken);
    const { uid, familyId, signInProvider, authTime } = next.session;
    const user = await this.deps.users.get(projectId, uid);
    if (!user || user.disabled) {
      // Disabling and deleting revoke every family already; this covers a change made elsewhere.
      await this.deps.refreshTokens.revokeFamily(familyId);
      throw new AuthError(user ? "user-disabled" : "invalid-refresh-token");
    }
    const access = await this.deps.accessTokens.issueAccessToken({
      projectId,
      user: await this.tokenUser(user, signInProvider),
      authTime,
    });
    return { uid, idToken: access.token, expiresIn: access.expiresIn, refreshToken: next.token };
  }

  private async tokenUser(user: AuthUser, signInProvider: string) {
    const linked = this.deps.identities
      ? await this.deps.identities.listForUser(user.projectId, user.uid)
      : [];
    return toAccessTokenUser(user, signInProvider, identitiesClaim(user, linked));
  }

  /** Signs this device out: revokes the refresh token's family. Silent for unknown tokens. */
  async signOut(projectId: string, refreshToken: string): Promise<void> {
    await this.deps.refreshTokens.revoke(projectId, refreshToken);
  }

  /**
   * Signs the user out everywhere. Access tokens already issued stay valid until they expire
   * (at most the access-token TTL), as with Firebase: they are verified without a lookup.
   */
  async signOutEverywhere(projectId: string, uid: string): Promise<void> {
    await this.deps.refreshTokens.revokeAllForUser(projectId, uid);
  }
}
