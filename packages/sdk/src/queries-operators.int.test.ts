// Every where() operator, and()/or(), and the missing-field rules, through the SDK over HTTP.
// Expected ids are worked out by hand from Firestore's documented semantics, never by running
// our own code: a query with an inequality (<, <=, >, >=, !=, not-in) is ordered by that field
// first, then by document name; one without is ordered by name. A document without the
// filtered field never matches; != and not-in also skip documents where the field is null.
import { beforeAll, describe, expect, it } from "vitest";
import { ALLOW_ALL_RULES, ids as idsIn, useTestClient } from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  and,
  documentId,
  or,
  where,
  writeBatch,
  type CollectionReference,
  type QueryConstraint,
} from "./index.js";

/**
 * Fields that differ in type, presence and null-ness:
 * n      a 1, b 2.5, c 3, d "3", e null, f —, g 5, h NaN
 * tags   a [x,y], b [y], c [], d [x,1], e "x" (not an array), f [z,y], g —, h [x]
 * color  a red, b blue, c null, d green, e red, f blue, g red, h —
 * score  a 10, b 20, c 30, d "high", e 10, f 20, g 5, h —
 */
const ITEMS: Record<string, Record<string, unknown>> = {
  a: { n: 1, tags: ["x", "y"], color: "red", score: 10, meta: { level: 1 } },
  b: { n: 2.5, tags: ["y"], color: "blue", score: 20, meta: { level: 2 } },
  c: { n: 3, tags: [], color: null, score: 30 },
  d: { n: "3", tags: ["x", 1], color: "green", score: "high" },
  e: { n: null, tags: "x", color: "red", score: 10, meta: { level: 2 } },
  f: { tags: ["z", "y"], color: "blue", score: 20 },
  g: { n: 5, color: "red", score: 5, meta: { level: "2" } },
  h: { n: NaN, tags: ["x"] },
};

