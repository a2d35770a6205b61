import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EncryptedFileSecretStore } from "./encrypted-file-secret-store.js";
import { secretsAsEnv } from "./secrets-as-env.js";

describe("secretsAsEnv", () => {
  let dir: string;
  let store: EncryptedFileSecretStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-secrets-env-"));
    store = new EncryptedFileSecretStore({
      file: path.join(dir, "secrets.json"),
      masterKey: randomBytes(32),
    });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("gives the latest value of each named secret under its own name", async () => {
    await store.set("p-env", "DB_URL", "postgres://old");
    await store.set("p-env", "DB_URL", "postgres://new");
    await store.set("p-env", "API_KEY", "k-1");
    await store.set("p-env", "UNUSED", "u");
    const env = await secretsAsEnv(store, "p-env", ["DB_URL", "API_KEY", "DB_URL"]);
    expect(env).toEqual({ DB_URL: "postgres://new", API_KEY: "k-1" });
  });

  it("names every missing secret at once, and no value", async () => {
    await store.set("p-env", "PRESENT", "present-value");
    await expect(secretsAsEnv(store, "p-env", ["PRESENT", "ONE", "TWO"])).rejects.toMatchObject({
      code: "not-found",
      message: "project p-env has no secret ONE, TWO: set them before starting the function",
    });
  });

  it("refuses a name that cannot be an environment variable before reading anything", async () => {
    await expect(secretsAsEnv(store, "p-env", ["OK", "not-ok"])).rejects.toMatchObject({
      code: "invalid-name",
    });
  });

  it("gives an empty environment for no names", async () => {
    expect(await secretsAsEnv(store, "p-env", [])).toEqual({});
  });
});
