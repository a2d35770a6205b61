import { beforeAll, describe, expect, it } from "vitest";
import { useDocumentsApi } from "./documents-api.test-bed.js";

// Several writes to one document, rules on every write, preconditions, concurrent commits.

describe("documents over HTTP: commits", () => {
  const bed = useDocumentsApi("runtime_documents_commits");
  const { commit, asAdmin, read, count } = bed;

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
      const { rows } = await bed.pool.query<{ version: string }>(
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
    // users/ada exists (the values tests write it in their own file and database).
    beforeAll(async () => {
      const res = await commit([{ update: { name: "users/ada", fields: {} } }], asAdmin());
      expect(res.statusCode, res.body).toBe(200);
    });

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
});
