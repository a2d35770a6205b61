import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isSecretStoreError } from "./errors.js";
import {
  describeSecretStore,
  expectNoLeak,
  startVaultKv2Server,
  type VaultKv2Server,
} from "./testing/index.js";
import { VaultSecretStore } from "./vault-secret-store.js";

let vault: VaultKv2Server;
beforeAll(async () => {
  vault = await startVaultKv2Server();
});
afterAll(() => vault.close());

/** An endpoint where nothing listens: a port the kernel gave us, then closed. */
async function closedEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describeSecretStore("VaultSecretStore", async () => {
  // One server for the file; a path prefix per test keeps the tests apart.
  const pathPrefix = `winky-${randomBytes(4).toString("hex")}`;
  const open = (token: string, endpoint = vault.endpoint) =>
    new VaultSecretStore({ endpoint, token, pathPrefix });
  return {
    store: open(vault.token),
    location: vault.endpoint,
    credentials: [vault.token],
    withWrongCredentials: () => open(`hvs.${randomBytes(18).toString("base64url")}`),
    wrongCredentialsCode: "unavailable",
    unreachable: async () => {
      const endpoint = await closedEndpoint();
      return { store: open(vault.token, endpoint), location: endpoint };
    },
  };
});

describe("VaultSecretStore against the KV v2 API", () => {
  const stores: VaultSecretStore[] = [];
  const open = (options: Partial<ConstructorParameters<typeof VaultSecretStore>[0]> = {}) => {
    const store = new VaultSecretStore({
      endpoint: vault.endpoint,
      token: vault.token,
      ...options,
    });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    vault.unseal();
    for (const store of stores.splice(0)) await store.close();
  });

  it("keeps NAME of project p at <mount>/data/<prefix>/p/NAME, as { value }", async () => {
    const store = open({ pathPrefix: "apps/winky" });
    const before = vault.requests.length;
    await store.set("p-paths", "API_KEY", "v");
    await store.get("p-paths", "API_KEY", { version: 1 });
    await store.list("p-paths");
    await store.delete("p-paths", "API_KEY");
    expect(vault.requests.slice(before)).toEqual([
      { method: "POST", path: "/v1/secret/data/apps/winky/p-paths/API_KEY" },
      { method: "GET", path: "/v1/secret/data/apps/winky/p-paths/API_KEY?version=1" },
      { method: "LIST", path: "/v1/secret/metadata/apps/winky/p-paths" },
      { method: "GET", path: "/v1/secret/metadata/apps/winky/p-paths/API_KEY" },
      { method: "GET", path: "/v1/secret/metadata/apps/winky/p-paths/API_KEY" },
      { method: "DELETE", path: "/v1/secret/metadata/apps/winky/p-paths/API_KEY" },
    ]);
  });

  it("reads a mount given with slashes and no prefix", async () => {
    const store = open({ mount: "/secret/", pathPrefix: "" });
    await store.set("p-flat", "FLAT", "flat");
    expect(vault.requests.at(-1)).toEqual({
      method: "POST",
      path: "/v1/secret/data/p-flat/FLAT",
    });
  });

  it("skips keys it did not write (folders, lower-case) when listing", async () => {
    const writer = open({ pathPrefix: "mixed" });
    await writer.set("p-mixed", "MINE", "m");
    // Written by someone else under the same folder: a nested key and a non-env name.
    await fetch(`${vault.endpoint}/v1/secret/data/mixed/p-mixed/sub/INNER`, {
      method: "POST",
      headers: { "X-Vault-Token": vault.token },
      body: JSON.stringify({ data: { value: "x" } }),
    });
    await fetch(`${vault.endpoint}/v1/secret/data/mixed/p-mixed/lower`, {
      method: "POST",
      headers: { "X-Vault-Token": vault.token },
      body: JSON.stringify({ data: { value: "x" } }),
    });
    expect((await writer.list("p-mixed")).map((s) => s.name)).toEqual(["MINE"]);
  });

  it("reports an entry without a string value as corrupt, without showing it", async () => {
    const store = open({ pathPrefix: "foreign" });
    await fetch(`${vault.endpoint}/v1/secret/data/foreign/p-foreign/OTHER`, {
      method: "POST",
      headers: { "X-Vault-Token": vault.token },
      body: JSON.stringify({ data: { password: "foreign-canary" } }),
    });
    const e = await store.get("p-foreign", "OTHER").catch((error: unknown) => error);
    expect(isSecretStoreError(e) && e.code).toBe("corrupt");
    expect((e as Error).message).toContain('no string "value"');
    expectNoLeak(e, ["foreign-canary"]);
  });

  it("reports a sealed Vault as unavailable, with the status and the endpoint", async () => {
    const store = open();
    vault.seal();
    const e = await store.list("p-sealed").catch((error: unknown) => error);
    expect(e).toMatchObject({
      code: "unavailable",
      message: `Vault at ${vault.endpoint} could not list the secrets of project p-sealed: it answered 503 (sealed, or in standby)`,
    });
  });

  it("says permission denied for a wrong token and never shows either token", async () => {
    const wrong = `hvs.${randomBytes(18).toString("base64url")}`;
    const store = open({ token: wrong });
    const e = await store.set("p-denied", "X", "denied-canary").catch((error: unknown) => error);
    expect((e as Error).message).toBe(
      `Vault at ${vault.endpoint} refused to write secret X of project p-denied: permission ` +
        "denied (check the token and its policy)",
    );
    expectNoLeak(e, [wrong, vault.token, "denied-canary"]);
  });

  it("names the network error when Vault cannot be reached, and not the token", async () => {
    const endpoint = await closedEndpoint();
    const e = await open({ endpoint })
      .set("p-down", "X", "down-canary")
      .catch((error: unknown) => error);
    expect((e as Error).message).toBe(
      `cannot reach Vault at ${endpoint} to write secret X of project p-down (ECONNREFUSED)`,
    );
    expectNoLeak(e, [vault.token, "down-canary"]);
  });

  it("shows the endpoint without user info, and never the token, when inspected", () => {
    const url = new URL(vault.endpoint);
    url.username = "ops";
    url.password = "basic-canary";
    const store = open({ endpoint: url.href });
    expect(store.endpoint).toBe(vault.endpoint);
    const shown = inspect(store, { depth: Infinity, showHidden: true }) + JSON.stringify(store);
    expect(shown).not.toContain(vault.token);
    expect(shown).not.toContain("basic-canary");
  });

  it("refuses a malformed configuration without echoing it", () => {
    const bad = [
      { endpoint: "vault.internal:8200", token: "t" },
      { endpoint: vault.endpoint, token: " " },
      { endpoint: vault.endpoint, token: "t", mount: "../sys" },
      { endpoint: vault.endpoint, token: "t", pathPrefix: "a//b" },
    ];
    for (const options of bad) {
      expect(() => new VaultSecretStore(options)).toThrow(/^invalid Vault configuration: /);
    }
  });

  it("ignores VAULT_PREFIX in the environment, which node-vault would prepend", async () => {
    const saved = process.env.VAULT_PREFIX;
    process.env.VAULT_PREFIX = "/sneaky";
    try {
      const store = open({ pathPrefix: "env" });
      await store.set("p-env", "X", "x");
      expect(vault.requests.at(-1)?.path).toBe("/v1/secret/data/env/p-env/X");
    } finally {
      if (saved === undefined) delete process.env.VAULT_PREFIX;
      else process.env.VAULT_PREFIX = saved;
    }
  });
});
