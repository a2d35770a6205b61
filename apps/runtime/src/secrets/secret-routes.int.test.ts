import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { EncryptedFileSecretStore } from "@winky/secrets";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../testing/index.js";

const VALUE = "sk_live_DO_NOT_LEAK_4242";

describe("secrets in the admin API", () => {
  const database = useTestDatabase("runtime_secrets");
  let runtime: TestRuntime;
  let dir: string;
  let key: string;
  const answers: string[] = [];

  const call = async (
    method: "GET" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
    as = key,
  ) => {
    const res = await runtime.app.inject({
      method,
      url: `/v1/projects/sec-app/admin/secrets${url}`,
      headers: { authorization: `Bearer ${as}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    answers.push(res.body);
    return res;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-secrets-"));
    const secrets = new EncryptedFileSecretStore({
      file: path.join(dir, "secrets.json"),
      masterKey: Buffer.alloc(32, 9),
    });
    runtime = await createTestRuntime(database.url, { secrets });
    key = await runtime.createProject("sec-app");
  });
  afterAll(async () => {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores versions, lists and deletes them, and never answers with a value", async () => {
    expect((await call("PUT", "/STRIPE_KEY", { value: VALUE })).json()).toMatchObject({
      name: "STRIPE_KEY",
      version: 1,
    });
    expect((await call("PUT", "/STRIPE_KEY", { value: `${VALUE}-2` })).json()).toMatchObject({
      version: 2,
    });
    expect((await call("GET", "")).json()).toMatchObject({
      secrets: [{ name: "STRIPE_KEY", version: 2 }],
    });
    expect((await call("GET", "/STRIPE_KEY")).json().versions).toHaveLength(2);
    expect((await call("DELETE", "/STRIPE_KEY")).statusCode).toBe(204);
    expect((await call("DELETE", "/STRIPE_KEY")).statusCode).toBe(404);
    const audit = await runtime.app.inject({
      method: "GET",
      url: "/v1/projects/sec-app/admin/audit",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(audit.json().entries.map((e: { action: string }) => e.action)).toContain(
      "PUT /v1/projects/:project/admin/secrets/:name",
    );
    answers.push(audit.body);
    expect(answers.join("\n")).not.toContain(VALUE);
  });

  it("refuses bad names and values with precise errors, writing nothing", async () => {
    const badName = await call("PUT", "/lower_case", { value: "x" });
    expect(badName.statusCode).toBe(400);
    expect(badName.json()).toMatchObject({
      error: { code: "invalid-argument", details: { reason: "invalid-name" } },
    });
    const tooLarge = await call("PUT", "/BIG", { value: "x".repeat(70_000) });
    expect(tooLarge.json()).toMatchObject({
      error: { code: "invalid-argument", details: { reason: "too-large" } },
    });
    expect((await call("PUT", "/NO_VALUE", {})).statusCode).toBe(400);
    expect((await call("GET", "")).json()).toEqual({ secrets: [] });
    const other = await runtime.createProject("sec-other");
    expect((await call("GET", "", undefined, other)).statusCode).toBe(403);
  });
});
