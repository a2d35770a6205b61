import { createCipheriv, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Firebase Auth's modified scrypt (github.com/firebase/scrypt), verified natively so users
 * imported from Firebase sign in with their old passwords; the first success rehashes them to
 * our scrypt (`PasswordHasher.needsRehash`). A Firebase project's hash parameters: the signer
 * key, the salt separator, `rounds` (scrypt r) and `memCost` (N = 2^memCost), as the console's
 * "Password hash parameters" show them.
 */
export interface FirebaseHashConfig {
  signerKey: Buffer;
  saltSeparator: Buffer;
  rounds: number;
  memCost: number;
}

/** One user's Firebase hash: the project's parameters, the user's salt and the hash itself. */
export interface FirebaseScryptHash extends FirebaseHashConfig {
  salt: Buffer;
  hash: Buffer;
}

/** The prefix of the stored form; see {@link formatFirebaseScryptHash}. */
export const FIREBASE_SCRYPT_PREFIX = "firebase-scrypt$";

// Bounds like passwords.ts's MAX_N/MAX_R: an imported hash must not make one verification
// allocate gigabytes or spin for minutes. Firebase itself uses memCost 14, rounds 8.
const MAX_MEM_COST = 20;
const MAX_ROUNDS = 32;
// Firebase's signer keys are 64 bytes and salts about 12; these caps only stop absurd input.
const MAX_KEY_BYTES = 256;
const MAX_SALT_BYTES = 256;
const MAX_SEPARATOR_BYTES = 64;
const DERIVED_KEY_BYTES = 64;

const B64URL = "[A-Za-z0-9_-]";
const STORED_FORMAT = new RegExp(
  `^firebase-scrypt\\$(\\d{1,2})\\$(\\d{1,2})\\$(${B64URL}{1,344})\\$(${B64URL}{0,86})` +
    `\\$(${B64URL}{1,344})\\$(${B64URL}{1,344})$`,
);

/** True when `stored` claims to be a Firebase hash (it may still be malformed). */
export function isFirebaseScryptHash(stored: string): boolean {
  return stored.startsWith(FIREBASE_SCRYPT_PREFIX);
}

/**
 * Checks the parameters and sizes of a Firebase hash.
 *
 * @throws Error naming the bad parameter.
 */
export function assertFirebaseScryptHash(h: FirebaseScryptHash): void {
  const { memCost, rounds } = h;
  if (!Number.isInteger(memCost) || memCost < 1 || memCost > MAX_MEM_COST) {
    throw new Error(`firebase scrypt memCost must be an integer 1–${MAX_MEM_COST}, got ${memCost}`);
  }
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS) {
    throw new Error(`firebase scrypt rounds must be an integer 1–${MAX_ROUNDS}, got ${rounds}`);
  }
  const size = (name: string, b: Buffer, min: number, max: number) => {
    if (b.length < min || b.length > max) {
      throw new Error(`firebase scrypt ${name} must be ${min}–${max} bytes, got ${b.length}`);
    }
  };
  size("signerKey", h.signerKey, 1, MAX_KEY_BYTES);
  size("saltSeparator", h.saltSeparator, 0, MAX_SEPARATOR_BYTES);
  size("salt", h.salt, 1, MAX_SALT_BYTES);
  // AES-CTR keeps the length, so any other length can never match: refuse it up front.
  if (h.hash.length !== h.signerKey.length) {
    throw new Error(
      `firebase scrypt hash must be as long as the signer key (${h.signerKey.length} bytes), ` +
        `got ${h.hash.length}`,
    );
  }
}

/**
 * The stored form, base64url without padding:
 * `firebase-scrypt$<memCost>$<rounds>$<signerKey>$<saltSeparator>$<salt>$<hash>`.
 *
 * @throws Error when the parameters are out of bounds (see {@link assertFirebaseScryptHash}).
 */
export function formatFirebaseScryptHash(h: FirebaseScryptHash): string {
  assertFirebaseScryptHash(h);
  const parts = [h.signerKey, h.saltSeparator, h.salt, h.hash].map((b) => b.toString("base64url"));
  return `${FIREBASE_SCRYPT_PREFIX}${h.memCost}$${h.rounds}$${parts.join("$")}`;
}

/**
 * Reads the stored form back.
 *
 * @throws Error when `stored` is malformed or out of bounds (a server fault at sign-in).
 */
export function parseFirebaseScryptHash(stored: string): FirebaseScryptHash {
  const match = STORED_FORMAT.exec(stored);
  const fields = match?.slice(3).map((s) => Buffer.from(s, "base64url"));
  // Non-canonical base64url (a stray trailing character) would silently lose bits: refuse it.
  if (!match || !fields || fields.some((b, i) => b.toString("base64url") !== match[i + 3])) {
    throw new Error(
      "the stored password hash is not in the " +
        "firebase-scrypt$memCost$rounds$signerKey$saltSeparator$salt$hash format",
    );
  }
  const [signerKey, saltSeparator, salt, hash] = fields as [Buffer, Buffer, Buffer, Buffer];
  const parsed = {
    memCost: Number(match[1]),
    rounds: Number(match[2]),
    signerKey,
    saltSeparator,
    salt,
    hash,
  };
  assertFirebaseScryptHash(parsed);
  return parsed;
}

/**
 * Firebase's hash of `password`: scrypt(password, salt ‖ saltSeparator, N=2^memCost, r=rounds,
 * p=1, 64 bytes), whose first 32 bytes are the AES-256-CTR key (zero IV) that encrypts the
 * signer key. The password's UTF-8 bytes are used as given, not NFC-normalised: Firebase does not
 * normalise, so normalising here would lock out users who typed a decomposed character.
 */
export async function firebaseScryptHash(
  password: string,
  config: FirebaseHashConfig,
  salt: Buffer,
): Promise<Buffer> {
  const N = 2 ** config.memCost;
  const r = config.rounds;
  // scrypt needs about 128·N·r bytes (p = 1); Node's default cap is 32 MiB, so allow twice that.
  const maxmem = 2 * 128 * N * r;
  const derived = await new Promise<Buffer>((resolve, reject) => {
    scrypt(
      Buffer.from(password, "utf8"),
      Buffer.concat([salt, config.saltSeparator]),
      DERIVED_KEY_BYTES,
      { N, r, p: 1, maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
  const cipher = createCipheriv("aes-256-ctr", derived.subarray(0, 32), Buffer.alloc(16));
  return Buffer.concat([cipher.update(config.signerKey), cipher.final()]);
}

/**
 * True when `password` matches the stored Firebase hash, compared in constant time.
 *
 * @throws Error when `stored` is malformed (see {@link parseFirebaseScryptHash}).
 */
export async function verifyFirebaseScrypt(password: string, stored: string): Promise<boolean> {
  const parsed = parseFirebaseScryptHash(stored);
  const actual = await firebaseScryptHash(password, parsed, parsed.salt);
  // Equal by construction (parse checks hash length = signer key length = CTR output).
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}
