import type pg from "pg";
import type { AuthStores, Clock } from "../core/index.js";
import { PostgresActionTokenStore } from "./action-token-store.js";
import { PostgresAuthProviderStore } from "./auth-provider-store.js";
import { PostgresIdentityStore } from "./identity-store.js";
import { PostgresOidcFlowStore } from "./oidc-flow-store.js";
import { PostgresOutbox } from "./outbox.js";
import { PostgresRateLimiter } from "./rate-limiter.js";
import { PostgresRefreshTokenStore } from "./refresh-token-store.js";
import { PostgresSigningKeyStore } from "./signing-key-store.js";
import { PostgresUserStore } from "./user-store.js";

/** Options of {@link createPostgresAuthStores}. */
export interface PostgresAuthStoresOptions {
  /**
   * 32 bytes that encrypt private signing keys, OIDC client secrets and PKCE verifiers at rest. From `WINKY_MASTER_KEY` through
   * `decodeEncryptionKey` for now; from the secret store once it exists (issue 5).
   */
  encryptionKey: Buffer;
  /** The rate limiter's clock; pass the auth core's, so tests can move both. Default: wall clock. */
  clock?: Clock;
}

/** Every Postgres store, typed concretely so jobs can reach the purge and sender methods. */
export interface PostgresAuthStores extends AuthStores {
  users: PostgresUserStore;
  signingKeys: PostgresSigningKeyStore;
  refreshTokens: PostgresRefreshTokenStore;
  actionTokens: PostgresActionTokenStore;
  outbox: PostgresOutbox;
  rateLimiter: PostgresRateLimiter;
  authProviders: PostgresAuthProviderStore;
  identities: PostgresIdentityStore;
  oidcFlows: PostgresOidcFlowStore;
}

/**
 * The auth core's stores over the runtime's tables (migrated by `migrateRuntime`), sharing one
 * pool. The pool stays the caller's: nothing here ends it. Every row references
 * `runtime.projects`, so writes for a project that does not exist fail, and deleting a project
 * deletes its users (with their identities), keys, tokens, providers, sign-in flows and queued
 * mails (rate-limit rows expire on their own).
 *
 * @throws Error when the encryption key is not 32 bytes.
 */
export function createPostgresAuthStores(
  pool: pg.Pool,
  options: PostgresAuthStoresOptions,
): PostgresAuthStores {
  return {
    users: new PostgresUserStore(pool),
    signingKeys: new PostgresSigningKeyStore(pool, { encryptionKey: options.encryptionKey }),
    refreshTokens: new PostgresRefreshTokenStore(pool),
    actionTokens: new PostgresActionTokenStore(pool),
    outbox: new PostgresOutbox(pool),
    rateLimiter: new PostgresRateLimiter(pool, options.clock),
    authProviders: new PostgresAuthProviderStore(pool, { encryptionKey: options.encryptionKey }),
    identities: new PostgresIdentityStore(pool),
    oidcFlows: new PostgresOidcFlowStore(pool, { encryptionKey: options.encryptionKey }),
  };
}
