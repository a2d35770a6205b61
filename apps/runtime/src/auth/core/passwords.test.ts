import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { isAuthError } from "./errors.js";
import { firebaseScryptHash, formatFirebaseScryptHash } from "./firebase-scrypt.js";
import {
  DEFAULT_SCRYPT_PARAMS,
  assertStoredPasswordHash,
  checkPasswordPolicy,
  createPasswordHasher,
  type PasswordHasher,
} from "./passwords.js";
import { createTestPasswordHasher } from "./testing/memory-auth.js";

const cheap = (N: number): PasswordHasher =>
  createPasswordHasher({ params: { N, r: 8, p: 1 }, allowLowCostForTests: true });

describe("password hashing", () => {
  const hasher = createTestPasswordHasher();

  it("writes a self-describing scrypt$N$r$p$salt$hash string in base64url", async () => {
    const hash = await hasher.hash("correct horse");
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it("uses a fresh salt each time", async () => {
    expect(await hasher.hash("same password")).not.toBe(await hasher.hash("same password"));
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hasher.hash("correct horse");
    expect(await hasher.verify("correct horse", hash)).toBe(true);
    expect(await hasher.verify("correct horsE", hash)).toBe(false);
    expect(await hasher.verify("", hash)).toBe(false);
  });

  it("treats the composed and decomposed forms of an accented password as the same", async () => {
    const hash = await hasher.hash("caf\u00e9-latte");
    expect(await hasher.verify("cafe\u0301-latte", hash)).toBe(true);
  });

  it("keeps verifying hashes made with older parameters, and asks for a rehash", async () => {
    const old = await cheap(2 ** 10).hash("correct horse");
    const current = cheap(2 ** 11);
    expect(await current.verify("correct horse", old)).toBe(true);
    expect(current.needsRehash(old)).toBe(true);
    expect(current.needsRehash(await current.hash("correct horse"))).toBe(false);
  });

  it("refuses malformed or absurdly expensive stored hashes instead of trying them", async () => {
    await expect(hasher.verify("x", "bcrypt$2b$10$abc")).rejects.toThrow(/scrypt\$N\$r\$p/);
    const huge = (await hasher.hash("x")).replace("$1024$", "$4194304$");
    await expect(hasher.verify("x", huge)).rejects.toThrow(/power of two ≤ 2\^20/);
  });

  it("has a dummy verification that does the work and always fails", async () => {
    await expect(hasher.dummyVerify("correct horse")).resolves.toBe(false);
    await expect(hasher.dummyVerify("")).resolves.toBe(false);
  });
});

describe("imported Firebase hashes next to ours", () => {
  const hasher = createTestPasswordHasher();
  const firebase = async (password: string) => {
    const config = { signerKey: randomBytes(64), saltSeparator: randomBytes(1), rounds: 8 };
    const salt = randomBytes(12);
    const hash = await firebaseScryptHash(password, { ...config, memCost: 10 }, salt);
    return formatFirebaseScryptHash({ ...config, memCost: 10, salt, hash });
  };

  it("verifies both forms with one hasher, and always rehashes the Firebase one", async () => {
    const ours = await hasher.hash("correct horse");
    const theirs = await firebase("correct horse");
    expect(await hasher.verify("correct horse", ours)).toBe(true);
    expect(await hasher.verify("correct horse", theirs)).toBe(true);
    expect(await hasher.verify("correct horsE", theirs)).toBe(false);
    expect(hasher.needsRehash(theirs)).toBe(true);
    expect(hasher.needsRehash(ours)).toBe(false);
  });

  it("throws on a malformed Firebase hash as on a malformed scrypt one", async () => {
    const bad = "firebase-scrypt$14$8$not-enough";
    await expect(hasher.verify("x", bad)).rejects.toThrow(/firebase-scrypt\$memCost/);
    expect(() => hasher.needsRehash(bad)).toThrow(/firebase-scrypt\$memCost/);
    const huge = (await firebase("x")).replace("$10$8$", "$21$8$");
    await expect(hasher.verify("x", huge)).rejects.toThrow(/memCost must be an integer 1–20/);
  });

  it("checks a stored hash of either form without a password (the user import)", async () => {
    expect(() => assertStoredPasswordHash("scrypt$1024$8$1$abc$def")).toThrow(/scrypt\$N/);
    expect(() => assertStoredPasswordHash("md5$abc")).toThrow(/scrypt\$N\$r\$p/);
    expect(() => assertStoredPasswordHash("firebase-scrypt$")).toThrow(/firebase-scrypt\$/);
    assertStoredPasswordHash(await hasher.hash("x"));
    assertStoredPasswordHash(await firebase("x"));
  });

  it("keeps the dummy verification on our own scrypt", async () => {
    await expect(hasher.dummyVerify("correct horse")).resolves.toBe(false);
  });
});

describe("scrypt parameters", () => {
  it("default to N=2^15, r=8, p=1 and are written into every hash", async () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 32768, r: 8, p: 1 });
    const hash = await createPasswordHasher().hash("correct horse");
    expect(hash.startsWith("scrypt$32768$8$1$")).toBe(true);
  });

  it("refuse a cheaper setting unless a test asks for it by name", () => {
    expect(() => createPasswordHasher({ params: { N: 1024, r: 8, p: 1 } })).toThrow(
      /only allowed in tests/,
    );
  });

  it("must be valid", () => {
    const bad = { N: 1000, r: 8, p: 1 };
    expect(() => createPasswordHasher({ params: bad, allowLowCostForTests: true })).toThrow(
      /power of two/,
    );
  });
});

describe("password policy", () => {
  const failure = (password: unknown) => {
    try {
      checkPasswordPolicy(password);
    } catch (e) {
      if (isAuthError(e)) return `${e.code}: ${e.message}`;
    }
    return "accepted";
  };

  it("accepts 8 to 1024 characters", () => {
    expect(failure("12345678")).toBe("accepted");
    expect(failure("x".repeat(1024))).toBe("accepted");
  });

  it("rejects fewer than 8 characters, counting an emoji as one", () => {
    expect(failure("1234567")).toBe("weak-password: password must be at least 8 characters");
    expect(failure("😀😀😀😀")).toBe("weak-password: password must be at least 8 characters");
    expect(failure("😀😀😀😀😀😀😀😀")).toBe("accepted");
  });

  it("rejects more than 1024 characters", () => {
    expect(failure("x".repeat(1025))).toBe(
      "weak-password: password must be at most 1024 characters",
    );
  });

  it("rejects a password of only whitespace", () => {
    expect(failure(" \t \u00a0    ")).toBe("weak-password: password must not be only whitespace");
  });

  it("rejects a non-string", () => {
    expect(failure(12345678)).toBe("weak-password: password must be a string");
  });
});