describe("query operators against a real runtime", () => {
  const runtime = useTestRuntime("sdk-operators", ALLOW_ALL_RULES);
  const client = useTestClient(runtime);
  let items: CollectionReference;
  const ids = (...constraints: QueryConstraint[]) => idsIn(items, ...constraints);

  beforeAll(async () => {
    items = client.current.db.collection("items");
    const batch = writeBatch(client.current.db);
    for (const [id, data] of Object.entries(ITEMS)) batch.set(items.doc(id), data);
    await batch.commit();
  });

  describe("==", () => {
    it("matches the value with its type, on top-level and nested fields", async () => {
      expect(await ids(where("n", "==", 3))).toEqual(["c"]);
      expect(await ids(where("n", "==", "3"))).toEqual(["d"]);
      expect(await ids(where("meta.level", "==", 2))).toEqual(["b", "e"]);
      expect(await ids(where("color", "==", "purple"))).toEqual([]);
    });

    it("matches null with == null and NaN with == NaN", async () => {
      expect(await ids(where("n", "==", null))).toEqual(["e"]);
      expect(await ids(where("n", "==", NaN))).toEqual(["h"]);
    });
  });

  describe("<, <=, >, >=", () => {
    it("match only values of the filter value's type, ordered by the field", async () => {
      expect(await ids(where("n", ">", 1))).toEqual(["b", "c", "g"]);
      expect(await ids(where("n", ">=", 2.5))).toEqual(["b", "c", "g"]);
      expect(await ids(where("score", "<", 20))).toEqual(["g", "a", "e"]);
      expect(await ids(where("score", "<=", 20))).toEqual(["g", "a", "e", "b", "f"]);
      expect(await ids(where("n", ">=", "3"))).toEqual(["d"]);
    });

    it("combine on one field and on two fields, ordered by the fields in name order", async () => {
      expect(await ids(where("n", ">", 1), where("n", "<", 5))).toEqual(["b", "c"]);
      expect(await ids(where("n", ">", 1), where("score", "<", 30))).toEqual(["b", "g"]);
    });
  });

  describe("!= and not-in", () => {
    it("exclude documents without the field", async () => {
      // score: no document has null; h lacks the field.
      expect(await ids(where("score", "!=", 10))).toEqual(["g", "b", "f", "c", "d"]);
      expect(await ids(where("score", "not-in", [10, 20]))).toEqual(["g", "c", "d"]);
    });

    // Firestore: "null field values do not match != clauses, because x != null evaluates to
    // undefined"; not-in "returns documents where the given field exists, is not null, and
    // does not match any of the comparison values".
    it("exclude documents where the field is null from !=", async () => {
      expect(await ids(where("n", "!=", 3))).toEqual(["h", "a", "b", "g", "d"]);
      expect(await ids(where("color", "!=", "red"))).toEqual(["b", "f", "d"]);
      expect(await ids(where("n", "!=", NaN))).toEqual(["a", "b", "c", "g", "d"]);
    });

    it("exclude documents where the field is null from not-in", async () => {
      expect(await ids(where("color", "not-in", ["red", "green"]))).toEqual(["b", "f"]);
      expect(await ids(where("n", "not-in", [1, "3"]))).toEqual(["h", "b", "c", "g"]);
    });

    it("match every present, non-null value with != null", async () => {
      expect(await ids(where("n", "!=", null))).toEqual(["h", "a", "b", "c", "g", "d"]);
    });

    it("match nothing with not-in when null is among the values", async () => {
      expect(await ids(where("color", "not-in", ["red", null]))).toEqual([]);
    });
  });

  describe("array-contains, array-contains-any and in", () => {
    it("array-contains matches arrays holding the value, never a non-array field", async () => {
      expect(await ids(where("tags", "array-contains", "x"))).toEqual(["a", "d", "h"]);
      expect(await ids(where("tags", "array-contains", 1))).toEqual(["d"]);
    });

    it("array-contains-any returns each matching document once", async () => {
      expect(await ids(where("tags", "array-contains-any", ["y", "z"]))).toEqual(["a", "b", "f"]);
      expect(await ids(where("tags", "array-contains-any", ["x", 1]))).toEqual(["a", "d", "h"]);
    });

    it("in matches any of the values, with their types", async () => {
      expect(await ids(where("color", "in", ["red", "blue"]))).toEqual(["a", "b", "e", "f", "g"]);
      expect(await ids(where("n", "in", [2.5, "3"]))).toEqual(["b", "d"]);
    });

    // Firestore: "You can use an array value as a comparison value for in … the clause matches
    // for an exact match of array length, order, and values".
    it("in and not-in match whole arrays exactly", async () => {
      expect(await ids(where("tags", "in", [["x", "y"], ["y"]]))).toEqual(["a", "b"]);
      expect(await ids(where("tags", "not-in", [["x", "y"], ["y"], []]))).toEqual([
        "e",
        "h",
        "d",
        "f",
      ]);
    });

    it("in takes up to 30 values", async () => {
      const colors = Array.from({ length: 29 }, (_, i) => `c${i}`);
      expect(await ids(where("color", "in", [...colors, "green"]))).toEqual(["d"]);
    });
  });

  describe("and() and or()", () => {
    it("combine filters, nested either way", async () => {
      const redAndMore = and(
        where("color", "==", "red"),
        or(where("score", "==", 5), where("tags", "array-contains", "x")),
      );
      expect(await ids(redAndMore)).toEqual(["a", "g"]);
      const either = or(
        and(where("color", "==", "blue"), where("score", "==", 20)),
        and(where("color", "==", "red"), where("score", "==", 5)),
      );
      expect(await ids(either)).toEqual(["b", "f", "g"]);
      expect(await ids(or(where("n", "==", null), where("score", "==", 30)))).toEqual(["c", "e"]);
    });

    it("drop documents without a field an or() branch filters by inequality", async () => {
      // The inequality on n orders the query by n: f (blue, no n) is left out.
      const q = or(where("color", "==", "blue"), where("n", ">", 2.5));
      expect(await ids(q)).toEqual(["b", "c", "g"]);
      expect(await ids(or(where("color", "==", "green"), where("n", ">", 2.5)))).toEqual([
        "c",
        "g",
        "d",
      ]);
    });
  });

  describe("documentId()", () => {
    it("filters by document id with ranges", async () => {
      expect(await ids(where(documentId(), ">=", "f"))).toEqual(["f", "g", "h"]);
      expect(await ids(where(documentId(), "<", "c"))).toEqual(["a", "b"]);
      expect(await ids(where(documentId(), "not-in", ["a", "b", "c", "d"]))).toEqual([
        "e",
        "f",
        "g",
        "h",
      ]);
    });
  });
});
