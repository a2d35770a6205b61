// For the tests of SecretStore implementations and of code that talks to Vault.
export {
  describeSecretStore,
  expectNoLeak,
  type SecretStoreFixture,
} from "./secret-store-conformance.js";
export {
  startVaultKv2Server,
  type VaultKv2Server,
  type VaultKv2ServerOptions,
} from "./vault-kv2-server.js";
