// @winky/secrets: versioned, project-scoped secrets behind one interface, a local encrypted
// file and HashiCorp Vault KV v2. Test helpers (the conformance suite and a local server that
// speaks Vault's KV v2 API) are in "@winky/secrets/testing".
export type {
  GetSecretOptions,
  SecretInfo,
  SecretRecord,
  SecretStore,
  SecretVersionInfo,
} from "./secret-store.js";
export { Secret, isSecret } from "./secret.js";
export { SecretStoreError, isSecretStoreError, type SecretStoreErrorCode } from "./errors.js";
export { MAX_SECRET_VALUE_BYTES, PROJECT_ID_PATTERN, SECRET_NAME_PATTERN } from "./validation.js";
export {
  EncryptedFileSecretStore,
  type EncryptedFileSecretStoreOptions,
} from "./encrypted-file-secret-store.js";
export {
  MASTER_KEY_BYTES,
  decodeMasterKey,
  resolveMasterKey,
  type MasterKeySource,
  type ResolveMasterKeyOptions,
  type ResolvedMasterKey,
} from "./master-key.js";
export { VaultSecretStore, type VaultSecretStoreOptions } from "./vault-secret-store.js";
export { secretsAsEnv } from "./secrets-as-env.js";
