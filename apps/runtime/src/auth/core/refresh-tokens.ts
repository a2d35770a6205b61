import { AuthError } from "./errors.js";
import {
  DAY,
  addMs,
  hashOpaqueToken,
  isWellFormedOpaqueToken,
  newId,
  newOpaqueToken,
  systemClock,
  type Clock,
} from "./primitives.js";

/** One refresh token as stored: only its hash, never the token. */
export interface RefreshTokenRecord {
  /** SHA-256 (hex) of the token; the primary key. */
  tokenHash: string;
  /** Every token descended from one sign-in shares it; reuse revokes the whole family. */
  familyId: string;
  /** The token this one replaced; null for the first of a family. */
  parentHash: string | null;
  projectId: string;
  uid: string;
  /** Copied along the family so refreshed access tokens keep the sign-in's provider… */
  signInProvider: string;
  /** …and its `auth_time`. */
  authTime: Date;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Where refresh tokens live. `markUsed` must be atomic (a conditional UPDATE in Postgres): it is
 * what makes two concurrent rotations of one token count as reuse instead of forking the family.
 */
export interface RefreshTokenStore {
  insert(record: RefreshTokenRecord): Promise<void>;
  /** The record with this hash, or null. */
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Sets `usedAt` if `usedAt` and `revokedAt` are both null; true when this call set it. */
  markUsed(tokenHash: string, at: Date): Promise<boolean>;
  /** Sets `revokedAt` on every token of the family not yet revoked. Idempotent. */
  revokeFamily(familyId: string, at: Date): Promise<void>;
  /** Sets `revokedAt` on every token of the user in the project not yet revoked. Idempotent. */
  revokeAllForUser(projectId: string, uid: string, at: Date): Promise<void>;
}

/** Who a refresh token signs in, as the session code needs it. */
export interface RefreshSession {
  projectId: string;
  uid: string;
  familyId: string;
  signInProvider: string;
  authTime: Date;
}

/** A new refresh token: the secret goes to the client and is not kept anywhere. */
export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  session: RefreshSession;
}

/** What {@link RefreshTokens.issue} needs; `authTime` defaults to now. */
export interface IssueRefreshTokenInput {
  projectId: string;
  uid: string;
  signInProvider: string;
  authTime?: Date;
}

/** Options of {@link RefreshTokens}. */
export interface RefreshTokensOptions {
  store: RefreshTokenStore;
  clock?: Clock;
  /** Lifetime of each token; each rotation starts a new one. Default 30 days. */
  ttlMs?: number;
}

/**
 * Opaque refresh tokens that rotate on every use, with reuse detection.
 *
 * Strict by design: there is no grace window in which the previous token may be rotated again.
 * A client that refreshes twice in parallel (two tabs racing) has its family revoked and must
 * sign in again; SDKs serialise refreshes to avoid it. A grace window would let a thief who
 * replays a token within seconds of the owner go undetected, and would need the store to
 * return the same successor twice, which means keeping successor tokens recoverable.
 */
export class RefreshTokens {
  private readonly store: RefreshTokenStore;
  private readonly clock: Clock;
  private readonly ttlMs: number;

  constructor(options: RefreshTokensOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.ttlMs = options.ttlMs ?? 30 * DAY;
  }

  /** Starts a new family, on sign-in. */
  async issue(input: IssueRefreshTokenInput): Promise<IssuedRefreshToken> {
    const now = this.clock.now();
    const session = { ...input, familyId: newId(), authTime: input.authTime ?? now };
    return this.insert(session, null, now);
  }

  /**
   * Exchanges a valid, unused token for the next one of its family.
   *
   * @throws AuthError `refresh-token-reused` when the token was already used: the whole family
   *   is revoked first. `invalid-refresh-token`, with one message, when the token is unknown,
   *   revoked, expired or from another project, so tokens cannot be probed.
   */
  async rotate(projectId: string, token: string): Promise<IssuedRefreshToken> {
    const record = await this.find(projectId, token);
    const now = this.clock.now();
    if (!record || record.revokedAt || record.expiresAt <= now) throw invalidRefresh();
    if (record.usedAt || !(await this.store.markUsed(record.tokenHash, now))) {
      await this.store.revokeFamily(record.familyId, now);
      throw new AuthError("refresh-token-reused");
    }
    const { familyId, uid, signInProvider, authTime } = record;
    const session = { projectId, uid, familyId, signInProvider, authTime };
    const next = await this.insert(session, record.tokenHash, now);
    // A concurrent reuse may have revoked the family between our markUsed and our insert; the
    // successor was then written after the revocation and escaped it. Looking again after the
    // insert closes the gap, since any revocation later than this read covers the successor.
    if ((await this.store.findByHash(record.tokenHash))?.revokedAt) {
      await this.store.revokeFamily(familyId, now);
      throw new AuthError("refresh-token-reused");
    }
    return next;
  }

  /** Signs one device out: revokes the family of `token`. Silent for unknown tokens. */
  async revoke(projectId: string, token: string): Promise<void> {
    const record = await this.find(projectId, token);
    if (record) await this.store.revokeFamily(record.familyId, this.clock.now());
  }

  /** Revokes one family, e.g. from an admin's session list. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.store.revokeFamily(familyId, this.clock.now());
  }

  /** Signs a user out everywhere: on request, and when the user is disabled or deleted. */
  async revokeAllForUser(projectId: string, uid: string): Promise<void> {
    await this.store.revokeAllForUser(projectId, uid, this.clock.now());
  }

  private async find(projectId: string, token: string): Promise<RefreshTokenRecord | null> {
    if (!isWellFormedOpaqueToken(token)) return null;
    const record = await this.store.findByHash(hashOpaqueToken(token));
    return record && record.projectId === projectId ? record : null;
  }

  private async insert(
    session: RefreshSession,
    parentHash: string | null,
    now: Date,
  ): Promise<IssuedRefreshToken> {
    const token = newOpaqueToken();
    const expiresAt = addMs(now, this.ttlMs);
    await this.store.insert({
      ...session,
      tokenHash: hashOpaqueToken(token),
      parentHash,
      createdAt: now,
      expiresAt,
      usedAt: null,
      revokedAt: null,
    });
    return { token, expiresAt, session };
  }
}

function invalidRefresh(): AuthError {
  return new AuthError("invalid-refresh-token");
}
