// Queries Firestore refuses, sent through the SDK over HTTP: each is refused with
// invalid-argument and a message naming the rule — by the SDK before sending anything
// (status 0) or by the runtime (status 400) — and changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { ALLOW_ALL_RULES, countingFetch, failure, useTestClient } from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  and,
  documentId,
  endBefore,
  getCountFromServer,
  getDoc,
  getDocs,
  limit,
  limitToLast,
  or,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  startAfter,
  startAt,
  where,
  type CollectionReference,
  type QueryConstraint,
} from "./index.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("invalid queries against a real runtime", () => {
  const runtime = useTestRuntime("sdk-bad-queries", ALLOW_ALL_RULES);
  /** Queries the SDK sent: a refusal by the SDK sends none. */
  const sent = countingFetch("documents:runQuery");
  const client = useTestClient(runtime, { fetch: sent.fetch });
  let items: CollectionReference;
  /** What running the query threw. */
  const refusal = (...constraints: QueryConstraint[]) =>
    failure(getDocs(query(items, ...constraints)), "the query ran");

  beforeAll(async () => {
    items = client.current.db.collection("items");
    await setDoc(items.doc("a"), { n: 1, tags: ["x"], color: "red" });
  });

  describe("refused by the runtime", () => {
    it.each<[string, QueryConstraint[], string]>([
      [
        "two array-contains",
        [where("tags", "array-contains", "x"), where("tags", "array-contains", "y")],
        "a query may use 'array-contains' only once",
      ],
      [
        "array-contains with array-contains-any",
        [where("tags", "array-contains", "x"), where("tags", "array-contains-any", ["y"])],
        "a query cannot combine 'array-contains' with 'array-contains-any'",
      ],
      [
        "in with 31 values",
        [where("color", "in", range(31))],
        "on color takes at most 30 values, got 31",
      ],
      [
        "array-contains-any with 31 values",
        [where("tags", "array-contains-any", range(31))],
        "on tags takes at most 30 values, got 31",
      ],
      [
        "two != filters",
        [where("n", "!=", 1), where("color", "!=", "red")],
        "a query may use '!=' only once",
      ],
      [
        "two not-in filters",
        [where("n", "not-in", [1]), where("color", "not-in", ["red"])],
        "a query may use 'not-in' only once",
      ],
      [
        "not-in with !=",
        [where("n", "not-in", [1]), where("color", "!=", "red")],
        "a query cannot combine 'not-in' with '!='",
      ],
      [
        "an and() of in filters expanding to 50 disjunctions",
        [and(where("n", "in", range(5)), where("color", "in", range(10)))],
        "the query expands to 50 disjunctions; at most 30 are allowed",
      ],
      [
        "an or() of 31 filters",
        [or(...range(31).map((i) => where("n", "==", i)))],
        "the query expands to 31 disjunctions; at most 30 are allowed",
      ],
    ])("%s", async (_, constraints, message) => {
      const before = sent.count;
      const e = await refusal(...constraints);
      expect(e).toMatchObject({ code: "invalid-argument", status: 400 });
      expect(e.message).toContain(message);
      expect(sent.count).toBe(before + 1);
      // Aggregations parse the same query and refuse it the same way.
      await expect(getCountFromServer(query(items, ...constraints))).rejects.toMatchObject({
        code: "invalid-argument",
        message: e.message,
      });
    });

    // Firestore: "not-in supports up to 10 comparison values".
    it("not-in with 11 values", async () => {
      const e = await refusal(where("n", "not-in", range(11)));
      expect(e).toMatchObject({ code: "invalid-argument", status: 400 });
      expect(e.message).toContain("'not-in' on n takes at most 10 values, got 11");
    });

    // Firestore: "You can't combine not-in with in, array-contains-any, or or in the same query."
    it("not-in with in", async () => {
      const e = await refusal(where("n", "not-in", [2]), where("color", "in", ["red"]));
      expect(e).toMatchObject({ code: "invalid-argument", status: 400 });
      expect(e.message).toContain("a query cannot combine 'not-in' with 'in'");
    });
  });

  describe("refused by the SDK before sending", () => {
    it("refuses bad filters, orders and limits when the query is built", () => {
      expect(() => where("tags", "in", [])).toThrow(
        "where(): 'in' needs a non-empty array of values",
      );
      expect(() => where("tags", "not-in", "x")).toThrow("'not-in' needs a non-empty array");
      expect(() => where("n", "contains" as never, 1)).toThrow(
        'where(): unknown operator "contains"',
      );
      expect(() => where("a..b", "==", 1)).toThrow(
        'where(): invalid field path "a..b": a segment is empty',
      );
      expect(() => orderBy("n", "up" as never)).toThrow(
        'orderBy(): direction must be "asc" or "desc", got "up"',
      );
      expect(() => limit(0)).toThrow("limit() needs a positive integer, got 0");
      expect(() => limitToLast(1.5)).toThrow("limitToLast() needs a positive integer, got 1.5");
      expect(() => startAt()).toThrow("startAt(): give at least one value");
    });

    it.each<[string, () => QueryConstraint[], string]>([
      [
        "more cursor values than order fields",
        () => [orderBy("n"), startAt(1, "a", "extra")],
        "startAt(): 3 values given for 2 order fields",
      ],
      [
        "a document id that is a path",
        () => [where(documentId(), "==", "a/b")],
        'where(): "a/b" is a path, not a document id',
      ],
      [
        "a FieldValue as a filter value",
        () => [where("n", "==", serverTimestamp())],
        "serverTimestamp() cannot be used here",
      ],
      [
        "undefined as a filter value",
        () => [where("n", "==", undefined)],
        "Unsupported field value: undefined",
      ],
    ])("refuses %s when the query is sent", async (_, constraints, message) => {
      const before = sent.count;
      const e = await refusal(...constraints());
      expect(e).toMatchObject({ code: "invalid-argument", status: 0 });
      expect(e.message).toContain(message);
      expect(sent.count).toBe(before);
    });

    it("refuses snapshot cursors that cannot give a position", async () => {
      const before = sent.count;
      const missing = await getDoc(items.doc("nope"));
      const e = await refusal(orderBy("n"), startAfter(missing));
      expect(e.message).toBe("startAfter(): the snapshot's document does not exist");
      const a = await getDoc(items.doc("a"));
      const noField = await refusal(orderBy("rank"), endBefore(a));
      expect(noField).toMatchObject({ code: "invalid-argument", status: 0 });
      expect(noField.message).toBe(
        "endBefore(): the snapshot of items/a has no field 'rank', which the query orders by",
      );
      expect(sent.count).toBe(before);
    });
  });
});
