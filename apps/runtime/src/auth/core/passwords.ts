import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { AuthError } from "./errors.js";
import {
  isFirebaseScryptHash,
  parseFirebaseScryptHash,
  verifyFirebaseScrypt,
} from "./firebase-scrypt.js";

/** scrypt cost parameters: CPU/memory cost `N` (a power of two), block size `r`, parallelism `p`. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * The default and minimum cost: N=2^15, r=8, p=1, about 32 MiB and tens of milliseconds per
 * hash (OWASP's scrypt recommendation). Weaker parameters are refused unless a test asks for
 * them by name (`allowLowCostForTests`), so a fast setting can never reach production by accident.
 */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({
  N: 2 ** 15,
  r: 8,
  p: 1,
});

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Upper bounds for parameters read from stored hashes: an imported or tampered hash must not be
// able to make one verification allocate gigabytes or spin for minutes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** Hashes and verifies passwords; see {@link createPasswordHasher}. */
export interface PasswordHasher {
  /** A self-describing hash: `scrypt$N$r$p$<salt>$<hash>`, salt and hash in base64url. */
  hash(password: string): Promise<string>;
  /**
   * True when `password` matches `stored`, compared in constant time. Uses the parameters
   * written in `stored`, so hashes made under older parameters keep verifying. Also accepts
   * Firebase's modified scrypt (`firebase-scrypt$…`, users imported from Firebase).
   *
   * @throws Error when `stored` is not a hash this hasher understands (a server fault).
   */
  verify(password: string, stored: string): Promise<boolean>;
  /**
   * True when `stored` was made with other parameters than the current ones, or is an imported
   * Firebase hash: rehash on sign-in.
   */
  needsRehash(stored: string): boolean;
  /**
   * Does the work of one verification against a random hash and resolves `false`: sign-in calls
   * it for an unknown email, so an unknown email costs the same time as a wrong password.
   */
  dummyVerify(password: string): Promise<false>;
}

/** Options of {@link createPasswordHasher}. */
export interface PasswordHasherOptions {
  /** Defaults to {@link DEFAULT_SCRYPT_PARAMS}; weaker values need `allowLowCostForTests`. */
  params?: ScryptParams;
  /** Lets unit tests use cheap parameters. Never set it outside tests. */
  allowLowCostForTests?: boolean;
}

/**
 * Creates the scrypt password hasher (node:crypto, no native addon).
 *
 * @throws Error when `params` are invalid, or weaker than the default without
 *   `allowLowCostForTests`.
 */
export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const params = { ...(options.params ?? DEFAULT_SCRYPT_PARAMS) };
  assertParams(params);
  const weak =
    params.N < DEFAULT_SCRYPT_PARAMS.N ||
    params.r < DEFAULT_SCRYPT_PARAMS.r ||
    params.p < DEFAULT_SCRYPT_PARAMS.p;
  if (weak && options.allowLowCostForTests !== true) {
    throw new Error("scrypt parameters below N=2^15, r=8, p=1 are only allowed in tests");
  }
  // Random salt and random "hash": nothing can match it, and deriving against it costs exactly
  // what a real verification costs under the current parameters.
  const dummyHash = format(params, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES));

  async function verify(password: string, stored: string): Promise<boolean> {
    if (isFirebaseScryptHash(stored)) return verifyFirebaseScrypt(password, stored);
    const parsed = parse(stored);
    const actual = await derive(password, parsed.salt, parsed.params, parsed.hash.length);
    return timingSafeEqual(actual, parsed.hash);
  }

  return {
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      return format(params, salt, await derive(password, salt, params, KEY_BYTES));
    },
    verify,
    needsRehash(stored) {
      // Imported Firebase hashes always move to ours: they are cheaper (N=2^14) and carry the
      // old project's signer key in every row. A malformed one throws, as below.
      if (isFirebaseScryptHash(stored)) {
        parseFirebaseScryptHash(stored);
        return true;
      }
      const parsed = parse(stored);
      const p = parsed.params;
      return (
        p.N !== params.N || p.r !== params.r || p.p !== params.p || parsed.hash.length !== KEY_BYTES
      );
    },
    async dummyVerify(password) {
      await verify(password, dummyHash);
      return false;
    },
  };
}

