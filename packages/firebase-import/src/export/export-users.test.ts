import type { ExportedUser } from "@winky/admin-client";
import { describe, expect, it } from "vitest";
import { parseHashConfig } from "../auth/hash-config.js";
import { parseStandardScryptConfig } from "../auth/standard-scrypt.js";
import { exportUsers } from "./export-users.js";

const b64url = (s: string) => Buffer.from(s).toString("base64url");
const FIREBASE = (signer = "signer-key", salt = "salt-1") =>
  `firebase-scrypt$14$8$${b64url(signer)}$${b64url("\u0007")}$${b64url(salt)}$${b64url("hash-bytes")}`;
const OURS = `scrypt$32768$8$1$${b64url("sixteen byte salt")}$${b64url("k".repeat(32))}`;

const user = (uid: string, extra: Partial<ExportedUser> = {}): ExportedUser => ({
  uid,
  email: `${uid}@example.com`,
  emailVerified: true,
  disabled: false,
  anonymous: false,
  customClaims: {},
  createdAt: "2024-01-02T03:04:05.678Z",
  lastSignInAt: null,
  passwordHash: null,
  providers: [],
  ...extra,
});

describe("exportUsers", () => {
  it("writes auth:export users, Firebase hashes and ours apart, with configs the importer reads", () => {
    const result = exportUsers([
      user("fb", {
        passwordHash: FIREBASE(),
        customClaims: { roles: ["admin"] },
        lastSignInAt: "2024-02-01T00:00:00.000Z",
        providers: [{ providerId: "google", subject: "g1", email: "fb@gmail.com" }],
      }),
      user("ours", { passwordHash: OURS, disabled: true }),
      user("anon", { email: null, emailVerified: false, anonymous: true }),
      user("acme", {
        email: null,
        emailVerified: false,
        providers: [{ providerId: "acme", subject: "a1", email: null }],
      }),
    ]);
    expect(result.firebase.users).toEqual([
      {
        localId: "fb",
        email: "fb@example.com",
        emailVerified: true,
        passwordHash: Buffer.from("hash-bytes").toString("base64"),
        salt: Buffer.from("salt-1").toString("base64"),
        createdAt: String(Date.parse("2024-01-02T03:04:05.678Z")),
        lastSignedInAt: String(Date.parse("2024-02-01T00:00:00.000Z")),
        disabled: false,
        customAttributes: '{"roles":["admin"]}',
        providerUserInfo: [
          {
            providerId: "password",
            rawId: "fb@example.com",
            email: "fb@example.com",
            federatedId: "fb@example.com",
          },
          { providerId: "google.com", rawId: "g1", federatedId: "g1", email: "fb@gmail.com" },
        ],
      },
      expect.objectContaining({ localId: "anon", providerUserInfo: [] }),
      expect.objectContaining({
        localId: "acme",
        providerUserInfo: [{ providerId: "oidc.acme", rawId: "a1", federatedId: "a1" }],
      }),
    ]);
    expect(result.standard.users).toEqual([
      expect.objectContaining({
        localId: "ours",
        disabled: true,
        passwordHash: Buffer.from("k".repeat(32)).toString("base64"),
        salt: Buffer.from("sixteen byte salt").toString("base64"),
      }),
    ]);
    expect(parseHashConfig(result.firebase.hashConfig!)).toEqual({
      ok: true,
      config: {
        algorithm: "SCRYPT",
        signerKey: Buffer.from("signer-key").toString("base64"),
        saltSeparator: "Bw==",
        rounds: 8,
        memCost: 14,
      },
    });
    expect(parseStandardScryptConfig(result.standard.hashConfig!)).toEqual({
      ok: true,
      config: {
        algorithm: "STANDARD_SCRYPT",
        memCost: 15,
        rounds: 8,
        parallelization: 1,
        dkLen: 32,
      },
    });
    expect(result.standard.importFlags).toBe(
      "--hash-algo=STANDARD_SCRYPT --mem-cost=15 --rounds=8 --parallelization=1 --dk-len=32",
    );
    expect(result.leftWithoutPassword).toEqual([]);
  });

  it("keeps the majority's parameters and names the users left without their hash", () => {
    const result = exportUsers([
      user("a", { passwordHash: FIREBASE("key-1") }),
      user("b", { passwordHash: FIREBASE("key-1", "salt-2") }),
      user("c", { passwordHash: FIREBASE("key-2") }),
    ]);
    expect(result.firebase.hashConfig).toContain(Buffer.from("key-1").toString("base64"));
    expect(result.leftWithoutPassword).toEqual([
      { uid: "c", reason: expect.stringMatching(/SCRYPT parameters differ/) },
    ]);
    // The reason is printed and written to README.md: it never holds the signer key itself.
    const reason = result.leftWithoutPassword[0]!.reason;
    expect(reason).toMatch(/rounds \d+, mem_cost \d+, signer key sha256:[0-9a-f]{12}\)$/);
    expect(reason).not.toContain(Buffer.from("key-2").toString("base64"));
    const c = result.firebase.users.find((u) => u.localId === "c")!;
    expect(c.passwordHash).toBeUndefined();
  });
});
