import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** AES-256 needs exactly this many key bytes. */
export const ENCRYPTION_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = "v1";

/**
 * Thrown when a stored private signing key cannot be decrypted: the encryption key is not the
 * one it was written with, or the row was altered. Names the project and kid, never the key.
 * Guard with {@link isSigningKeyDecryptionError}.
 */
export class SigningKeyDecryptionError extends Error {
  override readonly name = "SigningKeyDecryptionError";

  constructor(
    readonly projectId: string,
    readonly kid: string,
    options?: ErrorOptions,
  ) {
    super(
      `cannot decrypt the private signing key ${kid} of project ${projectId}: the encryption ` +
        "key (WINKY_MASTER_KEY) is not the one it was stored with, or the row was altered",
      options,
    );
  }
}

/** True for a {@link SigningKeyDecryptionError}, across bundles (checks the name). */
export function isSigningKeyDecryptionError(e: unknown): e is SigningKeyDecryptionError {
  return e instanceof Error && e.name === "SigningKeyDecryptionError";
}

/**
 * Reads an encryption key written as base64 or base64url (`openssl rand -base64 32`), the form
 * `WINKY_MASTER_KEY` takes. For the config schema to call at boot.
 *
 * @throws Error when the text does not decode to exactly 32 bytes (the message never echoes it).
 */
export function decodeEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, "base64") : null;
  if (!key || key.length !== ENCRYPTION_KEY_BYTES) {
    throw new Error(`must be ${ENCRYPTION_KEY_BYTES} random bytes in base64 or base64url`);
  }
  return key;
}

/**
 * AES-256-GCM for one kind of secret column: `v1:<iv>:<ciphertext+tag>`, base64url, with a
 * random 12-byte IV per value. The caller's `context` (project and kid) is authenticated as
 * additional data, so a ciphertext copied into another row does not decrypt there.
 */
export class ColumnCipher {
  private readonly key: Buffer;

  /** @throws Error when `key` is not 32 bytes. */
  constructor(key: Buffer) {
    if (key.length !== ENCRYPTION_KEY_BYTES) {
      throw new Error(`the encryption key must be ${ENCRYPTION_KEY_BYTES} bytes`);
    }
    // Copied so a caller zeroing or reusing its buffer cannot change ours.
    this.key = Buffer.from(key);
  }

  /** Encrypts `plaintext`, bound to `context`. */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([
      cipher.update(plaintext, "utf8"),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${VERSION}:${iv.toString("base64url")}:${body.toString("base64url")}`;
  }

  /**
   * Decrypts a value from {@link ColumnCipher.encrypt} made with the same `context`.
   *
   * @throws Error (plain, for the caller to wrap with what the value was) when the format is
   *   unknown or authentication fails.
   */
  decrypt(stored: string, context: string): string {
    const [version, ivText, bodyText, ...rest] = stored.split(":");
    if (version !== VERSION || ivText === undefined || bodyText === undefined || rest.length) {
      throw new Error(`unknown encrypted value format (expected ${VERSION}:<iv>:<data>)`);
    }
    const iv = Buffer.from(ivText, "base64url");
    const body = Buffer.from(bodyText, "base64url");
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error("truncated value");
    const decipher = createDecipheriv("aes-256-gcm", this.key, iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString("utf8");
  }
}
