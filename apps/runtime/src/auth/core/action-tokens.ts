import { AuthError } from "./errors.js";
import {
  DAY,
  HOUR,
  addMs,
  hashOpaqueToken,
  isWellFormedOpaqueToken,
  newOpaqueToken,
  systemClock,
  type Clock,
} from "./primitives.js";

/**
 * What an email link does. `sign-up` confirms a pending sign-up (the account is created only
 * when the link is opened); `verify-email` verifies the address of an existing account;
 * `link-email` adds an email and password to an account without one (an anonymous upgrade);
 * `email-change` moves an account to the address the link was sent to.
 */
export type ActionPurpose =
  "sign-up" | "verify-email" | "password-reset" | "link-email" | "email-change";

/**
 * How long each kind of link works: an hour for a password reset and an email change (both
 * hand over the account), a day for the others.
 */
export const DEFAULT_ACTION_TOKEN_TTL_MS: Readonly<Record<ActionPurpose, number>> = Object.freeze({
  "sign-up": DAY,
  "verify-email": DAY,
  "password-reset": HOUR,
  "link-email": DAY,
  "email-change": HOUR,
});

/** One email-link token as stored: its hash, never the token. */
export interface ActionTokenRecord {
  /** SHA-256 (hex) of the token; the primary key. */
  tokenHash: string;
  projectId: string;
  purpose: ActionPurpose;
  /** The account it acts on; null for `sign-up`, whose account does not exist yet. */
  uid: string | null;
  /** The address the link was sent to (normalised). */
  email: string;
  /** For `sign-up` and `link-email`: the scrypt hash of the chosen password, until it is set. */
  passwordHash: string | null;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
}

/** Where email-link tokens live. `markConsumed` must be atomic (a conditional UPDATE). */
export interface ActionTokenStore {
  insert(record: ActionTokenRecord): Promise<void>;
  /** The record with this hash, or null. */
  findByHash(tokenHash: string): Promise<ActionTokenRecord | null>;
  /** Sets `consumedAt` if it is null; true when this call set it. */
  markConsumed(tokenHash: string, at: Date): Promise<boolean>;
}

/** What {@link ActionTokens.create} needs. */
export interface CreateActionTokenInput {
  projectId: string;
  purpose: ActionPurpose;
  email: string;
  uid?: string | null;
  passwordHash?: string | null;
}

/** Options of {@link ActionTokens}. */
export interface ActionTokensOptions {
  store: ActionTokenStore;
  clock?: Clock;
  ttlMs?: Partial<Record<ActionPurpose, number>>;
}

/**
 * Single-use tokens for email links. The token only ever leaves in the mail; it is never logged
 * and only its SHA-256 is stored.
 */
export class ActionTokens {
  private readonly store: ActionTokenStore;
  private readonly clock: Clock;
  private readonly ttlMs: Record<ActionPurpose, number>;

  constructor(options: ActionTokensOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.ttlMs = { ...DEFAULT_ACTION_TOKEN_TTL_MS, ...options.ttlMs };
  }

  /** How long tokens of `purpose` work, for the mail to say. */
  ttlMsOf(purpose: ActionPurpose): number {
    return this.ttlMs[purpose];
  }

  /** Creates a token; put it in a link and mail it. */
  async create(input: CreateActionTokenInput): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    const token = newOpaqueToken();
    const expiresAt = addMs(now, this.ttlMs[input.purpose]);
    await this.store.insert({
      tokenHash: hashOpaqueToken(token),
      projectId: input.projectId,
      purpose: input.purpose,
      uid: input.uid ?? null,
      email: input.email,
      passwordHash: input.passwordHash ?? null,
      createdAt: now,
      expiresAt,
      consumedAt: null,
    });
    return { token, expiresAt };
  }

  /**
   * Consumes a token of the given purpose for the project, exactly once.
   *
   * @throws AuthError `invalid-action-token`, with one message, when the token is unknown,
   *   for another purpose or project, expired, or already used.
   */
  async consume(
    projectId: string,
    purpose: ActionPurpose,
    token: string,
  ): Promise<ActionTokenRecord> {
    if (!isWellFormedOpaqueToken(token)) throw invalidAction();
    const record = await this.store.findByHash(hashOpaqueToken(token));
    const now = this.clock.now();
    const usable =
      record !== null &&
      record.projectId === projectId &&
      record.purpose === purpose &&
      record.consumedAt === null &&
      record.expiresAt > now;
    // The conditional update decides between two concurrent uses: only one gets the record.
    if (!usable || !(await this.store.markConsumed(record.tokenHash, now))) throw invalidAction();
    return { ...record, consumedAt: now };
  }
}

function invalidAction(): AuthError {
  return new AuthError("invalid-action-token");
}
