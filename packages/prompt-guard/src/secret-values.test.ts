import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { EncryptedFileSecretStore, SecretStoreError, type SecretStore } from "@winky/secrets";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPromptGuard } from "./guard.js";
import { fixedSecretValues, secretStoreValues, type ListableSecretStore } from "./secret-values.js";

// The adapter is typed by shape; this line fails to compile if @winky/secrets' store drifts.
const _fits: (store: SecretStore) => ListableSecretStore = (store) => store;

describe("secretStoreValues", () => {
  let dir: string;
  let store: EncryptedFileSecretStore;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-prompt-guard-"));
    store = new EncryptedFileSecretStore({
      file: path.join(dir, "secrets.json"),
      masterKey: randomBytes(32),
    });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("reads the latest value of every secret of each scope from a real store", async () => {
    await store.set("corner-shop", "GIT_PUSH_TOKEN", "first-push-token-1");
    await store.set("corner-shop", "GIT_PUSH_TOKEN", "second-push-token-2");
    await store.set("corner-shop", "STRIPE_KEY", "stripe-value-3");
    await store.set("other-app", "API_KEY", "other-api-key-4");
    await store.set("not-asked", "API_KEY", "never-read-5");
    const values = await secretStoreValues(store, [
      "corner-shop",
      "other-app",
      "empty-one",
    ]).values();
    expect(values).toEqual([
      { name: "GIT_PUSH_TOKEN", value: "second-push-token-2" },
      { name: "STRIPE_KEY", value: "stripe-value-3" },
      { name: "API_KEY", value: "other-api-key-4" },
    ]);
    const guard = createPromptGuard({ secrets: secretStoreValues(store, ["corner-shop"]) });
    expect((await guard.clean("use stripe-value-3")).value).toBe(
      "use [redacted: secret STRIPE_KEY]",
    );
  });

  it("skips a secret deleted between list and get, and fails on any other store error", async () => {
    const racing: ListableSecretStore = {
      list: () => Promise.resolve([{ name: "GONE" }, { name: "KEPT" }]),
      get: (_project, name) =>
        name === "GONE"
          ? Promise.reject(new SecretStoreError("not-found", "no secret GONE"))
          : Promise.resolve({ value: { reveal: () => "kept-value-1" } }),
    };
    expect(await secretStoreValues(racing, ["p1"]).values()).toEqual([
      { name: "KEPT", value: "kept-value-1" },
    ]);
    const down: ListableSecretStore = {
      ...racing,
      get: () => Promise.reject(new SecretStoreError("unavailable", "file locked")),
    };
    await expect(secretStoreValues(down, ["p1"]).values()).rejects.toThrow("file locked");
  });
});

describe("fixedSecretValues", () => {
  it("lists the values it was given by name, without empty or missing ones", async () => {
    const values = await fixedSecretValues({
      ADMIN: "admin-key-1",
      EMPTY: "",
      MISSING: undefined,
    }).values();
    expect(values).toEqual([{ name: "ADMIN", value: "admin-key-1" }]);
  });
});
