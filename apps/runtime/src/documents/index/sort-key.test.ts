import { describe, expect, it } from "vitest";
import { compareValues } from "../model/compare.js";
import { doubleValue, integerValue } from "../model/value.js";
import { SAMPLE_VALUES as samples } from "./sample-values.js";
import { descendingKey, sortKey } from "./sort-key.js";

describe("sort keys", () => {
  it("order every pair of values exactly as Firestore's comparator does", () => {
    const mismatches: string[] = [];
    for (const a of samples) {
      for (const b of samples) {
        const expected = Math.sign(compareValues(a, b));
        const actual = Math.sign(Buffer.compare(sortKey(a), sortKey(b)));
        if (expected !== actual)
          mismatches.push(
            `${JSON.stringify(a, big)} vs ${JSON.stringify(b, big)}: ${actual}, expected ${expected}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("give 5 and 5.0 (and 0 and -0) the same key, as Firestore treats them as equal", () => {
    expect(sortKey(integerValue(5)).equals(sortKey(doubleValue(5)))).toBe(true);
    expect(sortKey(doubleValue(-0)).equals(sortKey(integerValue(0)))).toBe(true);
  });

  it("reverse the order when inverted", () => {
    const mismatches: string[] = [];
    for (const a of samples) {
      for (const b of samples) {
        const ascending = Math.sign(Buffer.compare(sortKey(a), sortKey(b)));
        const descending = Math.sign(Buffer.compare(descendingKey(a), descendingKey(b)));
        if (descending !== (0 - ascending || 0))
          mismatches.push(`${JSON.stringify(a, big)} vs ${JSON.stringify(b, big)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

function big(_key: string, v: unknown): unknown {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Map) return Object.fromEntries(v);
  if (v instanceof Uint8Array) return [...v];
  return v;
}
