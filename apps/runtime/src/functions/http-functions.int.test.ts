import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bestSandbox,
  createFunctionsTestBed,
  type FunctionsTestBed,
} from "./functions.test-bed.js";
import { MAX_HTTP_FUNCTION_BODY } from "./http-function-routes.js";

const PROJECT = "http-app";

// Answers what it was asked, as JSON: the function sees a fetch Request.
const ECHO = `export default async (request, context) => ({
  method: request.method,
  url: request.url,
  path: new URL(request.url).pathname,
  q: new URL(request.url).searchParams.get("q"),
  header: request.headers.get("x-hello"),
  uid: context.auth ? context.auth.uid : null,
});`;
// Answers a Response of its own: status, headers, cookies and the bytes it got.
const MIRROR = `export default async (request) => {
  const headers = new Headers({ "content-type": "application/octet-stream", "x-mirror": "yes" });
  headers.append("set-cookie", "a=1; Path=/");
  headers.append("set-cookie", "b=2; Path=/");
  return new Response(await request.arrayBuffer(), { status: 201, headers });
};`;
const NOTHING = `export default () => undefined;`;
const BROKEN = `export default () => { throw new Error("secret internals"); };`;

const sandbox = await bestSandbox();
if (!sandbox.make) console.warn(`SKIPPED (${sandbox.label}): HTTP functions`);

describe.skipIf(!sandbox.make)(`HTTP functions (${sandbox.label})`, () => {
  const database = useTestDatabase("runtime_http_functions");
  let bed: FunctionsTestBed;
  const request = (
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    options: { headers?: Record<string, string>; payload?: Buffer | string } = {},
  ) =>
    bed.runtime.app.inject({
      method,
      url: `/v1/projects/${PROJECT}/http/${url}`,
      headers: options.headers ?? {},
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
    });

  beforeAll(async () => {
    bed = await createFunctionsTestBed(database.url, PROJECT, sandbox.make!);
    await bed.deploy("echo", ECHO, { kind: "http" });
    await bed.deploy("mirror", MIRROR, { kind: "http" });
    await bed.deploy("nothing", NOTHING, { kind: "http" });
    await bed.deploy("broken", BROKEN, { kind: "http" });
    await bed.deploy("callme", NOTHING, { kind: "callable" });
  }, 600_000);
  afterAll(async () => {
    await bed?.close();
  });

  it("hands the function a Request with the path after its name and the query", async () => {
    const res = await request("GET", "echo/items/42?q=cats", { headers: { "x-hello": "hi" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      method: "GET",
      url: "http://function.invalid/items/42?q=cats",
      path: "/items/42",
      q: "cats",
      header: "hi",
      uid: null,
    });
    expect((await request("GET", "echo")).json()).toMatchObject({ path: "/" });
  });

  it("serves the function's Response: status, headers, cookies and bytes", async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
    const res = await request("PUT", "mirror/upload", {
      headers: { "content-type": "application/x-anything" },
      payload: bytes,
    });
    expect(res.statusCode).toBe(201);
    expect(res.rawPayload).toEqual(bytes);
    expect(res.headers["x-mirror"]).toBe("yes");
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });

  it("gives the caller of a valid ID token as context.auth, and null for a bad one", async () => {
    const post = (p: string, payload: object) => bed.api("POST", `/auth/${p}`, payload, "");
    await post("signUp", { email: "ada@example.com", password: "correct horse battery" });
    const confirmed = await post("confirmSignUp", {
      token: bed.runtime.auth.stores.outbox.lastToken("ada@example.com"),
    });
    const { uid, idToken } = confirmed.json<{ uid: string; idToken: string }>();
    const signedIn = await request("GET", "echo", {
      headers: { authorization: `Bearer ${idToken}` },
    });
    expect(signedIn.json().uid).toBe(uid);
    const forged = await request("GET", "echo", { headers: { authorization: "Bearer nonsense" } });
    expect(forged.statusCode).toBe(200);
    expect(forged.json().uid).toBeNull();
  });

  it("answers 204 when the function returns nothing", async () => {
    const res = await request("DELETE", "nothing");
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
  });

  it("answers a failing function with 500 and no word of its internals", async () => {
    const res = await request("GET", "broken");
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toEqual({ code: "internal", message: "function 'broken' failed" });
    expect(res.body).not.toContain("secret internals");
  });

  it("serves only HTTP functions, and callables only as callables", async () => {
    expect((await request("GET", "nobody")).statusCode).toBe(404);
    const callable = await request("POST", "callme", { payload: "{}" });
    expect(callable.statusCode).toBe(404);
    expect(callable.json().error.message).toContain("no HTTP function 'callme'");
    const asCall = await bed.api("POST", "/functions/echo:call", { data: null }, "");
    expect(asCall.statusCode).toBe(404);
  });

  it("refuses a body over the limit", async () => {
    const res = await request("POST", "mirror", {
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.alloc(MAX_HTTP_FUNCTION_BODY + 1),
    });
    // The runtime's answer to every oversized body (docs/ERRORS.md).
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: "resource-exhausted" });
  });
});
