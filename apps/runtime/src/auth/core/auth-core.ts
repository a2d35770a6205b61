import { AccountRecovery } from "./account-recovery.js";
import { ActionTokens, type ActionPurpose, type ActionTokenStore } from "./action-tokens.js";
import { EmailPasswordAuth } from "./email-password.js";
import type { MailSettings, Outbox } from "./mail.js";
import { createPasswordHasher, type PasswordHasher, type PasswordPolicy } from "./passwords.js";
import { systemClock, type Clock } from "./primitives.js";
import { SignInGuard, type AuthLimits, type RateLimiter } from "./rate-limit.js";
import { RefreshTokens, type RefreshTokenStore } from "./refresh-tokens.js";
import { Sessions } from "./sessions.js";
import { SigningKeys, type SigningKeyStore } from "./signing-keys.js";
import { AccessTokens } from "./tokens.js";
import { UserAdmin } from "./user-admin.js";
import type { UserStore } from "./users.js";

/** The storage the auth core runs on: one implementation per backend (memory, Postgres). */
export interface AuthStores {
  users: UserStore;
  signingKeys: SigningKeyStore;
  refreshTokens: RefreshTokenStore;
  actionTokens: ActionTokenStore;
  outbox: Outbox;
  rateLimiter: RateLimiter;
}

/** Everything {@link createAuthCore} accepts; only `stores` and `mail` are required. */
export interface AuthCoreOptions {
  stores: AuthStores;
  mail: MailSettings;
  clock?: Clock;
  /** Defaults to scrypt with {@link DEFAULT_SCRYPT_PARAMS}. */
  hasher?: PasswordHasher;
  policy?: PasswordPolicy;
  /** Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Default 5. */
  clockSkewSeconds?: number;
  /** Default 30 days. */
  refreshTokenTtlMs?: number;
  actionTokenTtlMs?: Partial<Record<ActionPurpose, number>>;
  limits?: Partial<AuthLimits>;
  /** The `iss` of a project's tokens; default `winky:<projectId>`. */
  issuer?: (projectId: string) => string;
}

/** The wired auth core: the services the HTTP layer calls. */
export interface AuthCore {
  hasher: PasswordHasher;
  keys: SigningKeys;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
  actionTokens: ActionTokens;
  guard: SignInGuard;
  sessions: Sessions;
  emailPassword: EmailPasswordAuth;
  recovery: AccountRecovery;
  admin: UserAdmin;
}

/**
 * Wires the auth services over a set of stores, sharing one clock and one access-token TTL
 * (which the signing keys need too, to know when a retiring key may go).
 */
export function createAuthCore(options: AuthCoreOptions): AuthCore {
  const { stores, mail, policy } = options;
  const clock = options.clock ?? systemClock;
  const hasher = options.hasher ?? createPasswordHasher();
  const keys = new SigningKeys({
    store: stores.signingKeys,
    clock,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    clockSkewSeconds: options.clockSkewSeconds,
  });
  const accessTokens = new AccessTokens({ keys, clock, issuer: options.issuer });
  const refreshTokens = new RefreshTokens({
    store: stores.refreshTokens,
    clock,
    ttlMs: options.refreshTokenTtlMs,
  });
  const actionTokens = new ActionTokens({
    store: stores.actionTokens,
    clock,
    ttlMs: options.actionTokenTtlMs,
  });
  const guard = new SignInGuard(stores.rateLimiter, options.limits);
  const { users, outbox } = stores;
  const sessions = new Sessions({ users, accessTokens, refreshTokens, guard, clock });
  const common = {
    users,
    hasher,
    guard,
    actionTokens,
    outbox,
    mail,
    ...(policy ? { policy } : {}),
  };
  return {
    hasher,
    keys,
    accessTokens,
    refreshTokens,
    actionTokens,
    guard,
    sessions,
    emailPassword: new EmailPasswordAuth({ ...common, sessions, clock }),
    recovery: new AccountRecovery({ ...common, refreshTokens }),
    admin: new UserAdmin({ users, refreshTokens }),
  };
}
