/**
 * @winky/prompt-guard: the one guard every message to a model passes. It removes the values
 * held in the secret store (and their encoded forms), private keys, URL passwords, vendors'
 * keys, JWTs, secret-named assignments and random-looking tokens, and says what it removed —
 * never the value — for the run log.
 */
export { createPromptGuard, type PromptGuard, type PromptGuardOptions } from "./guard.js";
export { guardedFetch } from "./fetch.js";
export { fixedSecretValues, secretStoreValues, type ListableSecretStore } from "./secret-values.js";
export { MIN_SECRET_LENGTH } from "./store-matcher.js";
export {
  REMOVAL_KINDS,
  type ChatMessage,
  type Cleaned,
  type ContentPart,
  type NamedSecret,
  type Removal,
  type RemovalKind,
  type SecretValues,
  type ToolCall,
} from "./types.js";
