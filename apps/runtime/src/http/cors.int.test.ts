import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "../testing/index.js";

const APP_ORIGIN = "http://127.0.0.1:5173";
const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /notes/{id} {
      allow read, write: if request.auth != null;
    }
  }
}`;

describe("CORS on the runtime's routes", () => {
  const database = useTestDatabase("runtime_cors");
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let serviceKey: string;
  /** Every answer of the file: none may set a cookie or allow credentials. */
  const answers: LightMyRequestResponse[] = [];
  const call = async (
    method: "GET" | "POST" | "PATCH" | "PUT" | "OPTIONS",
    url: string,
    headers: Record<string, string> = {},
    payload?: InjectOptions["payload"],
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: { origin: APP_ORIGIN, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
    answers.push(res);
    return res;
  };
  const expectCors = (res: LightMyRequestResponse) => {
    expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    expect(res.headers.vary).toBe("Origin");
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    app = runtime.app;
    serviceKey = await runtime.createProject("cors-app");
    const admin = { authorization: `Bearer ${serviceKey}` };
    const rules = await call(
      "PUT",
      "/v1/projects/cors-app/admin/rules/firestore",
      {
        ...admin,
        "content-type": "text/plain",
      },
      RULES,
    );
    expect(rules.statusCode, rules.body).toBe(200);
  });
  afterAll(() => runtime.close());

  it("answers the preflight of a document commit with 204, before any credential check", async () => {
    const res = await call("OPTIONS", "/v1/projects/cors-app/documents:commit", {
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,content-type",
    });
    expect(res.statusCode).toBe(204);
    expectCors(res);
    expect(res.headers["access-control-allow-headers"]).toContain("authorization");
    expect(res.headers["access-control-allow-headers"]).toContain("content-type");
  });

  it("lets an app sign in and read through the answers' CORS headers", async () => {
    const refused = await call("POST", "/v1/projects/cors-app/auth/signInAnonymously");
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: "failed-precondition" } });
    expectCors(refused);
    const enabled = await call(
      "PATCH",
      "/v1/projects/cors-app/admin/config",
      { authorization: `Bearer ${serviceKey}` },
      { auth: { anonymous: { enabled: true } } },
    );
    expect(enabled.statusCode, enabled.body).toBe(200);
    expectCors(enabled);
    const signedIn = await call("POST", "/v1/projects/cors-app/auth/signInAnonymously");
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expectCors(signedIn);
    const { idToken } = signedIn.json() as { idToken: string };
    const missing = await call("GET", "/v1/projects/cors-app/documents/notes/absent", {
      authorization: `Bearer ${idToken}`,
    });
    expect(missing.statusCode).toBe(404);
    expectCors(missing);
  });

  it.each([
    [
      "a forged ID token",
      401,
      "unauthenticated",
      "/v1/projects/cors-app/documents/notes/a",
      "x.y.z",
    ],
    [
      "no credentials where the rules want some",
      403,
      "permission-denied",
      "/v1/projects/cors-app/documents/notes/a",
      null,
    ],
    ["an unknown project", 404, "not-found", "/v1/projects/no-such-app/documents/notes/a", null],
    ["an unknown route", 404, "not-found", "/v1/nowhere", null],
    ["a wrong admin key", 401, "unauthenticated", "/v1/admin/projects", "not-the-operator-key"],
  ] as const)(
    "carries the headers on the error for %s",
    async (_case, status, code, url, token) => {
      const res = await call("GET", url, token ? { authorization: `Bearer ${token}` } : {});
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json()).toMatchObject({ error: { code } });
      expectCors(res);
    },
  );

  it("carries them on the operator's admin API, which also authenticates with a bearer key", async () => {
    const res = await call("GET", "/v1/admin/projects", {
      authorization: `Bearer ${TEST_ADMIN_KEY}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expectCors(res);
  });

  it("carries them on an OpenID Connect refusal, which a page sees only with them", async () => {
    const res = await call(
      "POST",
      "/v1/projects/cors-app/auth/oidc/google/start",
      {},
      {
        redirectUri: `${APP_ORIGIN}/auth/done`,
      },
    );
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.json()).toHaveProperty("error.code");
    expectCors(res);
  });

  // Cross-origin pages are allowed because nothing is authenticated by cookie: if a route ever
  // set one, allowing every origin would need rethinking.
  it("never sets a cookie nor allows credentials, on any answer above", () => {
    expect(answers.length).toBeGreaterThan(10);
    for (const res of answers) {
      expect(res.headers["set-cookie"]).toBeUndefined();
      expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    }
  });
});
