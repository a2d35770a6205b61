import { describe, expect, it } from "vitest";
import { isRuntimeError } from "../../errors/runtime-error.js";
import { parseQuery } from "./parse-query.js";

const str = (s: string) => ({ stringValue: s });
const int = (n: number) => ({ integerValue: String(n) });
const arr = (...values: unknown[]) => ({ arrayValue: { values } });
const where = (path: string, op: string, value: unknown) => ({
  fieldFilter: { field: { fieldPath: path }, op, value },
});
const and = (...filters: unknown[]) => ({ compositeFilter: { op: "AND", filters } });
const or = (...filters: unknown[]) => ({ compositeFilter: { op: "OR", filters } });
const query = (filter: unknown, parent?: string) =>
  parseQuery(
    {
      ...(parent !== undefined ? { parent } : {}),
      structuredQuery: { from: [{ collectionId: "items" }], where: filter },
    },
    "demo",
  );

/** The invalid-argument message parsing `filter` gives. */
function refusal(filter: unknown, parent?: string): string {
  try {
    query(filter, parent);
  } catch (e) {
    if (isRuntimeError(e) && e.code === "invalid-argument") return e.message;
    throw e;
  }
  throw new Error("the query was accepted");
}

describe("parseQuery", () => {
  describe("the values of in, not-in and array-contains-any", () => {
    it("may be arrays, each compared as a whole", () => {
      const q = query(where("tags", "IN", arr(arr(str("x"), str("y")), arr())));
      expect(q.filter).toEqual({
        kind: "field",
        field: ["tags"],
        op: "IN",
        value: {
          type: "array",
          values: [
            {
              type: "array",
              values: [
                { type: "string", value: "x" },
                { type: "string", value: "y" },
              ],
            },
            { type: "array", values: [] },
          ],
        },
      });
      expect(() => query(where("tags", "NOT_IN", arr(arr(str("x")))))).not.toThrow();
      expect(() => query(where("tags", "ARRAY_CONTAINS_ANY", arr(arr(str("x")))))).not.toThrow();
    });

    it("may not hold an array inside an array, which no stored value can", () => {
      expect(refusal(where("tags", "IN", arr(str("a"), arr(arr(str("x"))))))).toBe(
        "structuredQuery.where.fieldFilter.value: invalid arrayValue at values[1][0]: " +
          "an array cannot directly contain an array",
      );
    });

    it("must be a non-empty list, named with Firestore's operator names", () => {
      expect(refusal(where("n", "IN", str("x")))).toBe(
        "'in' on n needs a non-empty array of values",
      );
      expect(refusal(where("n", "NOT_IN", arr()))).toBe(
        "'not-in' on n needs a non-empty array of values",
      );
      expect(refusal(where("n", "ARRAY_CONTAINS_ANY", { arrayValue: {} }))).toBe(
        "'array-contains-any' on n needs a non-empty array of values",
      );
      expect(refusal(where("n", "IN", { arrayValue: { values: [], extra: 1 } }))).toBe(
        'structuredQuery.where.fieldFilter.value: invalid arrayValue at n: unexpected key "extra"',
      );
    });
  });

  describe("limits", () => {
    const values = (n: number) => arr(...Array.from({ length: n }, (_, i) => int(i)));

    it("not-in takes at most 10 values", () => {
      expect(() => query(where("n", "NOT_IN", values(10)))).not.toThrow();
      expect(refusal(where("n", "NOT_IN", values(11)))).toBe(
        "'not-in' on n takes at most 10 values, got 11",
      );
    });

    it("in and array-contains-any take at most 30 values", () => {
      expect(() => query(where("n", "IN", values(30)))).not.toThrow();
      expect(refusal(where("n", "IN", values(31)))).toBe(
        "'in' on n takes at most 30 values, got 31",
      );
      expect(refusal(where("n", "ARRAY_CONTAINS_ANY", values(31)))).toBe(
        "'array-contains-any' on n takes at most 30 values, got 31",
      );
    });
  });

  describe("not-in", () => {
    const notIn = where("n", "NOT_IN", arr(int(1)));

    it.each([
      ["in", where("c", "IN", arr(str("red")))],
      ["array-contains-any", where("tags", "ARRAY_CONTAINS_ANY", arr(str("x")))],
      ["!=", where("c", "NOT_EQUAL", str("red"))],
    ])("cannot be combined with %s", (name, other) => {
      expect(refusal(and(notIn, other))).toBe(`a query cannot combine 'not-in' with '${name}'`);
    });

    it("cannot be combined with or, inside or outside it", () => {
      const either = or(where("c", "EQUAL", str("a")), where("c", "EQUAL", str("b")));
      expect(refusal(and(notIn, either))).toBe("a query cannot combine 'not-in' with 'or'");
      expect(refusal(or(notIn, where("c", "EQUAL", str("a"))))).toBe(
        "a query cannot combine 'not-in' with 'or'",
      );
    });

    it("combines with an or() of a single filter, which is that filter", () => {
      expect(() => query(and(notIn, or(where("c", "EQUAL", str("a")))))).not.toThrow();
    });
  });

  describe("the parent", () => {
    it("may be a relative path or Firestore's full name, the documents root included", () => {
      expect(query(undefined, "users/ada").parent).toBe("users/ada");
      expect(query(undefined, "projects/demo/databases/(default)/documents/users/ada").parent).toBe(
        "users/ada",
      );
      expect(query(undefined, "projects/demo/databases/(default)/documents").parent).toBe("");
    });

    it("is refused in another project, or when it is not a document", () => {
      expect(refusal(undefined, "projects/x/databases/(default)/documents/users/ada")).toBe(
        'parent: "projects/x/databases/(default)/documents/users/ada" names project x, ' +
          "database (default); this request is for project demo, database (default)",
      );
      expect(refusal(undefined, "projects/demo/databases/(default)/documents/users")).toMatch(
        /^parent: invalid document path "users": it has 1 segments/,
      );
    });
  });
});