/**
 * Checks that `stored` is a password hash {@link PasswordHasher.verify} understands (`scrypt$…`
 * or `firebase-scrypt$…`, within the parameter bounds), as the admin user import does.
 *
 * @throws Error saying what is wrong.
 */
export function assertStoredPasswordHash(stored: string): void {
  if (isFirebaseScryptHash(stored)) parseFirebaseScryptHash(stored);
  else parse(stored);
}

/**
 * The memory one verification of `stored` takes, in bytes (scrypt needs 128·N·r·p). Imports
 * refuse hashes above {@link MAX_IMPORTED_HASH_BYTES}: every sign-in attempt, by anyone, pays it.
 *
 * @throws Error when `stored` is not a hash this module understands.
 */
export function storedHashCost(stored: string): number {
  if (isFirebaseScryptHash(stored)) {
    const h = parseFirebaseScryptHash(stored);
    return 128 * 2 ** h.memCost * h.rounds;
  }
  const { N, r, p } = parse(stored).params;
  return 128 * N * r * p;
}

/** 64 MiB: twice our default (N=2^15, r=8) and four times Firebase's (mem_cost 14, rounds 8). */
export const MAX_IMPORTED_HASH_BYTES = 64 * 1024 * 1024;

function format(params: ScryptParams, salt: Buffer, hash: Buffer): string {
  const { N, r, p } = params;
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

const HASH_FORMAT =
  /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,86})\$([A-Za-z0-9_-]{22,171})$/;

function parse(stored: string): ParsedHash {
  const match = HASH_FORMAT.exec(stored);
  if (!match)
    throw new Error("the stored password hash is not in the scrypt$N$r$p$salt$hash format");
  const [, n, r, p, salt = "", hash = ""] = match;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  assertParams(params);
  return { params, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}

function assertParams({ N, r, p }: ScryptParams): void {
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N) throw new Error(`scrypt N must be a power of two ≤ 2^20, got ${N}`);
  if (!Number.isInteger(r) || r < 1 || r > MAX_R) throw new Error(`scrypt r must be 1–${MAX_R}`);
  if (!Number.isInteger(p) || p < 1 || p > MAX_P) throw new Error(`scrypt p must be 1–${MAX_P}`);
}

/** The password policy; the defaults are the product rule and the HTTP layer may tighten them. */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
}

/** At least 8 characters (Unicode code points), at most 1024, and not only whitespace. */
export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  minLength: 8,
  maxLength: 1024,
});

/**
 * Checks a new password against the policy; used on sign-up and password change, never on
 * sign-in (a wrong password is just wrong). Lengths count code points, so an emoji is one.
 *
 * @throws AuthError `weak-password` whose message states the rule that failed.
 */
export function checkPasswordPolicy(
  password: unknown,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): string {
  if (typeof password !== "string") throw weak("password must be a string");
  const length = [...password].length;
  if (length < policy.minLength) {
    throw weak(`password must be at least ${policy.minLength} characters`);
  }
  if (length > policy.maxLength) {
    throw weak(`password must be at most ${policy.maxLength} characters`);
  }
  if (password.trim() === "") throw weak("password must not be only whitespace");
  return password;
}

function weak(message: string): AuthError {
  return new AuthError("weak-password", message);
}

function derive(
  password: string,
  salt: Buffer,
  params: ScryptParams,
  length: number,
): Promise<Buffer> {
  // scrypt needs about 128·N·r bytes; Node's default cap (32 MiB) is just too small for the
  // default parameters, so allow twice the requirement.
  const maxmem = 2 * 128 * params.N * params.r * params.p;
  return new Promise((resolve, reject) => {
    // NFC: the same password typed on macOS and on Windows can arrive in different forms.
    scrypt(password.normalize("NFC"), salt, length, { ...params, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}
