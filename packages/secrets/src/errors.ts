/**
 * What went wrong, stable across implementations:
 *
 * - `not-found`: no such secret, or no such (retained) version.
 * - `invalid-name`: a secret name or project id that does not match the allowed pattern.
 * - `invalid-argument`: a value that is not a well-formed string (a lone surrogate, a NUL), or a
 *   version that is not a positive integer.
 * - `too-large`: a value over {@link MAX_SECRET_VALUE_BYTES} bytes of UTF-8.
 * - `unavailable`: the backend cannot be reached or refused us (a file that cannot be read or
 *   written, a lock that is held too long, Vault down, sealed, or refusing the token).
 * - `corrupt`: stored data cannot be read back (a wrong master key, an altered file, an entry
 *   without the expected shape).
 */
export type SecretStoreErrorCode =
  "not-found" | "invalid-name" | "invalid-argument" | "too-large" | "unavailable" | "corrupt";

/**
 * The one error every {@link SecretStore} throws. Its message names the project, the secret,
 * the file or the endpoint, and never a secret value, a master key or a token; it carries no
 * `cause` from a client library, whose errors can hold request bodies and headers.
 * Guard with {@link isSecretStoreError}.
 */
export class SecretStoreError extends Error {
  override readonly name = "SecretStoreError";

  constructor(
    readonly code: SecretStoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for a {@link SecretStoreError}, across bundles (checks the name, not `instanceof`). */
export function isSecretStoreError(e: unknown): e is SecretStoreError {
  return (
    e instanceof Error &&
    e.name === "SecretStoreError" &&
    typeof (e as { code?: unknown }).code === "string"
  );
}
