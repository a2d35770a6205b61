import { describe, expect, it } from "vitest";
import { isRuntimeError } from "../../../errors/runtime-error.js";
import { parseIndexFile } from "../../indexes/index-definitions.js";
import { parseQuery } from "../parse-query.js";
import { planQuery } from "./plan-query.js";

const where = (fieldPath: string, op: string, value: unknown) => ({
  fieldFilter: { field: { fieldPath }, op, value },
});
const and = (...filters: unknown[]) => ({ compositeFilter: { op: "AND", filters } });
const order = (fieldPath: string, direction = "ASCENDING") => ({ field: { fieldPath }, direction });
const str = (stringValue: string) => ({ stringValue });
const query = (q: Record<string, unknown>, allDescendants = false) =>
  parseQuery({ structuredQuery: { from: [{ collectionId: "posts", allDescendants }], ...q } }, "p");

const { indexes } = parseIndexFile({
  indexes: [
    {
      collectionGroup: "posts",
      fields: [
        { fieldPath: "status", order: "ASCENDING" },
        { fieldPath: "score", order: "DESCENDING" },
      ],
    },
  ],
});

const plan = (q: Record<string, unknown>, strict = false, allDescendants = false) =>
  planQuery(query(q, allDescendants), indexes, strict);

describe("query planner", () => {
  it("walks a collection by document id when nothing else is asked", () => {
    expect(plan({})).toEqual({
      kind: "ordered",
      scans: [{ kind: "documents", descending: false }],
    });
    expect(plan({ orderBy: [order("__name__", "DESCENDING")] })).toMatchObject({
      scans: [{ kind: "documents", descending: true }],
    });
    expect(plan({}, false, true)).toEqual({ kind: "unordered", probes: undefined });
  });

  it("merges single-field indexes for equalities, and scans one field for its range", () => {
    const eq = plan({
      where: and(where("a", "EQUAL", str("x")), where("b", "ARRAY_CONTAINS", str("y"))),
    });
    expect(eq).toMatchObject({
      kind: "ordered",
      scans: [
        { kind: "index", field: "a", mode: "value", probes: [{ field: "b", mode: "contains" }] },
      ],
    });
    const range = plan({
      where: where("a", "GREATER_THAN", str("m")),
      orderBy: [order("a", "DESCENDING")],
    });
    expect(range).toMatchObject({
      scans: [{ field: "a", mode: "value", descending: true, tiesInOrder: true }],
    });
  });

  it("uses a declared composite index that matches field by field and direction by direction", () => {
    const q = {
      where: where("status", "EQUAL", str("open")),
      orderBy: [order("score", "DESCENDING")],
    };
    expect(plan(q)).toMatchObject({ scans: [{ mode: "composite", field: indexes[0]!.id }] });
    // Ascending score: the index does not serve it, so equalities narrow and results are sorted.
    const asc = { ...q, orderBy: [order("score")] };
    expect(plan(asc)).toMatchObject({ kind: "unordered", probes: [[{ field: "status" }]] });
  });

  it("expands in into one scan per value", () => {
    const q = {
      where: where("status", "IN", { arrayValue: { values: [str("a"), str("b")] } }),
      orderBy: [order("score", "DESCENDING")],
    };
    expect(plan(q)).toMatchObject({ scans: [{ mode: "composite" }, { mode: "composite" }] });
  });

  it("asks strict projects for the missing index, in firestore.indexes.json form", () => {
    const q = { where: where("status", "EQUAL", str("open")), orderBy: [order("score")] };
    let error: unknown;
    try {
      plan(q, true);
    } catch (e) {
      error = e;
    }
    expect(isRuntimeError(error) && error.code).toBe("failed-precondition");
    const details = (error as { details: { index: unknown } }).details;
    expect(details.index).toEqual({
      collectionGroup: "posts",
      queryScope: "COLLECTION",
      fields: [
        { fieldPath: "status", order: "ASCENDING" },
        { fieldPath: "score", order: "ASCENDING" },
      ],
    });
    expect((error as Error).message).toMatch(/The query requires an index/);
    // A collection-group query needs a COLLECTION_GROUP index, even with the same fields.
    expect(() => plan({ ...q, orderBy: [order("score", "DESCENDING")] }, true, true)).toThrow(
      /"queryScope":"COLLECTION_GROUP"/,
    );
  });
});
