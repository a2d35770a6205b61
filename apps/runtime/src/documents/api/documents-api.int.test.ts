import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance } from "fastify";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  }
}`;

describe("documents over HTTP", () => {
  const database = useTestDatabase("runtime_documents");
  let runtime: TestRuntime;
  let pool: pg.Pool;
  let app: FastifyInstance;
  let key: string;
  let otherKey: string;

  const commit = (writes: unknown[], headers: Record<string, string> = {}, project = "docs-app") =>
    app.inject({
      method: "POST",
      url: `/v1/projects/${project}/documents:commit`,
      headers,
      payload: { writes },
    });
  const asAdmin = () => ({ authorization: `Bearer ${key}` });
  const read = (path: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url: `/v1/projects/docs-app/documents/${path}`, headers });
  const count = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]!.n;

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    app = runtime.app;
    pool = runtime.pool;
    const make = (id: string) => runtime.createProject(id);
    key = await make("docs-app");
    otherKey = await make("other-app");
    const deployed = await app.inject({
      method: "PUT",
      url: "/v1/projects/docs-app/admin/rules/firestore",
      headers: { ...asAdmin(), "content-type": "text/plain" },
      payload: RULES,
    });
    expect(deployed.statusCode, deployed.body).toBe(200);
  });
  afterAll(() => runtime.close());

  it("stores every value type exactly and reads it back in Firestore's wire format", async () => {
    const fields = {
      name: { stringValue: "Ada" },
      age: { integerValue: "9007199254740993" },
      score: { doubleValue: 2.5 },
      ok: { booleanValue: true },
      none: { nullValue: null },
      at: { timestampValue: "2024-05-01T12:00:00.123456Z" },
      raw: { bytesValue: "AAEC" },
      place: { geoPointValue: { latitude: 48.85, longitude: 2.35 } },
      tags: { arrayValue: { values: [{ stringValue: "a" }, { integerValue: "1" }] } },
      address: { mapValue: { fields: { city: { stringValue: "Paris" } } } },
    };
    const res = await commit(
      [
        {
          update: { name: "users/ada", fields },
          updateTransforms: [{ fieldPath: "created", setToServerValue: "REQUEST_TIME" }],
        },
      ],
      asAdmin(),
    );
    expect(res.statusCode, res.body).toBe(200);
    const { commitTime, writeResults } = res.json();
    expect(writeResults).toEqual([{ updateTime: commitTime }]);
    const doc = (await read("users/ada", asAdmin())).json();
    expect(doc.fields).toEqual({ ...fields, created: { timestampValue: commitTime } });
    expect(doc.createTime).toBe(commitTime);
    const entries = await count(
      "select count(*)::int as n from runtime.index_entries where document_path = 'users/ada'",
    );
    expect(entries).toBe(14); // 11 fields + address.city + 2 array-contains entries
  });

  it("applies masks and transforms: increment, arrayUnion, nested paths, deletes", async () => {
    await commit(
      [
        {
          update: {
            name: "counters/c",
            fields: {
              n: { integerValue: "1" },
              keep: { stringValue: "x" },
              gone: { stringValue: "y" },
            },
          },
        },
      ],
      asAdmin(),
    );
    const res = await commit(
      [
        {
          update: {
            name: "counters/c",
            fields: { meta: { mapValue: { fields: { by: { stringValue: "bob" } } } } },
          },
          updateMask: { fieldPaths: ["meta.by", "gone"] },
          updateTransforms: [
            { fieldPath: "n", increment: { integerValue: "41" } },
            { fieldPath: "tags", appendMissingElements: { values: [{ stringValue: "t" }] } },
          ],
          currentDocument: { exists: true },
        },
      ],
      asAdmin(),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((await read("counters/c", asAdmin())).json().fields).toEqual({
      n: { integerValue: "42" },
      keep: { stringValue: "x" },
      meta: { mapValue: { fields: { by: { stringValue: "bob" } } } },
      tags: { arrayValue: { values: [{ stringValue: "t" }] } },
    });
  });

  describe("rules", () => {
    it("allow a create the rules accept and deny one they refuse, writing nothing", async () => {
      const good = await commit([
        {
          update: {
            name: "public/p1",
            fields: { title: { stringValue: "hi" }, visible: { booleanValue: true } },
          },
        },
      ]);
      expect(good.statusCode, good.body).toBe(200);
      const bad = await commit([
        {
          update: {
            name: "public/p2",
            fields: { title: { stringValue: "hi" }, admin: { booleanValue: true } },
          },
        },
      ]);
      expect(bad.statusCode).toBe(403);
      expect(bad.json().error).toEqual({
        code: "permission-denied",
        message: "Missing or insufficient permissions.",
      });
      expect(
        await count("select count(*)::int as n from runtime.documents where path = 'public/p2'"),
      ).toBe(0);
    });

    it("check reads against the stored document", async () => {
      expect((await read("public/p1")).statusCode).toBe(200);
      await commit(
        [{ update: { name: "public/hidden", fields: { visible: { booleanValue: false } } } }],
        asAdmin(),
      );
      expect((await read("public/hidden")).json().error.code).toBe("permission-denied");
      expect((await read("users/ada")).json().error.code).toBe("permission-denied");
    });

    it("see the whole batch through existsAfter, and a denied write aborts the batch", async () => {
      const pair = (id: string, partner: string) => ({
        update: { name: `pairs/${id}`, fields: { partner: { stringValue: partner } } },
      });
      expect((await commit([pair("a", "b"), pair("b", "a")])).statusCode).toBe(200);
      const half = await commit([
        { update: { name: "public/p3", fields: { title: { stringValue: "ok" } } } },
        pair("c", "nobody"),
      ]);
      expect(half.statusCode).toBe(403);
      expect(
        await count(
          "select count(*)::int as n from runtime.documents where path in ('public/p3', 'pairs/c')",
        ),
      ).toBe(0);
    });

    it("deny everything in a project with no rules deployed", async () => {
      const res = await commit([{ update: { name: "x/y", fields: {} } }], {}, "other-app");
      expect(res.json().error.code).toBe("permission-denied");
    });
  });

  describe("preconditions", () => {
    it("refuse to create an existing document and to update a missing one", async () => {
      const create = await commit(
        [{ update: { name: "users/ada", fields: {} }, currentDocument: { exists: false } }],
        asAdmin(),
      );
      expect(create.json().error).toEqual({
        code: "already-exists",
        message: "document users/ada already exists",
      });
      const update = await commit(
        [
          {
            update: { name: "users/nobody", fields: {} },
            updateMask: { fieldPaths: [] },
            currentDocument: { exists: true },
          },
        ],
        asAdmin(),
      );
      expect(update.json().error.code).toBe("not-found");
    });
  });

  describe("concurrent commits", () => {
    it("let exactly one of many concurrent creates of one document succeed", async () => {
      const create = () =>
        commit(
          [
            {
              update: { name: "races/one", fields: { v: { integerValue: "1" } } },
              currentDocument: { exists: false },
            },
          ],
          asAdmin(),
        );
      const results = await Promise.all(Array.from({ length: 8 }, create));
      const codes = results.map((r) => (r.statusCode === 200 ? "ok" : r.json().error.code)).sort();
      expect(codes).toEqual([
        "already-exists",
        "already-exists",
        "already-exists",
        "already-exists",
        "already-exists",
        "already-exists",
        "already-exists",
        "ok",
      ]);
    });

    it("give a document update times that only grow, and accept any fraction length in preconditions", async () => {
      const write = (n: number) =>
        commit(
          [{ update: { name: "races/clock", fields: { n: { integerValue: String(n) } } } }],
          asAdmin(),
        );
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => write(i)));
      const times = results.map((r) => r.json().commitTime as string).sort();
      const doc = (await read("races/clock", asAdmin())).json();
      expect(doc.updateTime).toBe(times.at(-1));
      const nine = doc.updateTime.replace("Z", "000Z");
      const ok = await commit(
        [{ update: { name: "races/clock", fields: {} }, currentDocument: { updateTime: nine } }],
        asAdmin(),
      );
      expect(ok.statusCode, ok.body).toBe(200);
      const bad = await commit(
        [{ delete: "races/clock", currentDocument: { updateTime: "yesterday" } }],
        asAdmin(),
      );
      expect(bad.json().error).toMatchObject({ code: "invalid-argument" });
    });
  });

  describe("with bad input", () => {
    const rejected = async (writes: unknown[], message: string | RegExp) => {
      const before = await count("select count(*)::int as n from runtime.documents");
      const res = await commit(writes, asAdmin());
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe("invalid-argument");
      expect(res.json().error.message).toMatch(message);
      expect(await count("select count(*)::int as n from runtime.documents")).toBe(before);
    };

    it("names an invalid path", () =>
      rejected(
        [{ update: { name: "users", fields: {} } }],
        /writes\[0\]\.update\.name: .*even number/,
      ));

    it("names an unsupported value by its field path", () =>
      rejected(
        [
          {
            update: {
              name: "a/b",
              fields: { m: { mapValue: { fields: { x: { fooValue: 1 } } } } },
            },
          },
        ],
        /writes\[0\]\.update\.fields: .*m\.x/,
      ));

    it("refuses an oversize document", () =>
      rejected(
        [{ update: { name: "big/one", fields: { blob: { stringValue: "x".repeat(1_048_600) } } } }],
        /1048576|1,048,576/,
      ));

    it("refuses more than 500 writes, and the same document twice", async () => {
      const many = Array.from({ length: 501 }, (_, i) => ({ delete: `d/${i}` }));
      await rejected(many, "at most 500 writes, got 501");
      await rejected([{ delete: "d/1" }, { delete: "d/1" }], "d/1 is written twice in one commit");
    });

    it("refuses an unknown transform", () =>
      rejected(
        [
          {
            update: { name: "a/b", fields: {} },
            updateTransforms: [{ fieldPath: "n", multiply: 2 }],
          },
        ],
        /give exactly one of setToServerValue/,
      ));
  });

  it("keeps projects apart: one project's key cannot read another's documents", async () => {
    const res = await read("users/ada", { authorization: `Bearer ${otherKey}` });
    expect(res.statusCode).toBe(401);
  });

  it("answers not-found for a missing document the caller may read", async () => {
    const res = await read("users/missing", asAdmin());
    expect(res.json().error).toEqual({
      code: "not-found",
      message: "no document at users/missing",
    });
  });
});
