import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance } from "fastify";
import type pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../testing/index.js";

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /public/{id} {
      allow get: if resource.data.visible == true;
      allow create: if request.resource.data.keys().hasOnly(['title', 'visible'])
        && request.resource.data.title is string;
    }
    match /pairs/{id} {
      allow create: if existsAfter(/databases/$(database)/documents/pairs/$(request.resource.data.partner));
    }
    match /steps/{id} {
      allow create: if request.resource.data.n == 1;
      allow update: if request.resource.data.n == resource.data.n + 1
        && getAfter(/databases/$(database)/documents/steps/$(id)).data.n == 3;
    }
  }
}`;

/**
 * The documents API tests' setup: a runtime on a fresh database with projects `docs-app`
 * (rules above deployed) and `other-app`, and helpers to call it. Registers its hooks in the
 * calling file; read `app`, `pool` and the keys inside tests or hooks.
 */
export function useDocumentsApi(label: string) {
  const database = useTestDatabase(label);
  let runtime: TestRuntime;
  let key: string;
  let otherKey: string;

  const bed = {
    get app(): FastifyInstance {
      return runtime.app;
    },
    get pool(): pg.Pool {
      return runtime.pool;
    },
    get otherKey() {
      return otherKey;
    },
    commit: (writes: unknown[], headers: Record<string, string> = {}, project = "docs-app") =>
      runtime.app.inject({
        method: "POST",
        url: `/v1/projects/${project}/documents:commit`,
        headers,
        payload: { writes },
      }),
    asAdmin: () => ({ authorization: `Bearer ${key}` }),
    read: (path: string, headers: Record<string, string> = {}) =>
      runtime.app.inject({
        method: "GET",
        url: `/v1/projects/docs-app/documents/${path}`,
        headers,
      }),
    count: async (sql: string) => (await runtime.pool.query<{ n: number }>(sql)).rows[0]!.n,
    runQuery: (collectionId: string, where: unknown) =>
      runtime.app.inject({
        method: "POST",
        url: "/v1/projects/docs-app/documents:runQuery",
        headers: bed.asAdmin(),
        payload: { structuredQuery: { from: [{ collectionId }], where } },
      }),
    full: (path: string) => `projects/docs-app/databases/(default)/documents/${path}`,
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    key = await runtime.createProject("docs-app");
    otherKey = await runtime.createProject("other-app");
    const deployed = await runtime.app.inject({
      method: "PUT",
      url: "/v1/projects/docs-app/admin/rules/firestore",
      headers: { ...bed.asAdmin(), "content-type": "text/plain" },
      payload: RULES,
    });
    expect(deployed.statusCode, deployed.body).toBe(200);
  });
  afterAll(() => runtime.close());
  return bed;
}
