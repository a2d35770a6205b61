import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  firebaseScryptHash,
  formatFirebaseScryptHash,
  parseFirebaseScryptHash,
  verifyFirebaseScrypt,
  type FirebaseHashConfig,
  type FirebaseScryptHash,
} from "./firebase-scrypt.js";
import { isAuthError } from "./errors.js";
import { createTestAuthCore } from "./testing/memory-auth.js";

const b64 = (s: string) => Buffer.from(s, "base64");

// The test vector of github.com/firebase/scrypt's README (mem_cost 14, rounds 8).
const VECTOR: FirebaseScryptHash = {
  signerKey: b64(
    "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
  ),
  saltSeparator: b64("Bw=="),
  rounds: 8,
  memCost: 14,
  salt: b64("42xEC+ixf3L2lw=="),
  hash: b64(
    "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==",
  ),
};

/** Cheap parameters (memCost 10) with a random signer key, as a test project would have. */
const CHEAP_CONFIG: FirebaseHashConfig = {
  signerKey: randomBytes(64),
  saltSeparator: b64("Bw=="),
  rounds: 8,
  memCost: 10,
};

async function storedHash(password: string, config = CHEAP_CONFIG): Promise<string> {
  const salt = randomBytes(12);
  return formatFirebaseScryptHash({
    ...config,
    salt,
    hash: await firebaseScryptHash(password, config, salt),
  });
}

describe("Firebase's modified scrypt", () => {
  it("reproduces the published test vector", async () => {
    const stored = formatFirebaseScryptHash(VECTOR);
    expect(stored).toMatch(/^firebase-scrypt\$14\$8\$[A-Za-z0-9_-]{86}\$Bw\$[A-Za-z0-9_-]{14}\$/);
    expect(await verifyFirebaseScrypt("user1password", stored)).toBe(true);
    expect(await verifyFirebaseScrypt("user1Password", stored)).toBe(false);
  });

  it("refuses a tampered hash, salt or signer key", async () => {
    const stored = await storedHash("correct horse");
    const parsed = parseFirebaseScryptHash(stored);
    const flip = (b: Buffer) => Buffer.from(b.map((x, i) => (i === 0 ? x ^ 1 : x)));
    for (const field of ["hash", "salt", "signerKey", "saltSeparator"] as const) {
      const tampered = formatFirebaseScryptHash({ ...parsed, [field]: flip(parsed[field]) });
      expect(await verifyFirebaseScrypt("correct horse", tampered), field).toBe(false);
    }
    expect(await verifyFirebaseScrypt("correct horse", stored)).toBe(true);
  });

  it("hashes the password's bytes as given, without NFC normalisation (as Firebase)", async () => {
    const stored = await storedHash("cafe\u0301-latte");
    expect(await verifyFirebaseScrypt("cafe\u0301-latte", stored)).toBe(true);
    expect(await verifyFirebaseScrypt("caf\u00e9-latte", stored)).toBe(false);
  });

  it("round-trips the stored form", async () => {
    const stored = await storedHash("x");
    expect(formatFirebaseScryptHash(parseFirebaseScryptHash(stored))).toBe(stored);
  });

  it("bounds memCost (1–20) and rounds (1–32), and the sizes", () => {
    const at = (patch: Partial<FirebaseScryptHash>) => () =>
      formatFirebaseScryptHash({ ...VECTOR, ...patch });
    expect(at({ memCost: 21 })).toThrow(/memCost must be an integer 1–20, got 21/);
    expect(at({ memCost: 0 })).toThrow(/memCost/);
    expect(at({ memCost: 14.5 })).toThrow(/memCost/);
    expect(at({ rounds: 33 })).toThrow(/rounds must be an integer 1–32, got 33/);
    expect(at({ rounds: 0 })).toThrow(/rounds/);
    expect(at({ hash: VECTOR.hash.subarray(1) })).toThrow(/as long as the signer key \(64/);
    expect(at({ salt: Buffer.alloc(0) })).toThrow(/salt must be 1–256 bytes/);
    expect(at({ memCost: 20, rounds: 32 })).not.toThrow();
  });

  it("refuses malformed stored forms, and out-of-bounds ones before any work", async () => {
    const stored = formatFirebaseScryptHash(VECTOR);
    const bad = [
      "firebase-scrypt$14$8$abc",
      stored.replace("$14$8$", "$14$$"),
      stored.replace("$Bw$", "$B+$"),
      `${stored}x`, // bits past the last byte: not canonical base64url
    ];
    for (const s of bad) {
      await expect(verifyFirebaseScrypt("user1password", s), s).rejects.toThrow(/format/);
    }
    const huge = stored.replace("$14$8$", "$30$8$");
    await expect(verifyFirebaseScrypt("user1password", huge)).rejects.toThrow(/memCost/);
    const slow = stored.replace("$14$8$", "$14$99$");
    await expect(verifyFirebaseScrypt("user1password", slow)).rejects.toThrow(/rounds/);
  });
});

describe("signing in with an imported Firebase hash", () => {
  it("verifies the old password, then rehashes it to our scrypt on the first success", async () => {
    const { core, stores } = createTestAuthCore();
    const firebaseHash = await storedHash("old firebase password");
    await stores.users.create({
      projectId: "p",
      uid: "imported-1",
      email: "ann@example.com",
      emailVerified: true,
      passwordHash: firebaseHash,
      anonymous: false,
      disabled: false,
      customClaims: {},
      createdAt: new Date("2020-01-01T00:00:00Z"),
      lastSignInAt: null,
    });
    const signIn = (password: string) =>
      core.emailPassword.signIn({ projectId: "p", email: "ann@example.com", password, ip: "ip" });
    const refused = await signIn("wrong password").catch((e: unknown) => e);
    expect(isAuthError(refused) && refused.code).toBe("invalid-credentials");
    expect((await stores.users.get("p", "imported-1"))?.passwordHash).toBe(firebaseHash);

    const session = await signIn("old firebase password");
    expect(session.uid).toBe("imported-1");
    const rehashed = (await stores.users.get("p", "imported-1"))?.passwordHash ?? "";
    expect(rehashed).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(core.hasher.needsRehash(rehashed)).toBe(false);
    expect((await signIn("old firebase password")).uid).toBe("imported-1");
  });
});
