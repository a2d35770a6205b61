import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, deployOnlySandbox, type TestRuntime } from "../testing/index.js";

const SOURCE = `// kept as sent
export default async function handler(event: { n: number }) {
  return { doubled: event.n * 2 };
}
`;

describe("GET …/admin/functions/:name", () => {
  const database = useTestDatabase("runtime_function_source");
  let runtime: TestRuntime;
  let key: string;
  const call = (method: "GET" | "PUT", url: string, payload?: object, token = key) =>
    runtime.app.inject({
      method,
      url: `/v1/projects/src-app/admin/functions${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    // Deploying bundles and stores: no function runs, so no real sandbox is needed.
    runtime = await createTestRuntime(database.url, {
      functions: { sandbox: deployOnlySandbox() },
    });
    key = await runtime.createProject("src-app");
  });
  afterAll(() => runtime?.close());

  it("answers the live version with its config and the source as deployed", async () => {
    const trigger = { kind: "document", event: "create", path: "notes/{id}" };
    const first = await call("PUT", "/double", { source: "export default () => 1;", trigger });
    expect(first.statusCode, first.body).toBe(200);
    const second = await call("PUT", "/double", {
      source: SOURCE,
      trigger,
      memoryMb: 512,
      timeoutMs: 5000,
      secrets: ["MAIL_API_KEY"],
    });
    expect(second.statusCode, second.body).toBe(200);
    const res = await call("GET", "/double");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      name: "double",
      version: 2,
      trigger,
      memoryMb: 512,
      timeoutMs: 5000,
      secrets: ["MAIL_API_KEY"],
      source: SOURCE,
    });
  });

  it("refuses an unknown function, a bad name, and a caller without the key", async () => {
    expect((await call("GET", "/nothing")).statusCode).toBe(404);
    expect((await call("GET", "/9bad")).statusCode).toBe(400);
    expect((await call("GET", "/double", undefined, "")).statusCode).toBe(401);
  });

  it("says why a version deployed before sources were kept cannot be read", async () => {
    await runtime.pool.query("update runtime.functions set source = null where name = 'double'");
    const res = await call("GET", "/double");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/deploy it again to export it/);
  });
});
