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
    match /steps/{id} {
      allow create: if request.resource.data.n == 1;
      allow update: if request.resource.data.n == resource.data.n + 1
        && getAfter(/databases/$(database)/documents/steps/$(id)).data.n == 3;
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
  const runQuery = (collectionId: string, where: unknown) =>
    app.inject({
      method: "POST",
      url: "/v1/projects/docs-app/documents:runQuery",
      headers: asAdmin(),
      payload: { structuredQuery: { from: [{ collectionId }], where } },
    });
  const full = (path: string) => `projects/docs-app/databases/(default)/documents/${path}`;

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

  describe("values jsonb cannot hold as they are", () => {
    const fields = {
      z: { doubleValue: "-0" },
      nul: { stringValue: "a\u0000b" },
      deep: {
        mapValue: { fields: { list: { arrayValue: { values: [{ stringValue: "\u0000" }] } } } },
      },
    };

    beforeAll(async () => {
      const res = await commit([{ update: { name: "edges/e", fields } }], asAdmin());
      expect(res.statusCode, res.body).toBe(200);
    });

    it("keep -0 and strings holding U+0000, stored without a U+0000", async () => {
      expect((await read("edges/e", asAdmin())).json().fields).toEqual(fields);
      const { rows } = await pool.query<{ fields: Record<string, unknown> }>(
        "select fields from runtime.documents where path = 'edges/e'",
      );
      expect(rows[0]!.fields.z).toEqual({ doubleValue: "-0" });
      expect(rows[0]!.fields.nul).toEqual({ nulSeparatedStringValue: ["a", "b"] });
    });

    it("are found by equality, -0 equal to 0", async () => {
      const eq = (path: string, value: unknown) => ({
        fieldFilter: { field: { fieldPath: path }, op: "EQUAL", value },
      });
      for (const where of [
        eq("nul", { stringValue: "a\u0000b" }),
        eq("z", { integerValue: "0" }),
        eq("z", { doubleValue: 0 }),
      ]) {
        const res = await runQuery("edges", where);
        expect(
          res.json().documents.map((d: { name: string }) => d.name),
          res.body,
        ).toEqual(["edges/e"]);
      }
      expect((await runQuery("edges", eq("nul", { stringValue: "a" }))).json().documents).toEqual(
        [],
      );
    });

    it("leave in the wire form through export, and import back unchanged", async () => {
      const res = await app.inject({
        method: "GET",
        url: "/v1/projects/docs-app/admin/export",
        headers: asAdmin(),
      });
      expect(res.statusCode, res.body).toBe(200);
      const exported = (res.json().documents as Array<{ name: string; fields: unknown }>).find(
        (d) => d.name === "edges/e",
      );
      expect(exported?.fields).toEqual(fields);
      const back = await commit(
        [{ update: { name: "imported/e", fields: exported!.fields } }],
        asAdmin(),
      );
      expect(back.statusCode, back.body).toBe(200);
      expect((await read("imported/e", asAdmin())).json().fields).toEqual(fields);
    });
  });

  describe("several writes to one document in one commit", () => {
    it("apply in order and store the document once, in its final state", async () => {
      const res = await commit(
        [
          { update: { name: "multi/m", fields: { n: { integerValue: "1" } } } },
          { update: { name: "multi/other", fields: {} } },
          {
            update: { name: "multi/m", fields: {} },
            updateMask: { fieldPaths: [] },
            updateTransforms: [{ fieldPath: "n", increment: { integerValue: "10" } }],
            currentDocument: { exists: true },
          },
          { delete: "multi/other" },
          {
            update: { name: "multi/m", fields: { tag: { stringValue: "t" } } },
            updateMask: { fieldPaths: ["tag"] },
          },
        ],
        asAdmin(),
      );
      expect(res.statusCode, res.body).toBe(200);
      const { commitTime, writeResults } = res.json();
      const at = { updateTime: commitTime };
      expect(writeResults).toEqual([at, at, at, {}, at]);
      const doc = (await read("multi/m", asAdmin())).json();
      expect(doc.fields).toEqual({ n: { integerValue: "11" }, tag: { stringValue: "t" } });
      expect(doc.createTime).toBe(commitTime);
      expect(doc.updateTime).toBe(commitTime);
      const { rows } = await pool.query<{ version: string }>(
        "select version::text from runtime.documents where path = 'multi/m'",
      );
      expect(rows).toEqual([{ version: "1" }]);
      expect(
        await count(
          "select count(*)::int as n from runtime.index_entries where document_path = 'multi/m'",
        ),
      ).toBe(2);
      expect(
        await count("select count(*)::int as n from runtime.documents where path = 'multi/other'"),
      ).toBe(0);
    });

    it("check each write's precondition against the state before it", async () => {
      const res = await commit(
        [
          { update: { name: "multi/p", fields: {} }, currentDocument: { exists: false } },
          { update: { name: "multi/p", fields: {} }, currentDocument: { exists: false } },
        ],
        asAdmin(),
      );
      expect(res.json().error).toEqual({
        code: "already-exists",
        message: "document multi/p already exists",
      });
      expect((await read("multi/p", asAdmin())).statusCode).toBe(404);
    });

    it("check each write against the rules with its own before and after, and getAfter the end", async () => {
      const step = (id: string, n: number) => ({
        update: { name: `steps/${id}`, fields: { n: { integerValue: String(n) } } },
      });
      // A create of n = 1, then updates of one step each; getAfter sees the commit end at 3.
      const ok = await commit([step("s", 1), step("s", 2), step("s", 3)]);
      expect(ok.statusCode, ok.body).toBe(200);
      // 1 → 3 is not one step, though the commit ends at 3.
      expect((await commit([step("t", 1), step("t", 3)])).statusCode).toBe(403);
      // Each write is one step, but the commit ends at 2.
      expect((await commit([step("u", 1), step("u", 2)])).statusCode).toBe(403);
      expect(
        await count(
          "select count(*)::int as n from runtime.documents where path in ('steps/t', 'steps/u')",
        ),
      ).toBe(0);
    });

    it("make a document deleted and set again a new one, created at the commit", async () => {
      const first = await commit([{ update: { name: "multi/r", fields: {} } }], asAdmin());
      const res = await commit(
        [
          { delete: "multi/r" },
          { update: { name: "multi/r", fields: { v: { nullValue: null } } } },
        ],
        asAdmin(),
      );
      expect(res.statusCode, res.body).toBe(200);
      const doc = (await read("multi/r", asAdmin())).json();
      expect(doc.createTime).not.toBe(first.json().commitTime);
      expect(doc).toMatchObject({
        fields: { v: { nullValue: null } },
        createTime: res.json().commitTime,
        updateTime: res.json().commitTime,
      });
    });

    it("leave nothing for a document created and deleted", async () => {
      const res = await commit(
        [{ update: { name: "multi/tmp", fields: {} } }, { delete: "multi/tmp" }],
        asAdmin(),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().writeResults).toEqual([{ updateTime: res.json().commitTime }, {}]);
      expect(
        await count("select count(*)::int as n from runtime.documents where path = 'multi/tmp'"),
      ).toBe(0);
    });
  });

  it("accepts Firestore's full document names in update.name and delete", async () => {
    await commit([{ update: { name: "named/b", fields: {} } }], asAdmin());
    const res = await commit(
      [
        { update: { name: full("named/a"), fields: { v: { integerValue: "1" } } } },
        { delete: full("named/b") },
      ],
      asAdmin(),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((await read("named/a", asAdmin())).json().fields).toEqual({ v: { integerValue: "1" } });
    expect((await read("named/b", asAdmin())).statusCode).toBe(404);
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

    it("refuses more than 500 writes", async () => {
      const many = Array.from({ length: 501 }, (_, i) => ({ delete: `d/${i}` }));
      await rejected(many, "at most 500 writes, got 501");
    });

    it("refuses a full name in another project or database, naming both", async () => {
      const other = "projects/other-app/databases/(default)/documents/a/b";
      await rejected(
        [{ update: { name: other, fields: {} } }],
        `writes[0].update.name: "${other}" names project other-app, database (default); ` +
          "this request is for project docs-app, database (default)",
      );
      await rejected(
        [
          { update: { name: "a/b", fields: {} } },
          { delete: "projects/docs-app/databases/x/documents/a/b" },
        ],
        /^writes\[1\]\.delete: .* names project docs-app, database x;/,
      );
    });

    it("refuses U+0000 in a field name or a document id as invalid, not as a fault", async () => {
      await rejected(
        [{ update: { name: "a/b", fields: { "x\u0000y": { nullValue: null } } } }],
        "writes[0].update.fields: invalid field name at `x\u0000y`: the name contains U+0000",
      );
      await rejected(
        [{ update: { name: "a/b\u0000c", fields: {} } }],
        "writes[0].update.name: invalid document path",
      );
      await rejected(
        [
          {
            update: { name: "a/b", fields: {} },
            updateTransforms: [{ fieldPath: "`x\u0000`", increment: { integerValue: "1" } }],
          },
        ],
        "writes[0].updateTransforms[0].fieldPath: invalid field path",
      );
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
