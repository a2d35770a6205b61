import { eventually, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangeFeed, createTestRuntime, type TestRuntime } from "../testing/index.js";

const RULES = (condition: string) =>
  `rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    match /notes/{id} { allow read: if ${condition}; }\n  }\n}\n`;

/**
 * Each process caches a project's settings; a change made through one process must reach
 * every other: two runtimes on one database, each with its change feed.
 */
describe("project settings caches", () => {
  const database = useTestDatabase("runtime_project_cache");
  const feeds: ChangeFeed[] = [];
  let a: TestRuntime;
  let b: TestRuntime;
  let key: string;

  const call = (
    runtime: TestRuntime,
    method: "GET" | "POST" | "PUT" | "PATCH",
    url: string,
    payload?: unknown,
    text = false,
  ) =>
    runtime.app.inject({
      method,
      url: `/v1/projects/cache-app${url}`,
      headers: {
        authorization: `Bearer ${key}`,
        ...(text ? { "content-type": "text/plain" } : {}),
      },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });

  beforeAll(async () => {
    for (let n = 0; n < 2; n++) {
      const feed = new ChangeFeed(database.url);
      await feed.start();
      feeds.push(feed);
    }
    a = await createTestRuntime(database.url, { changeFeed: feeds[0]! });
    b = await createTestRuntime(database.url, { changeFeed: feeds[1]! });
    key = await a.createProject("cache-app");
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    for (const feed of feeds) await feed.close();
  });

  it("applies rules deployed through another process", async () => {
    const read = async () =>
      (await b.app.inject({ method: "GET", url: "/v1/projects/cache-app/documents/notes/n1" }))
        .statusCode;
    expect(await read()).toBe(403); // no rules: deny all
    expect((await call(a, "PUT", "/admin/rules/firestore", RULES("true"), true)).statusCode).toBe(
      200,
    );
    await eventually(async () => expect(await read()).toBe(404));
    expect((await call(a, "PUT", "/admin/rules/firestore", RULES("false"), true)).statusCode).toBe(
      200,
    );
    await eventually(async () => expect(await read()).toBe(403));
  });

  it("applies config and indexes changed through another process", async () => {
    const query = {
      structuredQuery: {
        from: [{ collectionId: "notes" }],
        where: {
          fieldFilter: { field: { fieldPath: "tag" }, op: "EQUAL", value: { stringValue: "x" } },
        },
        orderBy: [{ field: { fieldPath: "at" }, direction: "DESCENDING" }],
      },
    };
    const run = async () => (await call(b, "POST", "/documents:runQuery", query)).statusCode;
    expect(await run()).toBe(200);
    expect((await call(a, "PATCH", "/admin/config", { strictIndexes: true })).statusCode).toBe(200);
    await eventually(async () => expect(await run()).toBe(400));
    const index = {
      indexes: [
        {
          collectionGroup: "notes",
          fields: [
            { fieldPath: "tag", order: "ASCENDING" },
            { fieldPath: "at", order: "DESCENDING" },
          ],
        },
      ],
    };
    expect((await call(a, "PUT", "/admin/indexes", index)).statusCode).toBe(200);
    await eventually(async () => expect(await run()).toBe(200));
  });
});
