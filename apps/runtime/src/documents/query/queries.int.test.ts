import { useTestDatabase } from "@winky/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../testing/index.js";

const int = (n: number) => ({ integerValue: String(n) });
const dbl = (n: number | string) => ({ doubleValue: n });
const str = (s: string) => ({ stringValue: s });
const arr = (...values: unknown[]) => ({ arrayValue: { values } });
const field = (fieldPath: string) => ({ fieldPath });
const where = (path: string, op: string, value: unknown) => ({
  fieldFilter: { field: field(path), op, value },
});

describe("queries", () => {
  const database = useTestDatabase("runtime_queries");
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let key: string;

  const run = async (structuredQuery: Record<string, unknown>, parent?: string, auth = true) => {
    const res = await app.inject({
      method: "POST",
      url: "/v1/projects/q-app/documents:runQuery",
      headers: auth ? { authorization: `Bearer ${key}` } : {},
      payload: { structuredQuery, ...(parent ? { parent } : {}) },
    });
    return res;
  };
  const names = async (q: Record<string, unknown>, parent?: string) => {
    const res = await run({ from: [{ collectionId: "items" }], ...q }, parent);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().documents as Array<{ name: string }>).map((d) => d.name.split("/").pop());
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    app = runtime.app;
    key = await runtime.createProject("q-app");
    const docs: Record<string, Record<string, unknown>> = {
      a: { n: int(1), tags: arr(str("red")), kind: str("x"), visible: { booleanValue: true } },
      b: {
        n: dbl(2.5),
        tags: arr(str("blue"), str("red")),
        kind: str("y"),
        visible: { booleanValue: false },
      },
      c: { n: int(3), kind: str("x"), visible: { booleanValue: true } },
      d: { n: str("4"), kind: { nullValue: null } },
      e: { n: dbl("NaN"), tags: arr(str("green")) },
      f: { other: int(0) },
    };
    const writes = Object.entries(docs).map(([id, fields]) => ({
      update: { name: `items/${id}`, fields },
    }));
    writes.push({ update: { name: "shops/s1/items/g", fields: { n: int(7), kind: str("x") } } });
    writes.push({ update: { name: "shops/s2/items/h", fields: { n: int(8), kind: str("x") } } });
    const res = await app.inject({
      method: "POST",
      url: "/v1/projects/q-app/documents:commit",
      headers: { authorization: `Bearer ${key}` },
      payload: { writes },
    });
    expect(res.statusCode, res.body).toBe(200);
    await app.inject({
      method: "PUT",
      url: "/v1/projects/q-app/admin/rules/firestore",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
      payload:
        "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    match /items/{id} { allow list: if resource.data.visible == true; }\n  }\n}\n",
    });
  });
  afterAll(() => runtime.close());

  it("orders by document name by default", async () => {
    expect(await names({})).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("matches equality across int and double, and in", async () => {
    expect(await names({ where: where("n", "EQUAL", dbl(1)) })).toEqual(["a"]);
    expect(await names({ where: where("n", "IN", arr(int(3), dbl(2.5))) })).toEqual(["b", "c"]);
  });

  it("restricts ranges to the filter value's type and skips NaN", async () => {
    expect(await names({ where: where("n", "GREATER_THAN", int(0)) })).toEqual(["a", "b", "c"]);
    expect(await names({ where: where("n", "GREATER_THAN_OR_EQUAL", str("")) })).toEqual(["d"]);
  });

  it("skips documents without the field for != and not-in, and not-in with null matches nothing", async () => {
    expect(await names({ where: where("kind", "NOT_IN", arr({ nullValue: null })) })).toEqual([]);
    expect(await names({ where: where("other", "NOT_EQUAL", int(1)) })).toEqual(["f"]);
  });

  it("skips documents whose field is null for !=, not-in and is-not-NaN", async () => {
    // d's kind is null: Firestore returns "every document where the field exists with a value
    // other than X or null".
    expect(await names({ where: where("kind", "NOT_EQUAL", str("x")) })).toEqual(["b"]);
    expect(await names({ where: where("kind", "NOT_IN", arr(str("y"))) })).toEqual(["a", "c"]);
    const notNaN = { unaryFilter: { field: field("kind"), op: "IS_NOT_NAN" } };
    expect(await names({ where: notNaN })).toEqual(["a", "c", "b"]);
    expect(await names({ where: where("kind", "EQUAL", { nullValue: null }) })).toEqual(["d"]);
  });

  it("orders across types as Firestore does, dropping documents without the field", async () => {
    const order = { orderBy: [{ field: field("n"), direction: "ASCENDING" }] };
    expect(await names(order)).toEqual(["e", "a", "b", "c", "d"]);
    expect(await names({ orderBy: [{ field: field("n"), direction: "DESCENDING" }] })).toEqual([
      "d",
      "c",
      "b",
      "a",
      "e",
    ]);
  });

  it("applies cursors, offset, limit and limitToLast", async () => {
    const orderBy = [{ field: field("n"), direction: "ASCENDING" }];
    expect(await names({ orderBy, startAt: { values: [int(1)], before: false } })).toEqual([
      "b",
      "c",
      "d",
    ]);
    expect(
      await names({
        orderBy,
        startAt: { values: [int(1)], before: true },
        endAt: { values: [int(3)], before: true },
      }),
    ).toEqual(["a", "b"]);
    expect(await names({ orderBy, offset: 1, limit: 2 })).toEqual(["a", "b"]);
    expect(await names({ orderBy, limit: 2, limitToLast: true })).toEqual(["c", "d"]);
  });

  it("filters arrays with array-contains and array-contains-any", async () => {
    expect(await names({ where: where("tags", "ARRAY_CONTAINS", str("red")) })).toEqual(["a", "b"]);
    expect(
      await names({ where: where("tags", "ARRAY_CONTAINS_ANY", arr(str("green"), str("blue"))) }),
    ).toEqual(["b", "e"]);
  });

  it("matches whole arrays given as values of in and not-in", async () => {
    const red = arr(str("red"));
    expect(await names({ where: where("tags", "IN", arr(red, arr(str("blue")))) })).toEqual(["a"]);
    expect(
      await names({ where: where("tags", "IN", arr(arr(str("blue"), str("red")), red)) }),
    ).toEqual(["a", "b"]);
    expect(await names({ where: where("tags", "NOT_IN", arr(red, arr())) })).toEqual(["b", "e"]);
    // No stored array holds an array: array-contains-any of one matches nothing.
    expect(await names({ where: where("tags", "ARRAY_CONTAINS_ANY", arr(red)) })).toEqual([]);
  });

  it("combines filters with AND and OR, and unary filters", async () => {
    const or = {
      compositeFilter: {
        op: "OR",
        filters: [where("n", "EQUAL", int(3)), where("kind", "EQUAL", str("y"))],
      },
    };
    expect(await names({ where: or })).toEqual(["b", "c"]);
    const and = {
      compositeFilter: {
        op: "AND",
        filters: [where("kind", "EQUAL", str("x")), where("n", "LESS_THAN", int(3))],
      },
    };
    expect(await names({ where: and })).toEqual(["a"]);
    expect(await names({ where: { unaryFilter: { field: field("n"), op: "IS_NAN" } } })).toEqual([
      "e",
    ]);
    expect(
      await names({ where: { unaryFilter: { field: field("kind"), op: "IS_NULL" } } }),
    ).toEqual(["d"]);
  });

  it("runs collection-group queries, optionally below a parent", async () => {
    const group = {
      from: [{ collectionId: "items", allDescendants: true }],
      where: where("n", "GREATER_THAN", int(5)),
    };
    const all = await run(group);
    expect(all.json().documents.map((d: { name: string }) => d.name)).toEqual([
      "shops/s1/items/g",
      "shops/s2/items/h",
    ]);
    const below = await run(group, "shops/s2");
    expect(below.json().documents.map((d: { name: string }) => d.name)).toEqual([
      "shops/s2/items/h",
    ]);
  });

  describe("rules", () => {
    it("allow a query whose filters prove the rule, and deny one that does not", async () => {
      const proven = await run(
        {
          from: [{ collectionId: "items" }],
          where: where("visible", "EQUAL", { booleanValue: true }),
        },
        undefined,
        false,
      );
      expect(proven.statusCode, proven.body).toBe(200);
      expect(proven.json().documents.map((d: { name: string }) => d.name)).toEqual([
        "items/a",
        "items/c",
      ]);
      const unproven = await run({ from: [{ collectionId: "items" }] }, undefined, false);
      expect(unproven.json().error.code).toBe("permission-denied");
    });

    it("deny a collection-group query unless a recursive wildcard rule allows every depth", async () => {
      const group = {
        from: [{ collectionId: "items", allDescendants: true }],
        where: where("visible", "EQUAL", { booleanValue: true }),
      };
      const res = await run(group, undefined, false);
      expect(res.json().error.code).toBe("permission-denied");
    });
  });

  describe("with bad input", () => {
    const invalid = async (q: Record<string, unknown>, message: string | RegExp) => {
      const res = await run({ from: [{ collectionId: "items" }], ...q });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe("invalid-argument");
      expect(res.json().error.message).toMatch(message);
    };

    it("refuses two array-contains", () =>
      invalid(
        {
          where: {
            compositeFilter: {
              op: "AND",
              filters: [
                where("tags", "ARRAY_CONTAINS", str("a")),
                where("tags", "ARRAY_CONTAINS", str("b")),
              ],
            },
          },
        },
        "'array-contains' only once",
      ));

    it("refuses in with more than 30 values", () =>
      invalid(
        { where: where("n", "IN", arr(...Array.from({ length: 31 }, (_, i) => int(i)))) },
        "at most 30 values, got 31",
      ));

    it("refuses not-in with more than 10 values, naming the operator as Firestore does", () =>
      invalid(
        { where: where("n", "NOT_IN", arr(...Array.from({ length: 11 }, (_, i) => int(i)))) },
        "'not-in' on n takes at most 10 values, got 11",
      ));

    it("refuses not-in with in, array-contains-any or or", async () => {
      const notIn = where("n", "NOT_IN", arr(int(1)));
      const and = (other: unknown) => ({
        where: { compositeFilter: { op: "AND", filters: [notIn, other] } },
      });
      await invalid(
        and(where("kind", "IN", arr(str("x")))),
        "a query cannot combine 'not-in' with 'in'",
      );
      await invalid(
        and(where("tags", "ARRAY_CONTAINS_ANY", arr(str("x")))),
        "a query cannot combine 'not-in' with 'array-contains-any'",
      );
      const either = {
        compositeFilter: {
          op: "OR",
          filters: [where("kind", "EQUAL", str("x")), where("kind", "EQUAL", str("y"))],
        },
      };
      await invalid(and(either), "a query cannot combine 'not-in' with 'or'");
    });

    it("refuses an array inside an array of in, naming the element", () =>
      invalid(
        { where: where("tags", "IN", arr(arr(arr(str("x"))))) },
        "structuredQuery.where.fieldFilter.value: invalid arrayValue at values[0][0]: an array cannot directly contain an array",
      ));

    it("refuses more cursor values than order fields", () =>
      invalid({ startAt: { values: [int(1), int(2)] } }, "give 1 to 1 values"));

    it("refuses an unknown operator", () =>
      invalid({ where: where("n", "LIKE", int(1)) }, 'unknown operator "LIKE"'));
  });
});

