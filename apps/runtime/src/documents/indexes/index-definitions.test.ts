import { describe, expect, it } from "vitest";
import { parseIndexFile } from "./index-definitions.js";

const field = (fieldPath: string, order = "ASCENDING") => ({ fieldPath, order });
const file = (...indexes: unknown[]) => ({ indexes, fieldOverrides: [] });

describe("firestore.indexes.json", () => {
  it("reads composite indexes, with ids that depend only on the definition", () => {
    const def = {
      collectionGroup: "posts",
      queryScope: "COLLECTION",
      fields: [field("a"), field("b", "DESCENDING")],
    };
    const { indexes, warnings } = parseIndexFile(file(def));
    expect(indexes).toHaveLength(1);
    expect(indexes[0]!.fields.map((f) => f.fieldPath)).toEqual(["a", "b"]);
    expect(parseIndexFile(file({ ...def, density: "SPARSE_ALL" })).indexes[0]!.id).toBe(
      indexes[0]!.id,
    );
    expect(
      parseIndexFile(file({ ...def, queryScope: "COLLECTION_GROUP" })).indexes[0]!.id,
    ).not.toBe(indexes[0]!.id);
    expect(warnings).toEqual([]);
  });

  it("defaults the scope to COLLECTION and formats field paths as queries do", () => {
    const { indexes } = parseIndexFile(
      file({ collectionGroup: "p", fields: [field("a.b"), field("`x y`")] }),
    );
    expect(indexes[0]!.queryScope).toBe("COLLECTION");
    expect(indexes[0]!.fields[1]!.path).toEqual(["x y"]);
  });

  it("warns that field overrides are not applied", () => {
    const { warnings } = parseIndexFile({
      indexes: [],
      fieldOverrides: [{ collectionGroup: "posts", fieldPath: "body", indexes: [] }],
    });
    expect(warnings[0]).toMatch(/fieldOverrides\[0\] \(posts\.body\) is not applied/);
  });

  it.each([
    [[], /expected a firestore.indexes.json object/],
    [{ indexes: {} }, /^indexes: expected a list/],
    [{ other: 1 }, /^other: unknown member/],
    [file({ fields: [field("a"), field("b")] }), /indexes\[0\].collectionGroup: expected a name/],
    [
      file({ collectionGroup: "a/b", fields: [field("a"), field("b")] }),
      /indexes\[0\].collectionGroup: invalid collection id/,
    ],
    [
      file({ collectionGroup: "p", queryScope: "DATABASE", fields: [field("a"), field("b")] }),
      /queryScope: expected COLLECTION or COLLECTION_GROUP/,
    ],
    [file({ collectionGroup: "p", fields: [field("a")] }), /at least 2 fields/],
    [
      file({ collectionGroup: "p", fields: [field("a"), field("b", "UP")] }),
      /fields\[1\].order: expected ASCENDING or DESCENDING/,
    ],
    [
      file({ collectionGroup: "p", fields: [field("a"), { fieldPath: "b" }] }),
      /fields\[1\]: give exactly one of order and arrayConfig/,
    ],
    [
      file({ collectionGroup: "p", fields: [field("a"), field("a")] }),
      /fields\[1\].fieldPath: a appears twice/,
    ],
    [
      file({ collectionGroup: "p", fields: [field("__name__"), field("a")] }),
      /__name__ can only be the last field/,
    ],
    [
      file({ collectionGroup: "p", fields: [field("a"), field("b..c")] }),
      /fields\[1\].fieldPath: /,
    ],
    [
      file({
        collectionGroup: "p",
        fields: [
          { fieldPath: "a", arrayConfig: "CONTAINS" },
          { fieldPath: "b", arrayConfig: "CONTAINS" },
        ],
      }),
      /at most one field may have an arrayConfig/,
    ],
    [
      file(
        { collectionGroup: "p", fields: [field("a"), field("b")] },
        { collectionGroup: "p", fields: [field("a"), field("b")] },
      ),
      /indexes\[1\]: the same index as indexes\[0\]/,
    ],
  ])("rejects %j", (body, message) => {
    expect(() => parseIndexFile(body)).toThrow(message);
  });
});
