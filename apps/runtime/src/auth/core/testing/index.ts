// The auth core's test kit: memory stores, a manual clock, a cheap hasher, and the conformance
// suites the Postgres stores must pass too. Imported by tests only, never by runtime code.
export {
  MemoryActionTokenStore,
  MemoryOutbox,
  MemoryRefreshTokenStore,
  MemorySigningKeyStore,
} from "./memory-stores.js";
export { MemoryUserStore } from "./memory-user-store.js";
export {
  MemoryAuthProviderStore,
  MemoryIdentityStore,
  MemoryOidcFlowStore,
} from "./memory-oidc-stores.js";
export {
  describeAuthProviderStore,
  describeIdentityStore,
  describeOidcFlowStore,
} from "./oidc-store-conformance.js";
export {
  ManualClock,
  TEST_MAIL_SETTINGS,
  createMemoryAuthStores,
  createTestAuthCore,
  createTestPasswordHasher,
  type MemoryAuthStores,
} from "./memory-auth.js";
export {
  describeRateLimiter,
  describeSigningKeyStore,
  describeUserStore,
} from "./store-conformance.js";
export { describeActionTokenStore, describeRefreshTokenStore } from "./token-store-conformance.js";
