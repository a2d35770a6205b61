import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EncryptedFileSecretStore } from "./encrypted-file-secret-store.js";
import { isSecretStoreError } from "./errors.js";
import { describeSecretStore, expectNoLeak } from "./testing/index.js";

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "winky-secrets-"));
}

describeSecretStore("EncryptedFileSecretStore", async () => {
  const dir = await tempDir();
  const file = path.join(dir, "secrets.json");
  const masterKey = randomBytes(32);
  return {
    store: new EncryptedFileSecretStore({ file, masterKey }),
    location: file,
    credentials: [masterKey.toString("base64url"), masterKey.toString("base64")],
    withWrongCredentials: () => new EncryptedFileSecretStore({ file, masterKey: randomBytes(32) }),
    wrongCredentialsCode: "corrupt",
    unreachable: async () => {
      // A regular file where a directory should be: every read and write fails with ENOTDIR.
      await writeFile(path.join(dir, "not-a-dir"), "");
      const blocked = path.join(dir, "not-a-dir", "secrets.json");
      return {
        store: new EncryptedFileSecretStore({ file: blocked, masterKey }),
        location: blocked,
      };
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe("EncryptedFileSecretStore on disk", () => {
  let dir: string;
  let file: string;
  const masterKey = randomBytes(32);
  beforeEach(async () => {
    dir = await tempDir();
    file = path.join(dir, "nested", "secrets.json");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("writes a file of mode 0600 holding no value in the clear", async () => {
    const store = new EncryptedFileSecretStore({ file, masterKey });
    await store.set("p-disk", "DB_PASSWORD", "correct horse battery staple");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, "utf8");
    expect(text).not.toContain("correct horse");
    const json = JSON.parse(text);
    expect(json.format).toBe("winky-secrets/1");
    const version = json.projects["p-disk"].DB_PASSWORD.versions[0];
    expect(version).toMatchObject({ version: 1, ciphertext: expect.stringMatching(/^v1:/) });
  });

  it("uses a fresh IV for every version, so equal values differ on disk", async () => {
    const store = new EncryptedFileSecretStore({ file, masterKey });
    await store.set("p-disk", "SAME", "same value");
    await store.set("p-disk", "SAME", "same value");
    const versions = JSON.parse(await readFile(file, "utf8")).projects["p-disk"].SAME.versions;
    expect(versions[0].ciphertext).not.toBe(versions[1].ciphertext);
  });

  it("refuses a ciphertext moved to another secret, naming the entry and the file", async () => {
    const store = new EncryptedFileSecretStore({ file, masterKey });
    await store.set("p-disk", "SOURCE", "moved value");
    await store.set("p-disk", "TARGET", "target value");
    const json = JSON.parse(await readFile(file, "utf8"));
    const secrets = json.projects["p-disk"];
    secrets.TARGET.versions[0].ciphertext = secrets.SOURCE.versions[0].ciphertext;
    await writeFile(file, JSON.stringify(json));
    const e = await store.get("p-disk", "TARGET").catch((error: unknown) => error);
    expect(isSecretStoreError(e) && e.code).toBe("corrupt");
    expect((e as Error).message).toContain("version 1 of secret TARGET of project p-disk");
    expect((e as Error).message).toContain(file);
    expect((await store.get("p-disk", "SOURCE")).value.reveal()).toBe("moved value");
  });

  it("reports a file that is not JSON as corrupt, naming it and quoting nothing", async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"format": "winky-secrets/1", "keyCheck": "hunter2-canary');
    const e = await new EncryptedFileSecretStore({ file, masterKey })
      .list("p-disk")
      .catch((error: unknown) => error);
    expect(isSecretStoreError(e) && e.code).toBe("corrupt");
    expect((e as Error).message).toBe(`the secrets file ${file} is damaged: it is not valid JSON`);
    expectNoLeak(e, ["hunter2-canary"]);
  });

  it("reports a malformed entry by its place in the file", async () => {
    const store = new EncryptedFileSecretStore({ file, masterKey });
    await store.set("p-disk", "SHAPE", "v");
    const json = JSON.parse(await readFile(file, "utf8"));
    json.projects["p-disk"].SHAPE.versions[0].version = "one";
    await writeFile(file, JSON.stringify(json));
    await expect(store.list("p-disk")).rejects.toThrow(
      'projects["p-disk"]["SHAPE"].versions[0] is malformed',
    );
  });

  it("sees the writes of another store on the same file at once", async () => {
    const a = new EncryptedFileSecretStore({ file, masterKey });
    const b = new EncryptedFileSecretStore({ file, masterKey });
    await a.set("p-disk", "SHARED", "from a");
    expect((await b.get("p-disk", "SHARED")).value.reveal()).toBe("from a");
    await Promise.all([a.set("p-disk", "SHARED", "a2"), b.set("p-disk", "SHARED", "b2")]);
    expect((await a.versions("p-disk", "SHARED")).map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it("keeps as many versions as maxVersions says", async () => {
    const store = new EncryptedFileSecretStore({ file, masterKey, maxVersions: 2 });
    for (const v of ["1", "2", "3"]) await store.set("p-disk", "FEW", v);
    expect((await store.versions("p-disk", "FEW")).map((v) => v.version)).toEqual([2, 3]);
  });

  it("removes a lock file left by a process that no longer exists", async () => {
    const store = new EncryptedFileSecretStore({ file, masterKey });
    await store.set("p-disk", "FIRST", "1");
    // 2^22 + 1 is above Linux's largest pid, so no process has it.
    await writeFile(`${file}.lock`, `${2 ** 22 + 1}\n`);
    await store.set("p-disk", "SECOND", "2");
    expect((await store.list("p-disk")).map((s) => s.name)).toEqual(["FIRST", "SECOND"]);
  });

  it("fails a write, naming the lock file and its holder, when a live process keeps it", async () => {
    const store = new EncryptedFileSecretStore({ file, masterKey, lockTimeoutMs: 50 });
    await store.set("p-disk", "FIRST", "1");
    await writeFile(`${file}.lock`, `${process.pid}\n`);
    const e = await store.set("p-disk", "SECOND", "2").catch((error: unknown) => error);
    expect(isSecretStoreError(e) && e.code).toBe("unavailable");
    expect((e as Error).message).toContain(`${file}.lock`);
    expect((e as Error).message).toContain(`by process ${process.pid}`);
    expect((await store.list("p-disk")).map((s) => s.name)).toEqual(["FIRST"]);
  });

  it("refuses a master key that is not 32 bytes", () => {
    expect(() => new EncryptedFileSecretStore({ file, masterKey: randomBytes(16) })).toThrow(
      "the master key must be 32 bytes",
    );
  });
});
