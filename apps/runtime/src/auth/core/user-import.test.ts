import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseBody } from "../../admin/parse-body.js";
import { isRuntimeError } from "../../errors/runtime-error.js";
import { parseFirebaseScryptHash } from "./firebase-scrypt.js";
import { createPasswordHasher } from "./passwords.js";
import { UserImportBody, toImportRecords, type ImportedUser } from "./user-import.js";

const SIGNER = randomBytes(64).toString("base64");
const SCRYPT = { algorithm: "SCRYPT", signerKey: SIGNER, saltSeparator: "Bw==", rounds: 8 };
const HASH_CONFIG = { ...SCRYPT, memCost: 14 };
const HASH = randomBytes(64).toString("base64");

const parse = (body: unknown): ImportedUser[] =>
  parseBody(UserImportBody, body, { brackets: true });
/** The problems of a refused body, as the runtime's 400 lists them. */
const problems = (body: unknown): string[] => {
  try {
    parse(body);
  } catch (e) {
    if (isRuntimeError(e)) return e.details?.problems as string[];
    throw e;
  }
  return [];
};

describe("the users:import body", () => {
  it("converts Firebase hashes to the stored form and normalises like sign-up", () => {
    const [user] = parse({
      hashConfig: HASH_CONFIG,
      users: [
        {
          uid: "abc",
          email: "  Ann@Example.COM ",
          emailVerified: true,
          passwordHash: HASH,
          salt: "42xEC+ixf3L2lw==",
          customClaims: { roles: ["admin"] },
          createdAt: "2024-01-02T03:04:05.000Z",
          providers: [{ providerId: "google", subject: "1234", email: "a@gmail.com" }],
        },
      ],
    });
    expect(user).toMatchObject({ uid: "abc", email: "Ann@example.com", disabled: false });
    const stored = parseFirebaseScryptHash(user!.passwordHash!);
    expect(stored).toMatchObject({ memCost: 14, rounds: 8 });
    expect(stored.hash.toString("base64")).toBe(HASH);
    expect(stored.signerKey.toString("base64")).toBe(SIGNER);
    const [record] = toImportRecords("p", [user!], new Date("2030-01-01T00:00:00Z"));
    expect(record!.user.createdAt.toISOString()).toBe("2024-01-02T03:04:05.000Z");
    expect(record!.identities).toEqual([
      expect.objectContaining({ providerId: "google", subject: "1234", uid: "abc" }),
    ]);
  });

  it("accepts users without a password, and our own stored forms under WINKY", () => {
    expect(
      parse({ users: [{ uid: "g", providers: [{ providerId: "google", subject: "1" }] }] }),
    ).toMatchObject([{ uid: "g", email: null, passwordHash: null, customClaims: {} }]);
    const ours = `scrypt$1024$8$1$${"A".repeat(22)}$${"B".repeat(43)}`;
    const [user] = parse({
      hashConfig: { algorithm: "WINKY" },
      users: [{ uid: "w", email: "w@x.io", passwordHash: ours, anonymous: false }],
    });
    expect(user!.passwordHash).toBe(ours);
  });

  it("refuses hashes whose every sign-in would cost more than 64 MiB, in every form", () => {
    const user = { uid: "x", email: "x@y.io", salt: "c2FsdA==", passwordHash: HASH };
    expect(problems({ hashConfig: { ...SCRYPT, memCost: 15 }, users: [user] })).toEqual([
      expect.stringMatching(/^hashConfig\.memCost: /),
    ]);
    expect(problems({ hashConfig: { ...SCRYPT, memCost: 14, rounds: 9 }, users: [user] })).toEqual([
      expect.stringMatching(/^hashConfig\.rounds: /),
    ]);
    const huge = `scrypt$1048576$32$16$${"A".repeat(22)}$${"B".repeat(43)}`;
    expect(
      problems({
        hashConfig: { algorithm: "WINKY" },
        users: [{ uid: "w", email: "w@x.io", passwordHash: huge }],
      }),
    ).toEqual(["users[0].passwordHash: its parameters need 65536 MiB per sign-in; at most 64 MiB"]);
    const standard = { algorithm: "STANDARD_SCRYPT", memCost: 17, rounds: 8, parallelization: 1 };
    const salted = { ...user, salt: randomBytes(16).toString("base64") };
    expect(problems({ hashConfig: { ...standard, dkLen: 64 }, users: [salted] })).toEqual([
      "users[0].passwordHash: its parameters need 128 MiB per sign-in; at most 64 MiB",
    ]);
    // Our default and Firebase's own parameters pass.
    expect(problems({ hashConfig: HASH_CONFIG, users: [user] })).toEqual([]);
  });

  it("names each bad field by its path", () => {
    const body = {
      hashConfig: { ...SCRYPT, memCost: 21 },
      users: [
        { uid: "ok", email: "ok@x.io" },
        { uid: "", email: "not-an-email", customClaims: { sub: "x" } },
        { uid: "x\u0000y", providers: [{ providerId: "google.com", subject: "1" }], extra: 1 },
      ],
    };
    expect(problems(body)).toEqual([
      expect.stringMatching(/^hashConfig\.memCost: /),
      expect.stringMatching(/^users\[1\]\.uid: /),
      "users[1].email: email must look like name@example.com",
      "users[1].customClaims: custom claims may not use the reserved claim name(s) 'sub'",
      "users[2].uid: must not contain control characters",
      expect.stringMatching(/^users\[2\]\.providers\[0\]\.providerId: must be a provider id/),
      "users[2]: unknown field(s) extra",
    ]);
  });

  it("refuses a uid, email or identity repeated in the batch, naming both users", () => {
    const google = (subject: string) => [{ providerId: "google", subject }];
    const body = {
      users: [
        { uid: "a", email: "ann@x.io", providers: google("1") },
        { uid: "a", email: "ANN@x.io" },
        { uid: "b", providers: [...google("1"), ...google("2")] },
      ],
    };
    expect(problems(body)).toEqual([
      "users[1].uid: uid 'a' is also users[0]'s",
      "users[1].email: 'ANN@x.io' is also users[0]'s",
      "users[2].providers[0].subject: 'google' subject '1' is also users[0]'s",
      "users[2].providers[1]: a user has one identity per provider ('google')",
    ]);
  });

  it("keeps passwordHash and salt together, and needs hashConfig for them", () => {
    expect(
      problems({ users: [{ uid: "a", email: "a@x.io", passwordHash: HASH, salt: "AA==" }] }),
    ).toEqual(["hashConfig: required when a user has a passwordHash (users[0])"]);
    expect(
      problems({
        hashConfig: HASH_CONFIG,
        users: [
          { uid: "a", email: "a@x.io", passwordHash: HASH },
          { uid: "b", email: "b@x.io", salt: "AA==" },
          { uid: "c", email: "c@x.io", passwordHash: "AAAA", salt: "AA==" },
          { uid: "d", passwordHash: HASH, salt: "AA==" },
        ],
      }),
    ).toEqual([
      "users[0].passwordHash: passwordHash and salt come together",
      "users[1].salt: passwordHash and salt come together",
      expect.stringMatching(/^users\[2\]\.passwordHash: .*as long as the signer key \(64 bytes\)/),
      "users[3].passwordHash: a password needs an email to sign in with",
    ]);
    expect(
      problems({
        hashConfig: { algorithm: "WINKY" },
        users: [{ uid: "a", email: "a@x.io", passwordHash: "md5$x", salt: "AA==" }],
      }),
    ).toEqual([
      "users[0].salt: not used with hashConfig.algorithm 'WINKY'",
      expect.stringMatching(/^users\[0\]\.passwordHash: .*scrypt\$N\$r\$p/),
    ]);
  });

  it("turns STANDARD_SCRYPT hashes into our scrypt$ form, which verifies the password", async () => {
    const salt = randomBytes(16);
    const config = { memCost: 10, rounds: 8, parallelization: 1, dkLen: 32 };
    const key = scryptSync("correct horse", salt, 32, { N: 1024, r: 8, p: 1 });
    const [user] = parse({
      hashConfig: { algorithm: "STANDARD_SCRYPT", ...config },
      users: [
        {
          uid: "s",
          email: "s@x.io",
          passwordHash: key.toString("base64"),
          salt: salt.toString("base64"),
        },
      ],
    });
    expect(user!.passwordHash).toBe(
      `scrypt$1024$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`,
    );
    const hasher = createPasswordHasher();
    expect(await hasher.verify("correct horse", user!.passwordHash!)).toBe(true);
    expect(await hasher.verify("wrong horse", user!.passwordHash!)).toBe(false);
    expect(
      problems({
        hashConfig: { algorithm: "STANDARD_SCRYPT", ...config, memCost: 21 },
        users: [
          { uid: "a", email: "a@x.io", passwordHash: key.toString("base64"), salt: "AAAA" },
          { uid: "b", email: "b@x.io", passwordHash: "AAAA", salt: salt.toString("base64") },
        ],
      }),
    ).toEqual([expect.stringMatching(/^hashConfig\.memCost: /)]);
    expect(
      problems({
        hashConfig: { algorithm: "STANDARD_SCRYPT", ...config },
        users: [
          { uid: "a", email: "a@x.io", passwordHash: key.toString("base64"), salt: "AAAA" },
          { uid: "b", email: "b@x.io", passwordHash: "AAAA", salt: salt.toString("base64") },
        ],
      }),
    ).toEqual([
      expect.stringMatching(/^users\[0\]\.salt: /),
      "users[1].passwordHash: must be hashConfig.dkLen (32) bytes, not 3",
    ]);
  });

  it("takes at most 1000 users, and says so first", () => {
    const users = Array.from({ length: 1001 }, (_, i) => ({ uid: `u${i}` }));
    expect(problems({ users })[0]).toMatch(/^users: .*1000/);
  });
});
