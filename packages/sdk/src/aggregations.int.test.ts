// count(), sum() and average() through the SDK over HTTP, on filtered, limited and
// collection-group queries. Expected results are worked out by hand from Firestore's rules:
// sum and average take only numeric values (other types and missing fields are skipped), the
// sum of nothing is 0, the average of nothing is null, and count honours limit.
import { beforeAll, describe, expect, it } from "vitest";
import { ALLOW_ALL_RULES, useTestClient } from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  average,
  count,
  getAggregateFromServer,
  getCountFromServer,
  limit,
  query,
  sum,
  where,
  writeBatch,
  type CollectionReference,
} from "./index.js";

/** price: 10, 2.5, 30, "n/a", —, 7.5; all in stock except c and e. */
const PRODUCTS: Record<string, Record<string, unknown>> = {
  a: { price: 10, stock: true, kind: "book" },
  b: { price: 2.5, stock: true, kind: "pen" },
  c: { price: 30, stock: false, kind: "book" },
  d: { price: "n/a", stock: true, kind: "book" },
  e: { stock: false, kind: "pen" },
  f: { price: 7.5, stock: true, kind: "pen" },
};

describe("aggregations against a real runtime", () => {
  const runtime = useTestRuntime("sdk-aggregations", ALLOW_ALL_RULES);
  const client = useTestClient(runtime);
  let products: CollectionReference;

  beforeAll(async () => {
    const { db } = client.current;
    products = db.collection("products");
    const batch = writeBatch(db);
    for (const [id, data] of Object.entries(PRODUCTS)) batch.set(products.doc(id), data);
    batch.set(db.doc("shops/s1/products/x"), { price: 1 });
    batch.set(db.doc("shops/s2/products/y"), { price: 2 });
    await batch.commit();
  });

  it("sums and averages only the numeric values, mixing integers and doubles", async () => {
    const all = await getAggregateFromServer(products, {
      n: count(),
      total: sum("price"),
      mean: average("price"),
    });
    // 10 + 2.5 + 30 + 7.5 = 50 over 4 numeric prices; d's string and e's gap are skipped.
    expect(all.data()).toEqual({ n: 6, total: 50, mean: 12.5 });
  });

  it("aggregates only the documents the filters match", async () => {
    const inStock = query(products, where("stock", "==", true));
    const snap = await getAggregateFromServer(inStock, {
      n: count(),
      total: sum("price"),
      mean: average("price"),
    });
    // a 10, b 2.5, d "n/a", f 7.5: count 4, sum 20 over 3 numbers.
    expect(snap.data().n).toBe(4);
    expect(snap.data().total).toBe(20);
    expect(snap.data().mean).toBeCloseTo(20 / 3, 12);
    const pens = query(products, where("kind", "==", "pen"), where("price", ">", 5));
    expect((await getAggregateFromServer(pens, { total: sum("price") })).data()).toEqual({
      total: 7.5,
    });
  });

  it("gives 0 for the sum and null for the average of nothing", async () => {
    const none = query(products, where("kind", "==", "lamp"));
    const snap = await getAggregateFromServer(none, {
      n: count(),
      total: sum("price"),
      mean: average("price"),
    });
    expect(snap.data()).toEqual({ n: 0, total: 0, mean: null });
    const pensWithoutPrice = query(products, where("kind", "==", "pen"));
    expect(
      (await getAggregateFromServer(pensWithoutPrice, { mean: average("missing") })).data(),
    ).toEqual({ mean: null });
  });

  it("counts at most limit documents", async () => {
    expect((await getCountFromServer(query(products, limit(2)))).data().count).toBe(2);
    expect((await getCountFromServer(query(products, limit(10)))).data().count).toBe(6);
  });

  it("aggregates a collection group across its parents", async () => {
    const group = client.current.db.collectionGroup("products");
    const snap = await getAggregateFromServer(group, { n: count(), total: sum("price") });
    // The six root products plus shops/s1 (1) and shops/s2 (2).
    expect(snap.data()).toEqual({ n: 8, total: 53 });
  });
});
