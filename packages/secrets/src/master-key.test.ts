import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeMasterKey, resolveMasterKey } from "./master-key.js";

describe("resolveMasterKey", () => {
  let dir: string;
  let keyFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-master-key-"));
    keyFile = path.join(dir, "state", "master.key");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("uses WINKY_MASTER_KEY when it is set, and touches no file", async () => {
    const key = randomBytes(32);
    const resolved = await resolveMasterKey({ envKey: key.toString("base64url"), keyFile });
    expect(resolved.source).toBe("env");
    expect(resolved.key.equals(key)).toBe(true);
    await expect(stat(keyFile)).rejects.toThrow("ENOENT");
  });

  it("accepts the key in standard base64 too", async () => {
    const key = randomBytes(32);
    const resolved = await resolveMasterKey({ envKey: key.toString("base64"), keyFile });
    expect(resolved.key.equals(key)).toBe(true);
  });

  it("refuses a WINKY_MASTER_KEY that is not 32 bytes, without echoing it", async () => {
    const bad = randomBytes(16).toString("base64url");
    const e = await resolveMasterKey({ envKey: bad, keyFile }).catch((error: unknown) => error);
    expect(e).toMatchObject({ name: "ConfigError" });
    expect((e as Error).message).toContain("WINKY_MASTER_KEY must be 32 random bytes");
    expect((e as Error).message).not.toContain(bad);
  });

  it("generates a key file of mode 0600 once, then reads it back", async () => {
    const first = await resolveMasterKey({ keyFile });
    expect(first.source).toBe("generated");
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(keyFile))).mode & 0o777).toBe(0o700);
    const again = await resolveMasterKey({ keyFile, envKey: "" });
    expect(again.source).toBe("key-file");
    expect(again.key.equals(first.key)).toBe(true);
  });

  it("agrees on one key when several callers create the file at once", async () => {
    const keys = await Promise.all(Array.from({ length: 6 }, () => resolveMasterKey({ keyFile })));
    expect(keys.filter((k) => k.source === "generated")).toHaveLength(1);
    expect(new Set(keys.map((k) => k.key.toString("hex"))).size).toBe(1);
  });

  it("refuses a key file readable by others, naming the file and the fix", async () => {
    await resolveMasterKey({ keyFile });
    await chmod(keyFile, 0o644);
    await expect(resolveMasterKey({ keyFile })).rejects.toThrow(
      `the master key file ${keyFile} has mode 0644; it must be readable by its owner only: ` +
        `chmod 600 ${keyFile}`,
    );
  });

  it("refuses a key file that does not hold a key, without quoting it", async () => {
    await resolveMasterKey({ keyFile });
    await writeFile(keyFile, "not-a-key-canary\n", { mode: 0o600 });
    const e = await resolveMasterKey({ keyFile }).catch((error: unknown) => error);
    expect((e as Error).message).toContain(`the master key file ${keyFile} is invalid`);
    expect((e as Error).message).not.toContain("canary");
  });

  it("writes the key as base64url text that decodeMasterKey reads", async () => {
    const { key } = await resolveMasterKey({ keyFile });
    expect(decodeMasterKey(await readFile(keyFile, "utf8")).equals(key)).toBe(true);
  });
});
