import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { MASTER_KEY_BYTES } from "./master-key.js";

const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = "v1";

/**
 * AES-256-GCM for the values of the encrypted-file store: `v1:<iv>:<ciphertext+tag>` in
 * base64url, a random 96-bit IV per value. The caller's `context` is authenticated as
 * additional data, so a ciphertext copied to another project, name or version fails there.
 * The same idea as the runtime's column cipher for signing keys (packages never import apps).
 */
export class ValueCipher {
  readonly #key: Buffer;

  /** @throws RangeError when `key` is not 32 bytes (the message never shows it). */
  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== MASTER_KEY_BYTES) {
      throw new RangeError(`the master key must be ${MASTER_KEY_BYTES} bytes`);
    }
    // Copied, so a caller zeroing or reusing its buffer cannot change ours.
    this.#key = Buffer.from(key);
  }

  /** Encrypts `plaintext` bound to `context`. */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([
      cipher.update(plaintext, "utf8"),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${FORMAT}:${iv.toString("base64url")}:${body.toString("base64url")}`;
  }

  /**
   * Decrypts what {@link ValueCipher.encrypt} made with the same key and `context`; null when
   * the format is unknown or authentication fails (a wrong key, a moved or altered entry), for
   * the caller to report with the file and the entry.
   */
  decrypt(stored: string, context: string): string | null {
    const [format, ivText, bodyText, ...rest] = stored.split(":");
    if (format !== FORMAT || ivText === undefined || bodyText === undefined || rest.length) {
      return null;
    }
    const iv = Buffer.from(ivText, "base64url");
    const body = Buffer.from(bodyText, "base64url");
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, iv, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return plain.toString("utf8");
    } catch {
      return null;
    }
  }
}
