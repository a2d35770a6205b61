import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readAuthUsers } from "./auth-users.js";
import { parseHashConfig } from "./hash-config.js";

const CONSOLE_BLOCK = `hash_config {
  algorithm: SCRYPT,
  base64_signer_key: c2lnbmVy,
  base64_salt_separator: Bw==,
  rounds: 8,
  mem_cost: 14,
}
`;

describe("parseHashConfig", () => {
  it("reads the console's block and the JSON spelling alike", () => {
    const expected = {
      algorithm: "SCRYPT",
      signerKey: "c2lnbmVy",
      saltSeparator: "Bw==",
      rounds: 8,
      memCost: 14,
    };
    expect(parseHashConfig(CONSOLE_BLOCK)).toEqual({ ok: true, config: expected });
    const json = JSON.stringify({
      algorithm: "SCRYPT",
      signerKey: "c2lnbmVy",
      saltSeparator: "Bw",
      rounds: 8,
      memCost: 14,
    });
    expect(parseHashConfig(json)).toEqual({ ok: true, config: expected });
  });

  it("names the line of a bad or missing parameter, never its value", () => {
    expect(parseHashConfig(CONSOLE_BLOCK.replace("rounds: 8", "rounds: 80"))).toEqual({
      ok: false,
      line: 5,
      reason: "rounds must be a whole number 1–8",
    });
    expect(parseHashConfig(CONSOLE_BLOCK.replace(/.*mem_cost.*\n/, ""))).toMatchObject({
      ok: false,
      reason: "no mem_cost in the hash parameters",
    });
    const other = parseHashConfig(CONSOLE_BLOCK.replace("SCRYPT", "HMAC_SHA256"));
    expect(other).toMatchObject({ ok: false, line: 2 });
    const notBase64 = parseHashConfig(CONSOLE_BLOCK.replace("c2lnbmVy", "not base64!"));
    expect(notBase64).toEqual({ ok: false, line: 3, reason: "the value is not base64" });
  });
});