describe("aggregation queries", () => {
  const database = useTestDatabase("runtime_aggregations");
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let key: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    app = runtime.app;
    key = await runtime.createProject("agg-app");
    const writes = [int(2), int(3), dbl(0.5), str("x")].map((n, i) => ({
      update: { name: `orders/o${i}`, fields: { n, kind: str(i < 2 ? "a" : "b") } },
    }));
    await app.inject({
      method: "POST",
      url: "/v1/projects/agg-app/documents:commit",
      headers: { authorization: `Bearer ${key}` },
      payload: { writes },
    });
  });
  afterAll(() => runtime.close());

  const aggregateQuery = (aggregations: unknown[], filter?: unknown) =>
    app.inject({
      method: "POST",
      url: "/v1/projects/agg-app/documents:runAggregationQuery",
      headers: { authorization: `Bearer ${key}` },
      payload: {
        structuredAggregationQuery: {
          structuredQuery: {
            from: [{ collectionId: "orders" }],
            ...(filter ? { where: filter } : {}),
          },
          aggregations,
        },
      },
    });

  it("counts, sums and averages the numeric values, ignoring the rest", async () => {
    const res = await aggregateQuery([
      { alias: "n", count: {} },
      { alias: "total", sum: { field: field("n") } },
      { alias: "mean", avg: { field: field("n") } },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result.aggregateFields).toEqual({
      n: int(4),
      total: dbl(5.5),
      mean: dbl(5.5 / 3),
    });
  });

  it("keeps an all-integer sum an integer, and averages nothing to null", async () => {
    const res = await aggregateQuery(
      [
        { alias: "total", sum: { field: field("n") } },
        { alias: "none", avg: { field: field("missing") } },
      ],
      where("kind", "EQUAL", str("a")),
    );
    expect(res.json().result.aggregateFields).toEqual({ total: int(5), none: { nullValue: null } });
  });

  it("refuses an aggregation it does not know", async () => {
    const res = await aggregateQuery([{ alias: "x", median: {} }]);
    expect(res.json().error.message).toContain("aggregations[0]: expected one of count, sum, avg");
  });
});
