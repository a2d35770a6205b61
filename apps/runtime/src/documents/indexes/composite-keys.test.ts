import { describe, expect, it } from "vitest";
import { SAMPLE_VALUES } from "../index/sample-values.js";
import { compareValues } from "../model/compare.js";
import { referenceValue, stringValue, type DocValue } from "../model/value.js";
import { compositeEntries } from "./composite-entries.js";
import { cutRange, intersect, prefixEnd, prefixRange } from "./composite-keys.js";
import { withId, type CompositeIndex } from "./index-definitions.js";

const index = (fields: CompositeIndex["fields"]) =>
  withId({ collectionGroup: "c", queryScope: "COLLECTION", fields });
const asc = (name: string) => ({ fieldPath: name, path: [name], order: "ASCENDING" as const });
const desc = (name: string) => ({ fieldPath: name, path: [name], order: "DESCENDING" as const });

const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);

describe("composite keys", () => {
  // (x ASC, y DESC): keys compare as x ascending, then y descending, then the name descending.
  const xAscYDesc = index([asc("x"), desc("y")]);
  const values = SAMPLE_VALUES.filter((_, i) => i % 3 === 0);
  const docs = values.flatMap((x, i) => values.map((y, j) => ({ x, y, path: `c/d${i}-${j}` })));
  const keyOf = (d: { x: DocValue; y: DocValue; path: string }) => {
    const fields = new Map([
      ["x", d.x],
      ["y", d.y],
    ]);
    const [entry] = compositeEntries([xAscYDesc], d.path, fields);
    return entry!.key;
  };

  it("order documents by each field in its direction, then by name", () => {
    const keyed = docs.map((d) => ({ ...d, key: keyOf(d) }));
    for (const a of keyed) {
      for (const b of keyed) {
        const expected =
          compareValues(a.x, b.x) ||
          -compareValues(a.y, b.y) ||
          -compareValues(referenceValue(a.path), referenceValue(b.path));
        expect(sign(Buffer.compare(a.key, b.key)), `${a.path} vs ${b.path}`).toBe(sign(expected));
      }
    }
  });

  it("leave documents missing a field out, and key array elements one by one", () => {
    const tagsThenN = index([
      { fieldPath: "tags", path: ["tags"], arrayConfig: "CONTAINS" },
      asc("n"),
    ]);
    const fields = new Map<string, DocValue>([
      ["tags", { type: "array", values: [stringValue("a"), stringValue("b"), stringValue("a")] }],
      ["n", stringValue("x")],
    ]);
    expect(compositeEntries([tagsThenN], "c/d", fields)).toHaveLength(2);
    fields.delete("n");
    expect(compositeEntries([tagsThenN], "c/d", fields)).toEqual([]);
  });

  // As in Firestore, values are cut (here after 512 bytes): values alike that far tie and
  // their order is then the name's. Values that differ earlier keep their order.
  it("cut long values, keeping the order of values that differ before the cut", () => {
    const xs = [
      "a".repeat(700),
      `${"a".repeat(700)}b`,
      `${"a".repeat(300)}b`,
      "b".repeat(2000),
      "a",
    ];
    const keyed = xs.map((x, i) => ({
      x,
      key: keyOf({ x: stringValue(x), y: stringValue(x), path: `c/${i}` }),
    }));
    for (const a of keyed) {
      expect(a.key.length).toBeLessThanOrEqual(1536);
      for (const b of keyed) {
        if (a.x.slice(0, 500) === b.x.slice(0, 500)) continue;
        const byValue = compareValues(stringValue(a.x), stringValue(b.x));
        expect(sign(Buffer.compare(a.key, b.key))).toBe(sign(byValue));
      }
    }
  });

  it("bound prefixes, intersections and cut ranges", () => {
    expect(prefixEnd(Buffer.from([1, 2, 0xff, 0xff]))).toEqual(Buffer.from([1, 3]));
    expect(prefixEnd(Buffer.from([0xff]))).toBeUndefined();
    expect(prefixRange(Buffer.from([5]))).toEqual({
      lower: Buffer.from([5]),
      upper: Buffer.from([6]),
    });
    expect(
      intersect({ lower: Buffer.from([1]), upper: Buffer.from([9]) }, { lower: Buffer.from([3]) }),
    ).toEqual({ lower: Buffer.from([3]), upper: Buffer.from([9]) });
    expect(cutRange({ lower: Buffer.from([1, 2, 3]), upper: Buffer.from([1, 2, 4]) }, 2)).toEqual({
      lower: Buffer.from([1, 2]),
      upper: Buffer.from([1, 3]),
    });
  });
});
