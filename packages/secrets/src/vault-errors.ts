import { SecretStoreError } from "./errors.js";

/** The HTTP status of a node-vault `ApiResponseError`, or undefined for other failures. */
export function vaultStatus(e: unknown): number | undefined {
  const status = (e as { response?: { statusCode?: unknown } } | null)?.response?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/**
 * Turns what node-vault threw into a {@link SecretStoreError} naming the endpoint and the
 * operation. Deliberately keeps nothing of the original: node-vault's message is Vault's own
 * text, and the axios error behind a network failure holds the request's headers (the token)
 * and body (the value).
 */
export function toVaultStoreError(e: unknown, endpoint: string, what: string): SecretStoreError {
  const status = vaultStatus(e);
  if (status === 403) {
    return new SecretStoreError(
      "unavailable",
      `Vault at ${endpoint} refused to ${what}: permission denied (check the token and its policy)`,
    );
  }
  if (status === 503) {
    return new SecretStoreError(
      "unavailable",
      `Vault at ${endpoint} could not ${what}: it answered 503 (sealed, or in standby)`,
    );
  }
  if (status !== undefined) {
    return new SecretStoreError(
      "unavailable",
      `Vault at ${endpoint} could not ${what}: it answered ${status}`,
    );
  }
  const code = (e as { code?: unknown } | null)?.code;
  const reason = typeof code === "string" && /^[A-Z_]+$/.test(code) ? ` (${code})` : "";
  return new SecretStoreError(
    "unavailable",
    `cannot reach Vault at ${endpoint} to ${what}${reason}`,
  );
}

/** The error for an answer whose shape is not KV v2's; never shows the answer. */
export function unexpectedAnswer(endpoint: string, what: string, detail: string): SecretStoreError {
  return new SecretStoreError(
    "corrupt",
    `Vault at ${endpoint} gave an unexpected answer to ${what}: ${detail} (is the mount a KV ` +
      "version 2 secrets engine?)",
  );
}
