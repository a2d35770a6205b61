// orderBy through the SDK over HTTP: Firestore's order across value types, several orderBy
// clauses with ties broken by document name (in the direction of the last order), limit and
// limitToLast, and documents without an ordered field left out. Expected ids are worked out by
// hand from Firestore's documented value-type ordering.
import { beforeAll, describe, expect, it } from "vitest";
import { ALLOW_ALL_RULES, ids, useTestClient } from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  GeoPoint,
  Timestamp,
  documentId,
  limit,
  limitToLast,
  orderBy,
  where,
  writeBatch,
  type CollectionReference,
} from "./index.js";

/**
 * Team and score, with ties and gaps:
 * p1 b/3, p2 a/5, p3 b/5, p4 a/5, p5 a/1, p6 c/—, p7 —/4
 */
const PLAYERS: Record<string, Record<string, unknown>> = {
  p1: { team: "b", score: 3 },
  p2: { team: "a", score: 5 },
  p3: { team: "b", score: 5 },
  p4: { team: "a", score: 5 },
  p5: { team: "a", score: 1 },
  p6: { team: "c" },
  p7: { score: 4 },
};

describe("orderBy against a real runtime", () => {
  const runtime = useTestRuntime("sdk-order", ALLOW_ALL_RULES);
  const client = useTestClient(runtime);
  let players: CollectionReference;

  beforeAll(async () => {
    const { db } = client.current;
    players = db.collection("players");
    const batch = writeBatch(db);
    for (const [id, data] of Object.entries(PLAYERS)) batch.set(players.doc(id), data);
    // One document per value type; ids are deliberately not in value order.
    const mixed: [string, unknown][] = [
      ["m01", { v: { b: 1 } }],
      ["m02", { v: [1, 3] }],
      ["m03", { v: "é" }],
      ["m04", { v: new GeoPoint(10, 0) }],
      ["m05", { v: null }],
      ["m06", { v: db.doc("a-x/y") }],
      ["m07", { v: 1.5 }],
      ["m08", { v: new Uint8Array([0, 1]) }],
      ["m09", { v: true }],
      ["m10", { v: new Timestamp(1_700_000_000, 0) }],
      ["m11", { v: NaN }],
      ["m12", { v: { a: 2, b: 0 } }],
      ["m13", { v: [] }],
      ["m14", { v: "" }],
      ["m15", { v: -Infinity }],
      ["m16", { v: db.doc("a/b/c/d") }],
      ["m17", { v: new GeoPoint(-10, 50) }],
      ["m18", { v: 2n ** 62n }],
      ["m19", { v: false }],
      ["m20", { v: new Uint8Array([0]) }],
      ["m21", { v: {} }],
      ["m22", { v: [1, 2, 0] }],
      ["m23", { v: "z" }],
      ["m24", { v: new Timestamp(0, 1) }],
      ["m25", { v: db.doc("a/b") }],
      ["m26", { v: -1 }],
      ["m27", { v: new GeoPoint(10, -50) }],
      ["m28", { v: Infinity }],
      ["m29", { v: { a: 2 } }],
      ["m30", { v: [1, 2] }],
      ["m31", { v: 1 }],
      ["m32", { notV: true }],
    ];
    for (const [id, data] of mixed) batch.set(db.doc(`mixed/${id}`), data as object);
    await batch.commit();
  });

  describe("across value types", () => {
    // null < booleans < numbers (NaN first) < timestamps < strings (UTF-8 bytes) < bytes <
    // references (segment by segment) < geopoints (latitude, then longitude) < arrays
    // (element-wise, then length) < maps (key, then value, then size).
    const ascending = [
      ...["m05", "m19", "m09"], // null, false, true
      ...["m11", "m15", "m26", "m31", "m07", "m18", "m28"], // NaN, -∞, -1, 1, 1.5, 2^62, ∞
      ...["m24", "m10"], // 1970-01-01T00:00:00.000000001Z, 2023-11-14
      ...["m14", "m23", "m03"], // "", "z", "é" (0xC3 0xA9 > 0x7A)
      ...["m20", "m08"], // [0], [0, 1]
      ...["m25", "m16", "m06"], // a/b, a/b/c/d, a-x/y ("a" < "a-x" segment-wise)
      ...["m17", "m27", "m04"], // (-10, 50), (10, -50), (10, 0)
      ...["m13", "m30", "m22", "m02"], // [], [1, 2], [1, 2, 0], [1, 3]
      ...["m21", "m29", "m12", "m01"], // {}, {a: 2}, {a: 2, b: 0}, {b: 1}
    ];

    it("orders every type, and leaves out the document without the field", async () => {
      const mixed = client.current.db.collection("mixed");
      expect(await ids(mixed, orderBy("v"))).toEqual(ascending);
      expect(await ids(mixed, orderBy("v", "desc"))).toEqual([...ascending].reverse());
    });

    it("bounds a range filter to its type but not a != filter", async () => {
      const mixed = client.current.db.collection("mixed");
      expect(await ids(mixed, where("v", ">", 1))).toEqual(["m07", "m18", "m28"]);
      expect(await ids(mixed, where("v", "<", "é"))).toEqual(["m14", "m23"]);
      expect(await ids(mixed, where("v", ">=", []))).toEqual(["m13", "m30", "m22", "m02"]);
      const notNull = ascending.filter((id) => id !== "m05");
      expect(await ids(mixed, where("v", "!=", null))).toEqual(notNull);
    });
  });

  describe("several orderBy clauses", () => {
    it("sorts by each in turn, breaking ties by name in the last order's direction", async () => {
      // a: p2 5, p4 5, p5 1; b: p3 5, p1 3. Tie p2/p4 broken by name descending.
      expect(await ids(players, orderBy("team"), orderBy("score", "desc"))).toEqual([
        ...["p4", "p2", "p5"],
        ...["p3", "p1"],
      ]);
      // 5: a p2, a p4, b p3; 3: p1; 1: p5. p7 (4) has no team.
      expect(await ids(players, orderBy("score", "desc"), orderBy("team"))).toEqual([
        ...["p2", "p4", "p3"],
        ...["p1", "p5"],
      ]);
    });

    it("leaves out documents without any one of the ordered fields", async () => {
      expect(await ids(players, orderBy("team", "desc"))).toEqual([
        ...["p6", "p3", "p1"],
        ...["p5", "p4", "p2"],
      ]);
      expect(await ids(players, orderBy("score"))).toEqual(["p5", "p1", "p7", "p2", "p3", "p4"]);
      expect(await ids(players, where("team", "==", "a"), orderBy("score"))).toEqual([
        ...["p5", "p2", "p4"],
      ]);
    });

    it("orders by document id in either direction", async () => {
      expect(await ids(players, orderBy(documentId(), "desc"), limit(3))).toEqual([
        ...["p7", "p6", "p5"],
      ]);
      expect(await ids(players, where("team", "!=", "b"), orderBy(documentId()))).toEqual([
        // An explicit first order comes first; the != field follows it.
        ...["p2", "p4", "p5", "p6"],
      ]);
    });
  });

  describe("limit and limitToLast", () => {
    it("takes the first n, or the last n still in query order", async () => {
      const byTeamScore = [orderBy("team"), orderBy("score")];
      // Full order: p5 a/1, p2 a/5, p4 a/5, p1 b/3, p3 b/5.
      expect(await ids(players, ...byTeamScore, limit(2))).toEqual(["p5", "p2"]);
      expect(await ids(players, ...byTeamScore, limitToLast(2))).toEqual(["p1", "p3"]);
      expect(await ids(players, ...byTeamScore, limitToLast(10))).toEqual([
        ...["p5", "p2", "p4", "p1", "p3"],
      ]);
      expect(await ids(players, orderBy("team"), limit(2))).toEqual(["p2", "p4"]);
    });
  });
});
