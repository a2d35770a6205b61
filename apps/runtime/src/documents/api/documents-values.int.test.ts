import { beforeAll, describe, expect, it } from "vitest";
import { useDocumentsApi } from "./documents-api.test-bed.js";

// Every value type, forms jsonb cannot hold as they are, full names, masks and transforms.

describe("documents over HTTP: values, masks and transforms", () => {
  const bed = useDocumentsApi("runtime_documents_values");
  const { commit, asAdmin, read, count, runQuery, full } = bed;

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
      const { rows } = await bed.pool.query<{ fields: Record<string, unknown> }>(
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
      const res = await bed.app.inject({
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
});
