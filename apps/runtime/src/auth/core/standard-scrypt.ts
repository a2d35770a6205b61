import { assertStoredPasswordHash } from "./passwords.js";

// Firebase's STANDARD_SCRYPT, as `users:import` takes it: the hash is plain scrypt of the
// password, so it becomes our own stored form and needs no verifier of its own.

/** N = 2^memCost, r = rounds, p = parallelization; dkLen the hash's length in bytes. */
export interface StandardScryptConfig {
  algorithm: "STANDARD_SCRYPT";
  memCost: number;
  rounds: number;
  parallelization: number;
  dkLen: number;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Plain scrypt parameters and one user's hash as our stored `scrypt$N$r$p$salt$hash`. */
export function standardScrypt(
  config: StandardScryptConfig,
  hash: string,
  salt: string,
  issue: (field: "passwordHash" | "salt", message: string) => void,
): string | null {
  const key = Buffer.from(hash, "base64");
  if (key.length !== config.dkLen) {
    issue("passwordHash", `must be hashConfig.dkLen (${config.dkLen}) bytes, not ${key.length}`);
    return null;
  }
  const N = 2 ** config.memCost;
  const b64url = (b: Buffer) => b.toString("base64url");
  const stored = `scrypt$${N}$${config.rounds}$${config.parallelization}$${b64url(Buffer.from(salt, "base64"))}$${b64url(key)}`;
  try {
    assertStoredPasswordHash(stored);
    return stored;
  } catch (e) {
    // Only the salt can still be out of bounds (12–64 bytes): the rest was checked above.
    issue("salt", messageOf(e));
    return null;
  }
}