describe("readAuthUsers", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-auth-users-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const write = (name: string, value: unknown) =>
    writeFile(
      path.join(dir, name),
      typeof value === "string" ? value : JSON.stringify(value, null, 2),
    );
  const user = (i: number, extra: object = {}) => ({
    localId: `u${i}`,
    email: `u${i}@example.com`,
    emailVerified: true,
    passwordHash: "aGFzaA-_",
    salt: "c2FsdA",
    createdAt: "1486324027000",
    ...extra,
  });

  it("is null without an auth-users.json", async () => {
    expect(await readAuthUsers(dir)).toBeNull();
  });

  it("turns an auth:export file into the runtime's import body", async () => {
    await write("auth-users.json", {
      users: [
        user(1, {
          customAttributes: '{"roles":["admin"]}',
          displayName: "Ada",
          providerUserInfo: [
            { providerId: "password", rawId: "u1@example.com" },
            { providerId: "google.com", rawId: "1077", email: "ada@gmail.com" },
          ],
        }),
        { localId: "anon", createdAt: "0" },
        user(3, { phoneNumber: "+15550100", disabled: true, lastSignedInAt: "1486324028000" }),
      ],
    });
    await write("auth-hash-config.txt", CONSOLE_BLOCK);
    const auth = await readAuthUsers(dir);
    expect(auth?.complete).toBe(true);
    expect(auth?.hashConfig?.memCost).toBe(14);
    const [ada, anon, third] = auth!.users;
    expect(ada).toMatchObject({
      uid: "u1",
      email: "u1@example.com",
      emailVerified: true,
      disabled: false,
      passwordHash: "aGFzaA+/",
      salt: "c2FsdA==",
      customClaims: { roles: ["admin"] },
      createdAt: "2017-02-05T19:47:07.000Z",
      lastSignInAt: null,
      providers: [{ providerId: "google", subject: "1077", email: "ada@gmail.com" }],
    });
    expect(anon).toMatchObject({ uid: "anon", email: null, providers: [], anonymous: true });
    expect(anon).not.toHaveProperty("passwordHash");
    expect(third).toMatchObject({ disabled: true, lastSignInAt: "2017-02-05T19:47:08.000Z" });
    const byName = Object.fromEntries(auth!.items.map((i) => [i.name, i]));
    expect(byName["provider google.com"]?.verdict).toBe("maps");
    expect(byName["provider password"]?.detail).toMatch(/^2 users/);
    expect(byName["provider phone"]).toMatchObject({ verdict: "unsupported" });
    expect(byName["provider anonymous"]?.verdict).toBe("maps");
    expect(byName["displayName, photoUrl"]?.verdict).toBe("needs-change");
    expect(byName["password hash parameters"]?.verdict).toBe("maps");
    // The signer key never reaches the report.
    expect(JSON.stringify(auth!.items)).not.toContain("c2lnbmVy");
  });

  it("stops the import when password hashes come without their parameters", async () => {
    await write("auth-users.json", { users: [user(1)] });
    const auth = await readAuthUsers(dir);
    expect(auth?.complete).toBe(false);
    expect(auth?.items.find((i) => i.name === "password hash parameters")?.detail).toMatch(
      /no auth-hash-config\.txt/,
    );
  });

  it("names the line of each bad user, and of a repeated uid or email", async () => {
    await write("auth-hash-config.txt", CONSOLE_BLOCK);
    await write(
      "auth-users.json",
      `{"users": [\n${[
        JSON.stringify(user(1)),
        JSON.stringify(user(2, { email: "U1@example.com" })),
        JSON.stringify({ email: "x@example.com" }),
        JSON.stringify(user(4, { salt: undefined })),
        JSON.stringify(user(5, { customAttributes: "[1]" })),
        JSON.stringify(user(6, { createdAt: "yesterday" })),
      ].join(",\n")}\n]}`,
    );
    const auth = await readAuthUsers(dir);
    expect(auth?.complete).toBe(false);
    const problems = auth!.items
      .filter((i) => i.name === "user")
      .map((i) => [i.source.line, i.detail]);
    expect(problems).toEqual([
      [4, expect.stringMatching(/^a user needs a localId/)],
      [5, expect.stringMatching(/^user u4 has a passwordHash without a salt/)],
      [6, expect.stringMatching(/^user u5: customAttributes is not a JSON object/)],
      [7, expect.stringMatching(/^user u6: createdAt/)],
      [3, expect.stringMatching(/^email u1@example.com is also the user at line 2/)],
    ]);
  });

  it("reports malformed JSON at its line and column", async () => {
    await write("auth-users.json", '{"users": [\n  {"localId": "a"},\n  {"localId": \n');
    const auth = await readAuthUsers(dir);
    expect(auth).toMatchObject({ complete: false, users: [] });
    expect(auth!.items[0]).toMatchObject({
      verdict: "not-understood",
      source: { file: "auth-users.json", line: 4 },
    });
    expect(auth!.items[0]!.detail).toMatch(/^malformed JSON: auth-users\.json:4:1: /);
  });

  it("reads auth-users.standard-scrypt.json too, with its own parameters", async () => {
    await write("auth-users.json", { users: [user(1)] });
    await write("auth-hash-config.txt", CONSOLE_BLOCK);
    await write("auth-users.standard-scrypt.json", { users: [user(2), user(3)] });
    const block =
      "hash_config {\n  algorithm: STANDARD_SCRYPT,\n  mem_cost: 15,\n  rounds: 8,\n  parallelization: 1,\n  dk_len: 32,\n}\n";
    await write("auth-hash-config.standard-scrypt.txt", block);
    const auth = await readAuthUsers(dir);
    expect(auth?.complete).toBe(true);
    expect(auth!.users.map((u) => u.uid)).toEqual(["u1", "u2", "u3"]);
    expect([...auth!.standardUids]).toEqual(["u2", "u3"]);
    expect(auth!.hashConfig?.algorithm).toBe("SCRYPT");
    expect(auth!.standardHashConfig).toEqual({
      algorithm: "STANDARD_SCRYPT",
      memCost: 15,
      rounds: 8,
      parallelization: 1,
      dkLen: 32,
    });
  });

  it("stops on standard-scrypt users without their parameters, or one repeating a uid", async () => {
    await write("auth-users.standard-scrypt.json", { users: [user(2)] });
    const alone = await readAuthUsers(dir);
    expect(alone?.complete).toBe(false);
    expect(alone!.items.find((i) => i.name === "password hash parameters")?.detail).toMatch(
      /no auth-hash-config\.standard-scrypt\.txt/,
    );
    await write("auth-users.json", {
      users: [user(2, { passwordHash: undefined, salt: undefined })],
    });
    const twice = await readAuthUsers(dir);
    expect(twice!.items.some((i) => /uid u2 is also the user/.test(i.detail))).toBe(true);
  });
});
