import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeFirestore } from "./fake-firestore.js";

/** The fake refuses what Firestore refuses, or the adapter tests would prove nothing. */
describe("FakeFirestore", () => {
  let fake: FakeFirestore;
  const root = "projects/p1/databases/(default)/documents";
  beforeAll(async () => {
    fake = await FakeFirestore.start();
  });
  afterAll(() => fake.close());

  const commit = async (body: unknown, auth = "Bearer t", project = "p1") => {
    const res = await fetch(
      `${fake.url}/v1/projects/${project}/databases/(default)/documents:commit`,
      {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      },
    );
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const set = (name: string, fields: unknown = {}) => ({ update: { name, fields } });

  it("applies a valid commit and answers write results and a commit time", async () => {
    const res = await commit({
      writes: [set(`${root}/a/b`, { n: { integerValue: "1" } }), { delete: `${root}/a/c` }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ writeResults: [{}, {}], commitTime: expect.any(String) });
    expect(fake.snapshot().get("a/b")).toEqual({ n: { integerValue: "1" } });
  });

  it.each([
    ["no writes", { writes: [] }, "non-empty"],
    [
      "too many writes",
      { writes: Array.from({ length: 501 }, (_, i) => set(`${root}/a/${i}`)) },
      "500",
    ],
    [
      "a name in another project",
      { writes: [set("projects/p2/databases/(default)/documents/a/b")] },
      "not in",
    ],
    ["a relative name", { writes: [set("a/b")] }, "not in"],
    ["a collection name", { writes: [set(`${root}/a`)] }, "not a document name"],
    [
      "two operations",
      { writes: [{ ...set(`${root}/a/b`), delete: `${root}/a/b` }] },
      "exactly one",
    ],
    ["a bare number", { writes: [set(`${root}/a/b`, { n: 1 })] }, "must be an object"],
    [
      "an integer as a float",
      { writes: [set(`${root}/a/b`, { n: { integerValue: "1.5" } })] },
      "integerValue",
    ],
    [
      "a foreign reference",
      {
        writes: [
          set(`${root}/a/b`, {
            r: { referenceValue: "projects/x/databases/(default)/documents/a/b" },
          }),
        ],
      },
      "reference",
    ],
    [
      "a nested bad value",
      { writes: [set(`${root}/a/b`, { m: { mapValue: { fields: { x: { what: 1 } } } } })] },
      "m.x",
    ],
  ])("refuses %s with a 400", async (_, body, message) => {
    const res = await commit(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(message);
  });

  it("refuses a request without credentials, and injected failures once each", async () => {
    expect((await commit({ writes: [set(`${root}/a/b`)] }, "")).status).toBe(401);
    fake.failNext(1, { status: 503, retryAfter: "3" });
    const res = await fetch(`${fake.url}/v1/${root}:commit`, { method: "POST", body: "{}" });
    expect([res.status, res.headers.get("retry-after")]).toEqual([503, "3"]);
    expect((await commit({ writes: [set(`${root}/a/b`)] })).status).toBe(200);
  });
});
