import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../testing/index.js";
import type { ChangeEvent } from "./event-log.js";

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{db}/documents {
    match /open/{id} { allow read, write: if true; }
  }
}`;

/** Every change appends its event in its own transaction: no change, no event; never twice. */
describe("the event log", () => {
  const database = useTestDatabase("runtime_events");
  let runtime: TestRuntime;
  let key: string;

  const commit = (writes: unknown[], as: string | null = key) =>
    runtime.app.inject({
      method: "POST",
      url: "/v1/projects/ev-app/documents:commit",
      headers: as ? { authorization: `Bearer ${as}` } : {},
      payload: { writes },
    });
  const events = async (query = "") => {
    const res = await runtime.app.inject({
      method: "GET",
      url: `/v1/projects/ev-app/admin/events${query}`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { events: ChangeEvent[] }).events;
  };
  const set = (name: string, n: number) => ({
    update: { name, fields: { n: { integerValue: String(n) } } },
  });

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    key = await runtime.createProject("ev-app");
    await runtime.app.inject({
      method: "PUT",
      url: "/v1/projects/ev-app/admin/rules/firestore",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
      payload: RULES,
    });
  });
  afterAll(() => runtime.close());

  it("records creates, updates and deletes with before and after, at the commit time", async () => {
    const created = await commit([set("notes/a", 1)]);
    await commit([set("notes/a", 2)]);
    await commit([{ delete: "notes/a" }]);
    await commit([{ delete: "notes/never" }]); // nothing to delete: no change, no event
    const log = await events();
    expect(log.map((e) => [e.kind, e.subject, e.before?.n, e.after?.n])).toEqual([
      ["document.created", "notes/a", undefined, { integerValue: "1" }],
      ["document.updated", "notes/a", { integerValue: "1" }, { integerValue: "2" }],
      ["document.deleted", "notes/a", { integerValue: "2" }, undefined],
    ]);
    expect(log[0]!.time).toBe((created.json() as { commitTime: string }).commitTime);
    expect(new Set(log.map((e) => e.eventId)).size).toBe(3);
  });

  it("records nothing for a commit that fails, and one event per document of a batch", async () => {
    const before = (await events()).length;
    expect((await commit([set("open/x", 1)], null)).statusCode).toBe(200);
    expect((await commit([set("closed/x", 1)], null)).statusCode).toBe(403);
    const precondition = { ...set("notes/b", 1), currentDocument: { exists: true } };
    expect((await commit([set("notes/c", 1), precondition])).statusCode).toBe(404);
    const batch = await commit([set("notes/d", 1), set("notes/e", 1), set("notes/d", 2)]);
    expect(batch.statusCode).toBe(200);
    const log = (await events()).slice(before);
    expect(log.map((e) => [e.kind, e.subject])).toEqual([
      ["document.created", "open/x"],
      ["document.created", "notes/d"],
      ["document.created", "notes/e"],
    ]);
    expect(log[1]!.after?.n).toEqual({ integerValue: "2" });
  });

  it("records each of many concurrent changes to one document exactly once", async () => {
    const increment = () =>
      commit([
        {
          update: { name: "counters/c", fields: {} },
          updateMask: { fieldPaths: [] },
          updateTransforms: [{ fieldPath: "n", increment: { integerValue: "1" } }],
        },
      ]);
    await Promise.all(Array.from({ length: 16 }, increment));
    const log = await events("?subjectPrefix=counters/&limit=100");
    expect(log).toHaveLength(16);
    expect(log.map((e) => e.after?.n)).toEqual(
      Array.from({ length: 16 }, (_, i) => ({ integerValue: String(i + 1) })),
    );
  });

  it("filters by kind, time and page, and refuses bad filters", async () => {
    const all = await events("?limit=1000");
    const deletes = await events("?kind=document.deleted");
    expect(deletes.every((e) => e.kind === "document.deleted")).toBe(true);
    const first = await runtime.app.inject({
      method: "GET",
      url: "/v1/projects/ev-app/admin/events?limit=2",
      headers: { authorization: `Bearer ${key}` },
    });
    const token = (first.json() as { nextPageToken: string }).nextPageToken;
    const page = await events(`?pageToken=${encodeURIComponent(token)}&limit=2`);
    expect(page.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
    expect(await events(`?from=${encodeURIComponent(all.at(-1)!.time)}`)).toHaveLength(
      all.filter((e) => e.time >= all.at(-1)!.time).length,
    );
    const bad = await runtime.app.inject({
      method: "GET",
      url: "/v1/projects/ev-app/admin/events?kind=document.exploded",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "invalid-argument" } });
    const replay = await runtime.app.inject({
      method: "POST",
      url: "/v1/projects/ev-app/admin/events:replay",
      headers: { authorization: `Bearer ${key}` },
      payload: {},
    });
    expect(replay.json()).toMatchObject({
      error: { code: "failed-precondition", message: expect.stringContaining("no event queue") },
    });
  });
});
