// The auth core's stores over PostgreSQL (the `runtime` schema's auth tables). See README.md.
export { PostgresActionTokenStore } from "./action-token-store.js";
export { ClientSecretDecryptionError, PostgresAuthProviderStore } from "./auth-provider-store.js";
export { PostgresIdentityStore } from "./identity-store.js";
export { PostgresOidcFlowStore } from "./oidc-flow-store.js";
export {
  createPostgresAuthStores,
  type PostgresAuthStores,
  type PostgresAuthStoresOptions,
} from "./auth-stores.js";
export {
  ENCRYPTION_KEY_BYTES,
  SigningKeyDecryptionError,
  decodeEncryptionKey,
  isSigningKeyDecryptionError,
} from "./key-encryption.js";
export { PostgresOutbox, type OutboxEntry } from "./outbox.js";
export { PostgresRateLimiter } from "./rate-limiter.js";
export { PostgresRefreshTokenStore } from "./refresh-token-store.js";
export {
  PostgresSigningKeyStore,
  type PostgresSigningKeyStoreOptions,
} from "./signing-key-store.js";
export { PostgresUserStore } from "./user-store.js";
