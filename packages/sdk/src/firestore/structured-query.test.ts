import { describe, expect, it } from "vitest";
import { fakeFetch, PROJECT, URL_BASE } from "../../test/fake-fetch.js";
import { createClient } from "../client.js";
import { documentId } from "../values/field-path.js";
import {
  and,
  endAt,
  endBefore,
  limit,
  limitToLast,
  or,
  orderBy,
  query,
  startAfter,
  startAt,
  where,
} from "./query.js";
import { DocumentSnapshot } from "./snapshot.js";
import { toQueryBody } from "./structured-query.js";

const { db } = createClient({
  url: URL_BASE,
  project: PROJECT,
  fetch: fakeFetch(() => ({})).fetch,
});
const cities = db.collection("cities");
const ROOT = `projects/${PROJECT}/databases/(default)/documents/`;
const name = (direction = "ASCENDING") => ({ field: { fieldPath: "__name__" }, direction });
const field = (fieldPath: string, op: string, value: unknown) => ({
  fieldFilter: { field: { fieldPath }, op, value },
});

describe("query building", () => {
  it("orders a bare collection by name", () => {
    expect(toQueryBody(cities)).toEqual({
      structuredQuery: { from: [{ collectionId: "cities" }], orderBy: [name()] },
    });
  });

  it("sends one filter as itself and several as an AND, with the implicit order", () => {
    const q = query(
      cities,
      where("country", "==", "FR"),
      where("population", ">", 100000),
      limit(5),
    );
    expect(toQueryBody(q).structuredQuery).toEqual({
      from: [{ collectionId: "cities" }],
      where: {
        compositeFilter: {
          op: "AND",
          filters: [
            field("country", "EQUAL", { stringValue: "FR" }),
            field("population", "GREATER_THAN", { integerValue: "100000" }),
          ],
        },
      },
      orderBy: [{ field: { fieldPath: "population" }, direction: "ASCENDING" }, name()],
      limit: 5,
    });
  });

  it("nests or() and and(), and turns == null and != NaN into unary filters", () => {
    const q = query(
      cities,
      or(where("capital", "==", null), and(where("size", "!=", NaN), where("tags", "in", ["a"]))),
    );
    expect(toQueryBody(q).structuredQuery.where).toEqual({
      compositeFilter: {
        op: "OR",
        filters: [
          { unaryFilter: { field: { fieldPath: "capital" }, op: "IS_NULL" } },
          {
            compositeFilter: {
              op: "AND",
              filters: [
                { unaryFilter: { field: { fieldPath: "size" }, op: "IS_NOT_NAN" } },
                field("tags", "IN", { arrayValue: { values: [{ stringValue: "a" }] } }),
              ],
            },
          },
        ],
      },
    });
  });

  it("follows the last explicit direction and sends limitToLast", () => {
    const q = query(cities, where("rank", "<", 10), orderBy("region", "desc"), limitToLast(3));
    expect(toQueryBody(q).structuredQuery).toMatchObject({
      orderBy: [
        { field: { fieldPath: "region" }, direction: "DESCENDING" },
        { field: { fieldPath: "rank" }, direction: "DESCENDING" },
        name("DESCENDING"),
      ],
      limit: 3,
      limitToLast: true,
    });
  });

  it("queries a subcollection below its parent and a group with allDescendants", () => {
    expect(toQueryBody(db.collection("users/ada/posts"))).toMatchObject({
      parent: "users/ada",
      structuredQuery: { from: [{ collectionId: "posts" }] },
    });
    expect(toQueryBody(db.collectionGroup("posts"))).toEqual({
      structuredQuery: {
        from: [{ collectionId: "posts", allDescendants: true }],
        orderBy: [name()],
      },
    });
  });

  it("turns document ids into references for __name__", () => {
    const q = query(cities, where(documentId(), "in", ["paris", db.doc("cities/rome")]));
    expect(toQueryBody(q).structuredQuery.where).toEqual(
      field("__name__", "IN", {
        arrayValue: {
          values: [
            { referenceValue: `${ROOT}cities/paris` },
            { referenceValue: `${ROOT}cities/rome` },
          ],
        },
      }),
    );
  });

  describe("cursors", () => {
    it("encode values in order-field order with Firestore's before flag", () => {
      const q = query(cities, orderBy("population"), startAfter(1000), endAt(5000, "zurich"));
      expect(toQueryBody(q).structuredQuery).toMatchObject({
        startAt: { values: [{ integerValue: "1000" }], before: false },
        endAt: {
          values: [{ integerValue: "5000" }, { referenceValue: `${ROOT}cities/zurich` }],
          before: false,
        },
      });
      const inclusive = query(cities, orderBy("population"), startAt(1), endBefore(2));
      expect(toQueryBody(inclusive).structuredQuery).toMatchObject({
        startAt: { before: true },
        endAt: { before: true },
      });
    });

    it("take a snapshot's values for every order field, implicit ones included, then its name", () => {
      const snap = new DocumentSnapshot(db.doc("cities/lyon"), {
        name: "cities/lyon",
        fields: {
          rank: { integerValue: "3" },
          geo: { mapValue: { fields: { region: { stringValue: "ARA" } } } },
        },
      });
      const q = query(cities, where("rank", ">", 1), orderBy("geo.region"), startAfter(snap));
      expect(toQueryBody(q).structuredQuery.startAt).toEqual({
        values: [
          { stringValue: "ARA" },
          { integerValue: "3" },
          { referenceValue: `${ROOT}cities/lyon` },
        ],
        before: false,
      });
    });

    it("refuse a snapshot without an order field, and more values than order fields", () => {
      const snap = new DocumentSnapshot(db.doc("cities/x"), { name: "cities/x", fields: {} });
      expect(() => toQueryBody(query(cities, orderBy("pop"), startAt(snap)))).toThrow(
        "has no field 'pop'",
      );
      expect(() => toQueryBody(query(cities, startAt(1, 2)))).toThrow("2 values given for 1");
    });

    it("name the function the app called in their messages", () => {
      const missing = new DocumentSnapshot(db.doc("cities/x"), null);
      expect(() => toQueryBody(query(cities, startAfter(missing)))).toThrow(
        "startAfter(): the snapshot's document does not exist",
      );
      expect(() => toQueryBody(query(cities, endBefore(1, 2)))).toThrow(
        "endBefore(): 2 values given for 1 order fields",
      );
    });
  });

  it("refuses a list operator without an array", () => {
    expect(() => where("tags", "array-contains-any", "a")).toThrow("needs a non-empty array");
  });
});
