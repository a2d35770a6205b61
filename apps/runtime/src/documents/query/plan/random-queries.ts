/**
 * Seeded random documents and queries (Firestore REST JSON) for the planner's differential
 * test: every query runs through the planner and through a full scan, and must agree.
 */

/** mulberry32: small, seedable, good enough to spread test cases. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const int = (n: number) => ({ integerValue: String(n) });
const str = (s: string) => ({ stringValue: s });
const arr = (...values: unknown[]) => ({ arrayValue: { values } });

const KINDS = [str("x"), str("y"), str("z"), { nullValue: null }, int(1)];
const NUMBERS = [
  int(-2),
  int(0),
  int(1),
  int(3),
  { doubleValue: 1.5 },
  { doubleValue: 3 },
  { doubleValue: "NaN" },
  str("3"),
  { nullValue: null },
  { timestampValue: "2024-01-01T00:00:00Z" },
  { booleanValue: true },
];
const TAGS = ["a", "b", "c"];

/** A document's fields: each field may be missing, of an unusual type, or an array. */
export function randomFields(rand: Rand): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (rand() < 0.85) fields.kind = pick(rand, KINDS);
  if (rand() < 0.85) fields.n = pick(rand, NUMBERS);
  if (rand() < 0.7) fields.m = int(Math.floor(rand() * 3));
  if (rand() < 0.7) {
    fields.tags = rand() < 0.9 ? arr(...TAGS.filter(() => rand() < 0.5).map(str)) : str("a");
  }
  return fields;
}

/** Ids whose byte order differs from a locale's order: upper case, digits, punctuation. */
export function randomId(rand: Rand, i: number): string {
  return `${pick(rand, ["A", "a", "B", "b", "_", "0", "z"])}${pick(rand, ["", "x", "Y"])}${i}`;
}

const where = (path: string, op: string, value: unknown) => ({
  fieldFilter: { field: { fieldPath: path }, op, value },
});

function randomFilter(rand: Rand): unknown {
  switch (Math.floor(rand() * 12)) {
    case 0:
      return where("kind", "EQUAL", pick(rand, KINDS));
    case 1:
      return where("kind", "IN", arr(pick(rand, KINDS), pick(rand, KINDS)));
    case 2:
      return where("n", pick(rand, ["GREATER_THAN", "GREATER_THAN_OR_EQUAL"]), pick(rand, NUMBERS));
    case 3:
      return where("n", pick(rand, ["LESS_THAN", "LESS_THAN_OR_EQUAL"]), pick(rand, NUMBERS));
    case 4:
      return where("n", "NOT_EQUAL", pick(rand, NUMBERS));
    case 5:
      return where("tags", "ARRAY_CONTAINS", str(pick(rand, TAGS)));
    case 6:
      return where("tags", "ARRAY_CONTAINS_ANY", arr(str(pick(rand, TAGS)), str(pick(rand, TAGS))));
    case 7:
      return where("m", "EQUAL", int(Math.floor(rand() * 3)));
    case 8:
      return {
        compositeFilter: {
          op: "AND",
          filters: [where("kind", "EQUAL", pick(rand, KINDS)), where("m", "EQUAL", int(1))],
        },
      };
    case 9:
      return {
        compositeFilter: {
          op: "OR",
          filters: [where("kind", "EQUAL", pick(rand, KINDS)), where("m", "EQUAL", int(2))],
        },
      };
    case 10:
      return {
        compositeFilter: {
          op: "AND",
          filters: [where("kind", "EQUAL", pick(rand, KINDS)), where("n", "GREATER_THAN", int(0))],
        },
      };
    default:
      return { unaryFilter: { field: { fieldPath: "n" }, op: pick(rand, ["IS_NAN", "IS_NULL"]) } };
  }
}

const ORDERS: ReadonlyArray<Array<[string, "ASCENDING" | "DESCENDING"]>> = [
  [],
  [],
  [["n", "ASCENDING"]],
  [["n", "DESCENDING"]],
  [["m", "ASCENDING"]],
  [
    ["m", "ASCENDING"],
    ["n", "DESCENDING"],
  ],
  [["__name__", "DESCENDING"]],
  [
    ["n", "DESCENDING"],
    ["__name__", "ASCENDING"],
  ],
  [
    ["__name__", "DESCENDING"],
    ["n", "ASCENDING"],
  ],
];

/** A structured query over `items`, maybe a collection group, with cursors and limits. */
export function randomQuery(rand: Rand, names: readonly string[]): Record<string, unknown> {
  const q: Record<string, unknown> = {
    from: [{ collectionId: "items", ...(rand() < 0.2 ? { allDescendants: true } : {}) }],
  };
  if (rand() < 0.8) q.where = randomFilter(rand);
  const order = pick(rand, ORDERS);
  if (order.length > 0) {
    q.orderBy = order.map(([fieldPath, direction]) => ({ field: { fieldPath }, direction }));
  }
  if (rand() < 0.3 && order.length > 0) {
    const fields = order.map(([f]) => f);
    const all = fields.includes("__name__") ? fields : [...fields, "__name__"];
    const values = all
      .slice(0, 1 + Math.floor(rand() * all.length))
      .map((f) =>
        f === "__name__"
          ? { referenceValue: pick(rand, names) }
          : f === "m"
            ? int(Math.floor(rand() * 3))
            : pick(rand, NUMBERS),
      );
    q[rand() < 0.5 ? "startAt" : "endAt"] = { values, before: rand() < 0.5 };
  }
  if (rand() < 0.7) q.limit = pick(rand, [1, 2, 3, 5, 10]);
  if (rand() < 0.2 && q.limit !== undefined) q.limitToLast = true;
  if (rand() < 0.15) q.offset = pick(rand, [1, 4]);
  return q;
}
