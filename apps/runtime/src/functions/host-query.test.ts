import { describe, expect, it } from "vitest";
import { runQueryBody } from "./host-query.js";

describe("runQueryBody", () => {
  it("puts a function's query into the runQuery body's StructuredQuery", () => {
    const where = { unaryFilter: { op: "IS_NULL", field: { fieldPath: "a" } } };
    expect(
      runQueryBody({ parent: "users/u1", collectionId: "notes", where, limit: 3, offset: 1 }),
    ).toEqual({
      parent: "users/u1",
      structuredQuery: {
        from: [{ collectionId: "notes", allDescendants: false }],
        where,
        limit: 3,
        offset: 1,
      },
    });
    expect(runQueryBody({ collectionId: "revisions", allDescendants: true })).toEqual({
      parent: "",
      structuredQuery: { from: [{ collectionId: "revisions", allDescendants: true }] },
    });
  });

  it("refuses what is not a query", () => {
    expect(() => runQueryBody([])).toThrow("query: expected an object");
    expect(() => runQueryBody({ collectionId: "a", from: [] })).toThrow("unknown key(s) from");
  });
});
