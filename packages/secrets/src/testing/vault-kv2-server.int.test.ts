// The KV v2 test double answers with the shapes of Vault's API documentation
// (developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2), so stores tested against it work
// against Vault.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVaultKv2Server, type VaultKv2Server } from "./vault-kv2-server.js";

let vault: VaultKv2Server;
beforeAll(async () => {
  vault = await startVaultKv2Server({ token: "root-token", maxVersions: 3 });
});
afterAll(() => vault.close());

async function call(method: string, path: string, body?: unknown, token = "root-token") {
  const res = await fetch(`${vault.endpoint}/v1/${path}`, {
    method,
    headers: { "X-Vault-Token": token },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? undefined : JSON.parse(text) };
}

const TIME = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);

describe("the local Vault KV v2 server", () => {
  it("creates versions and answers writes with the version's metadata", async () => {
    const first = await call("POST", "secret/data/app/one", { data: { foo: "bar" } });
    expect(first).toEqual({
      status: 200,
      body: expect.objectContaining({
        lease_id: "",
        renewable: false,
        data: {
          created_time: TIME,
          custom_metadata: null,
          deletion_time: "",
          destroyed: false,
          version: 1,
        },
      }),
    });
    const second = await call("POST", "secret/data/app/one", { data: { foo: "baz" } });
    expect(second.body.data.version).toBe(2);
  });

  it("reads the latest or a given version as { data, metadata }", async () => {
    await call("POST", "secret/data/app/read", { data: { foo: "v1" } });
    await call("POST", "secret/data/app/read", { data: { foo: "v2" } });
    const latest = await call("GET", "secret/data/app/read");
    expect(latest.body.data).toEqual({
      data: { foo: "v2" },
      metadata: {
        created_time: TIME,
        custom_metadata: null,
        deletion_time: "",
        destroyed: false,
        version: 2,
      },
    });
    const first = await call("GET", "secret/data/app/read?version=1");
    expect(first.body.data.data).toEqual({ foo: "v1" });
    expect(await call("GET", "secret/data/app/read?version=7")).toEqual({
      status: 404,
      body: { errors: [] },
    });
    expect(await call("GET", "secret/data/app/missing")).toEqual({
      status: 404,
      body: { errors: [] },
    });
  });

  it("applies check-and-set", async () => {
    await call("POST", "secret/data/app/cas", { options: { cas: 0 }, data: { a: "1" } });
    expect(await call("POST", "secret/data/app/cas", { options: { cas: 0 }, data: {} })).toEqual({
      status: 400,
      body: { errors: ["check-and-set parameter did not match the current version"] },
    });
    expect(
      (await call("POST", "secret/data/app/cas", { options: { cas: 1 }, data: {} })).status,
    ).toBe(200);
  });

  it("describes a key's versions in its metadata, keeping max_versions of them", async () => {
    for (const v of ["1", "2", "3", "4"])
      await call("POST", "secret/data/app/meta", { data: { v } });
    const meta = await call("GET", "secret/metadata/app/meta");
    expect(meta.body.data).toEqual({
      cas_required: false,
      created_time: TIME,
      current_version: 4,
      custom_metadata: null,
      delete_version_after: "0s",
      max_versions: 0,
      oldest_version: 2,
      updated_time: TIME,
      versions: {
        "2": { created_time: TIME, deletion_time: "", destroyed: false },
        "3": { created_time: TIME, deletion_time: "", destroyed: false },
        "4": { created_time: TIME, deletion_time: "", destroyed: false },
      },
    });
    expect((await call("GET", "secret/data/app/meta?version=1")).status).toBe(404);
  });

  it("soft-deletes the latest version: 404 with its metadata and no data", async () => {
    await call("POST", "secret/data/app/soft", { data: { v: "1" } });
    expect(await call("DELETE", "secret/data/app/soft")).toEqual({ status: 204, body: undefined });
    const read = await call("GET", "secret/data/app/soft");
    expect(read.status).toBe(404);
    expect(read.body.data).toEqual({
      data: null,
      metadata: {
        created_time: TIME,
        custom_metadata: null,
        deletion_time: TIME,
        destroyed: false,
        version: 1,
      },
    });
  });

  it("lists a folder's keys with LIST or ?list=true, folders ending in /", async () => {
    await call("POST", "secret/data/tree/leaf", { data: {} });
    await call("POST", "secret/data/tree/branch/deep", { data: {} });
    const expected = {
      status: 200,
      body: expect.objectContaining({ data: { keys: ["branch/", "leaf"] } }),
    };
    expect(await call("LIST", "secret/metadata/tree")).toEqual(expected);
    expect(await call("GET", "secret/metadata/tree/?list=true")).toEqual(expected);
    expect(await call("LIST", "secret/metadata/nothing-here")).toEqual({
      status: 404,
      body: { errors: [] },
    });
  });

  it("deletes a key's metadata and every version, idempotently", async () => {
    await call("POST", "secret/data/app/gone", { data: { v: "1" } });
    expect((await call("DELETE", "secret/metadata/app/gone")).status).toBe(204);
    expect((await call("DELETE", "secret/metadata/app/gone")).status).toBe(204);
    expect((await call("GET", "secret/metadata/app/gone")).status).toBe(404);
    expect((await call("POST", "secret/data/app/gone", { data: {} })).body.data.version).toBe(1);
  });

  it("answers 403 permission denied to a wrong or missing token", async () => {
    const denied = { status: 403, body: { errors: ["permission denied"] } };
    expect(await call("GET", "secret/data/app/one", undefined, "wrong")).toEqual(denied);
    expect(await call("GET", "secret/data/app/one", undefined, "")).toEqual(denied);
  });

  it("answers 404 outside its mount and 405 to operations it does not implement", async () => {
    expect((await call("GET", "other/data/x")).status).toBe(404);
    expect((await call("POST", "secret/metadata/app/one", { max_versions: 1 })).status).toBe(405);
  });

  it("answers 503 while sealed, whatever the token", async () => {
    vault.seal();
    try {
      expect(await call("GET", "secret/data/app/one", undefined, "wrong")).toEqual({
        status: 503,
        body: { errors: ["Vault is sealed"] },
      });
    } finally {
      vault.unseal();
    }
  });
});
