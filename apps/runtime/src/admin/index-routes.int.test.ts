import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "../testing/index.js";

const byStatusThenScore = {
  collectionGroup: "posts",
  queryScope: "COLLECTION",
  fields: [
    { fieldPath: "status", order: "ASCENDING" },
    { fieldPath: "score", order: "DESCENDING" },
  ],
};

describe("composite index admin API", () => {
  const database = useTestDatabase("runtime_index_routes");
  let runtime: TestRuntime;
  let key: string;
  let otherKey: string;

  const indexes = (method: "GET" | "PUT", payload?: unknown, as = key, project = "idx-app") =>
    runtime.app.inject({
      method,
      url: `/v1/projects/${project}/admin/indexes`,
      headers: { authorization: `Bearer ${as}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const entryCount = async () =>
    Number(
      (
        await runtime.pool.query<{ n: string }>(
          "select count(*) as n from runtime.index_entries where project_id = 'idx-app' and mode = 'composite'",
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    key = await runtime.createProject("idx-app");
    otherKey = await runtime.createProject("other-app");
    const writes = ["a", "b", "c"].map((id, i) => ({
      update: {
        name: `posts/${id}`,
        fields: {
          status: { stringValue: i === 2 ? "draft" : "open" },
          ...(id === "b" ? {} : { score: { integerValue: String(i) } }),
        },
      },
    }));
    const res = await runtime.app.inject({
      method: "POST",
      url: "/v1/projects/idx-app/documents:commit",
      headers: { authorization: `Bearer ${key}` },
      payload: { writes },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => runtime.close());

  it("deploys a firestore.indexes.json, building the index from stored documents", async () => {
    const res = await indexes("PUT", { indexes: [byStatusThenScore], fieldOverrides: [] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, deleted: 0, indexes: [byStatusThenScore] });
    // b has no score: like Firestore, it is not in the index.
    expect(await entryCount()).toBe(2);
    expect((await indexes("GET")).json()).toEqual({
      indexes: [byStatusThenScore],
      fieldOverrides: [],
    });
    // Deploying the same file again changes nothing.
    expect((await indexes("PUT", { indexes: [byStatusThenScore] })).json()).toMatchObject({
      created: 0,
      deleted: 0,
    });
  });

  it("rejects a bad file with the path of the problem, and keeps the deployed indexes", async () => {
    const bad = {
      indexes: [
        byStatusThenScore,
        {
          ...byStatusThenScore,
          fields: [
            { fieldPath: "a", order: "UP" },
            { fieldPath: "b", order: "ASCENDING" },
          ],
        },
      ],
    };
    const res = await indexes("PUT", bad);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: "invalid-argument",
        message: "indexes[1].fields[0].order: expected ASCENDING or DESCENDING",
      },
    });
    expect((await indexes("GET")).json()).toMatchObject({ indexes: [byStatusThenScore] });
    expect(await entryCount()).toBe(2);
  });

  it("warns about field overrides it does not apply", async () => {
    const res = await indexes("PUT", {
      indexes: [byStatusThenScore],
      fieldOverrides: [{ collectionGroup: "posts", fieldPath: "body", indexes: [] }],
    });
    expect(res.json().warnings).toEqual([expect.stringMatching(/posts\.body\) is not applied/)]);
  });

  it("is for the project's admins only", async () => {
    expect((await indexes("GET", undefined, otherKey)).statusCode).toBe(403);
    expect((await indexes("PUT", { indexes: [] }, "nope")).statusCode).toBe(401);
    const missing = await indexes("GET", undefined, TEST_ADMIN_KEY, "missing-app");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      error: { code: "not-found", details: { reason: "project-not-found" } },
    });
  });

  it("drops indexes left out of the file, with their entries", async () => {
    const res = await indexes("PUT", { indexes: [] });
    expect(res.json()).toMatchObject({ created: 0, deleted: 1, indexes: [] });
    expect(await entryCount()).toBe(0);
  });
});
