import { AccountLinking } from "./account-linking.js";
import { AccountRecovery } from "./account-recovery.js";
import { ActionTokens, type ActionPurpose, type ActionTokenStore } from "./action-tokens.js";
import { EmailPasswordAuth } from "./email-password.js";
import { IdentityAccounts, type IdentityStore } from "./identities.js";
import type { MailSettings, Outbox } from "./mail.js";
import { OidcDiscovery, type FetchLike } from "./oidc/discovery.js";
import type { OidcFlowStore } from "./oidc/flows.js";
import { OidcSignIn } from "./oidc/oidc-sign-in.js";
import type { AuthProviderStore } from "./oidc/provider-config.js";
import { OidcProviders } from "./oidc/providers.js";
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
  /** OpenID Connect providers' settings (client secrets encrypted at rest in Postgres). */
  authProviders: AuthProviderStore;
  /** Provider identities linked to users. */
  identities: IdentityStore;
  /** Redirect sign-ins in progress. */
  oidcFlows: OidcFlowStore;
}

/** OpenID Connect options of {@link createAuthCore}. */
export interface OidcOptions {
  /** How the runtime reaches providers; `globalThis.fetch` by default. */
  fetch?: FetchLike;
  /** Accept `http://` issuers on loopback hosts (tests, local emulators). Default false. */
  allowLoopbackHttpIssuer?: boolean;
  /**
   * The clock providers' ID tokens are checked against; the wall clock by default, whatever
   * `clock` is, since providers stamp tokens with the real time.
   */
  idpClock?: Clock;
  /** How long a started redirect sign-in may take. Default 10 minutes. */
  flowTtlMs?: number;
  /** How long the app has to exchange the one-time code. Default 2 minutes. */
  codeTtlMs?: number;
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
  oidc?: OidcOptions;
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
  /** Linking an email and password to an account, and changing its email. */
  linking: AccountLinking;
  /** Accounts behind provider identities. */
  accounts: IdentityAccounts;
  /** A project's OpenID Connect providers (admin). */
  providers: OidcProviders;
  /** OpenID Connect sign-in: redirect flow and ID tokens. */
  oidc: OidcSignIn;
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
  const { users, outbox, identities } = stores;
  const sessions = new Sessions({ users, accessTokens, refreshTokens, guard, identities, clock });
  const common = {
    users,
    hasher,
    guard,
    actionTokens,
    outbox,
    mail,
    ...(policy ? { policy } : {}),
  };
  const oidc = options.oidc ?? {};
  const discovery = new OidcDiscovery({
    clock,
    ...(oidc.fetch ? { fetch: oidc.fetch } : {}),
    allowLoopbackHttp: oidc.allowLoopbackHttpIssuer === true,
  });
  const providers = new OidcProviders({
    store: stores.authProviders,
    discovery,
    clock,
    allowLoopbackHttpIssuer: oidc.allowLoopbackHttpIssuer === true,
  });
  const accounts = new IdentityAccounts({ users, identities, clock });
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
    admin: new UserAdmin({ users, refreshTokens, identities }),
    linking: new AccountLinking({ ...common, refreshTokens, sessions, clock }),
    accounts,
    providers,
    oidc: new OidcSignIn({
      providers,
      flows: stores.oidcFlows,
      discovery,
      accounts,
      sessions,
      guard,
      clock,
      ...(oidc.idpClock ? { idpClock: oidc.idpClock } : {}),
      ...(oidc.flowTtlMs ? { flowTtlMs: oidc.flowTtlMs } : {}),
      ...(oidc.codeTtlMs ? { codeTtlMs: oidc.codeTtlMs } : {}),
    }),
  };
}
