import { beforeAll, describe, expect, it } from "vitest";
import { SigningKeys } from "../core/index.js";
import { ManualClock } from "../core/testing/index.js";
import {
  decodeEncryptionKey,
  isSigningKeyDecryptionError,
  SigningKeyDecryptionError,
} from "./key-encryption.js";
import { PostgresSigningKeyStore } from "./signing-key-store.js";
import { createProject, newEncryptionKey, useAuthDatabase } from "./testing.js";

describe("PostgresSigningKeyStore", () => {
  const db = useAuthDatabase("auth_signing_keys");
  const encryptionKey = newEncryptionKey();
  let store: PostgresSigningKeyStore;
  let keys: SigningKeys;
  beforeAll(async () => {
    store = new PostgresSigningKeyStore(db.pool(), { encryptionKey });
    keys = new SigningKeys({ store, clock: new ManualClock() });
    for (const id of ["alpha", "beta"]) await createProject(db.pool(), id);
  });

  const storedColumn = async (projectId: string) => {
    const { rows } = await db
      .pool()
      .query<{ kid: string; private_jwk_encrypted: string }>(
        "select kid, private_jwk_encrypted from runtime.signing_keys where project_id = $1",
        [projectId],
      );
    return rows;
  };

  it("stores the private JWK encrypted, and gives it back decrypted", async () => {
    await keys.signingKey("alpha");
    const [record] = await store.list("alpha");
    const d = record?.privateJwk.d;
    expect(d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await storedColumn("alpha");
    expect(row?.private_jwk_encrypted).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(row?.private_jwk_encrypted).not.toContain(d);
    expect(row?.private_jwk_encrypted).not.toContain('"d"');
  });

  it("writes a fresh IV for every record", async () => {
    await keys.rotate("beta");
    await keys.rotate("beta");
    const [a, b] = await storedColumn("beta");
    expect(a?.private_jwk_encrypted.split(":")[1]).not.toBe(b?.private_jwk_encrypted.split(":")[1]);
  });

  it("signs and verifies with keys read back from the table", async () => {
    const signing = await keys.signingKey("alpha");
    expect(await keys.verificationKey("alpha", signing.kid)).not.toBeNull();
  });

  it("fails clearly under another encryption key, naming the kid and not the key", async () => {
    const wrongKey = newEncryptionKey();
    const other = new PostgresSigningKeyStore(db.pool(), { encryptionKey: wrongKey });
    const [row] = await storedColumn("alpha");
    const error = await other.list("alpha").catch((e: unknown) => e);
    expect(isSigningKeyDecryptionError(error)).toBe(true);
    expect(error).toMatchObject({ projectId: "alpha", kid: row?.kid });
    const message = (error as Error).message;
    expect(message).toContain(`private signing key ${row?.kid} of project alpha`);
    expect(message).toContain("WINKY_MASTER_KEY");
    for (const key of [wrongKey, encryptionKey]) {
      expect(message).not.toContain(key.toString("base64"));
      expect(message).not.toContain(key.toString("hex"));
    }
  });

  it("does not decrypt a ciphertext copied into another key's row", async () => {
    const [source] = await storedColumn("alpha");
    const [target] = await storedColumn("beta");
    await db
      .pool()
      .query(
        "update runtime.signing_keys set private_jwk_encrypted = $1 where project_id = 'beta' and kid = $2",
        [source?.private_jwk_encrypted, target?.kid],
      );
    await expect(store.list("beta")).rejects.toBeInstanceOf(SigningKeyDecryptionError);
  });

  it("refuses an encryption key that is not 32 bytes", () => {
    expect(
      () => new PostgresSigningKeyStore(db.pool(), { encryptionKey: Buffer.alloc(16) }),
    ).toThrow("the encryption key must be 32 bytes");
  });
});

describe("decodeEncryptionKey", () => {
  const key = newEncryptionKey();

  it("reads 32 bytes written in base64 or base64url", () => {
    expect(decodeEncryptionKey(key.toString("base64"))).toEqual(key);
    expect(decodeEncryptionKey(` ${key.toString("base64url")}\n`)).toEqual(key);
  });

  it("refuses other lengths and alphabets without echoing the value", () => {
    for (const bad of [key.subarray(0, 31).toString("base64"), "not a key!", key.toString("hex")]) {
      expect(() => decodeEncryptionKey(bad)).toThrow(
        "must be 32 random bytes in base64 or base64url",
      );
    }
  });
});
