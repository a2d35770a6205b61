import { describe, expect, it } from "vitest";
import { compareValues } from "../model/compare.js";
import {
  arrayValue,
  booleanValue,
  bytesValue,
  doubleValue,
  geoPointValue,
  integerValue,
  mapValue,
  nullValue,
  referenceValue,
  stringValue,
  timestampValue,
  type DocValue,
} from "../model/value.js";
import { descendingKey, sortKey } from "./sort-key.js";

// Edge cases of every type, in a mix the property test pairs up exhaustively.
const samples: DocValue[] = [
  nullValue(),
  booleanValue(false),
  booleanValue(true),
  doubleValue(Number.NaN),
  doubleValue(Number.NEGATIVE_INFINITY),
  integerValue(-(2n ** 63n)),
  doubleValue(-1.5),
  integerValue(-1),
  doubleValue(-0),
  integerValue(0),
  doubleValue(0.5),
  integerValue(5),
  doubleValue(5),
  integerValue(2n ** 53n + 1n),
  doubleValue(2 ** 53),
  integerValue(2n ** 63n - 1n),
  doubleValue(2 ** 63),
  doubleValue(Number.POSITIVE_INFINITY),
  timestampValue(-62_135_596_800n, 0),
  timestampValue(-1n, 999_999_999),
  timestampValue(0n, 0),
  timestampValue(0n, 1),
  timestampValue(1_700_000_000n, 5),
  stringValue(""),
  stringValue("\u0000"),
  stringValue("a"),
  stringValue("a\u0000b"),
  stringValue("ab"),
  stringValue("b"),
  stringValue("é"),
  stringValue("😀"),
  stringValue("\uffff"),
  bytesValue(new Uint8Array([])),
  bytesValue(new Uint8Array([0])),
  bytesValue(new Uint8Array([0, 1])),
  bytesValue(new Uint8Array([1])),
  bytesValue(new Uint8Array([255])),
  referenceValue("a/b"),
  referenceValue("a/b/c/d"),
  referenceValue("a/c"),
  referenceValue("ab/a"),
  geoPointValue(-90, 0),
  geoPointValue(0, -180),
  geoPointValue(0, 180),
  arrayValue([]),
  arrayValue([nullValue()]),
  arrayValue([integerValue(1)]),
  arrayValue([integerValue(1), integerValue(2)]),
  arrayValue([doubleValue(1), stringValue("x")]),
  arrayValue([stringValue("a")]),
  mapValue({}),
  mapValue({ "": integerValue(1) }),
  mapValue({ a: integerValue(1) }),
  mapValue({ a: integerValue(1), b: integerValue(0) }),
  mapValue({ a: integerValue(2) }),
  mapValue({ b: nullValue() }),
];

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
