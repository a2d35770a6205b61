import { describe, expect, it } from "vitest";
import { compareValues, typeOrder, valuesEqual } from "./compare.js";
import { INT64_MAX, INT64_MIN, fieldsOf, type DocValue } from "./value.js";

const NULL: DocValue = { type: "null" };
const bool = (value: boolean): DocValue => ({ type: "boolean", value });
const int = (value: bigint): DocValue => ({ type: "integer", value });
const dbl = (value: number): DocValue => ({ type: "double", value });
const ts = (seconds: bigint, nanos = 0): DocValue => ({ type: "timestamp", seconds, nanos });
const str = (value: string): DocValue => ({ type: "string", value });
const bytes = (...b: number[]): DocValue => ({ type: "bytes", value: new Uint8Array(b) });
const ref = (value: string): DocValue => ({ type: "reference", value });
const geo = (latitude: number, longitude: number): DocValue => ({
  type: "geopoint",
  latitude,
  longitude,
});
const arr = (...values: DocValue[]): DocValue => ({ type: "array", values });
const map = (record: Record<string, DocValue>): DocValue => ({
  type: "map",
  fields: fieldsOf(record),
});

/** Asserts that `values` are in strictly ascending order, comparing every pair both ways. */
function expectAscending(values: DocValue[]): void {
  values.forEach((a, i) =>
    values.forEach((b, j) => {
      expect([i, j, compareValues(a, b)]).toEqual([i, j, Math.sign(i - j)]);
    }),
  );
}

describe("Firestore's value order", () => {
  it("orders types null < boolean < number < timestamp < string < bytes < reference < geopoint < array < map", () => {
    const oneOfEach = [
      NULL,
      bool(true),
      dbl(NaN),
      int(-5n),
      ts(-100n),
      str(""),
      bytes(),
      ref("a/b"),
      geo(-90, -180),
      arr(),
      map({}),
    ];
    expect(oneOfEach.map(typeOrder)).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Even the "largest" value of a type sorts before the smallest of the next type.
    expectAscending([
      NULL,
      bool(false),
      bool(true),
      dbl(NaN),
      dbl(-Infinity),
      int(INT64_MAX),
      dbl(Infinity),
    ]);
    expectAscending([dbl(Infinity), ts(-62135596800n), ts(253402300799n, 999_999_999), str("")]);
    expectAscending([str("\u{10FFFF}"), bytes(), bytes(255, 255), ref("a/b"), ref("zz/zz/zz/zz")]);
    expectAscending([
      ref("\u{10FFFF}/x"),
      geo(-90, -180),
      geo(90, 180),
      arr(),
      arr(map({ z: NULL })),
      map({}),
    ]);
  });

  it("orders numbers with NaN first and integers and doubles interleaved exactly", () => {
    expectAscending([
      dbl(NaN),
      dbl(-Infinity),
      int(INT64_MIN),
      dbl(-1.5),
      int(-1n),
      dbl(-0.5),
      int(0n),
      dbl(0.5),
      int(1n),
      int(2n ** 53n),
      int(2n ** 53n + 1n),
      dbl(2 ** 53 + 2),
      int(INT64_MAX),
      dbl(2 ** 63),
      dbl(Infinity),
    ]);
  });

  it("treats 5 and 5.0, -0 and 0, and NaN and NaN as equal", () => {
    expect(valuesEqual(int(5n), dbl(5))).toBe(true);
    expect(valuesEqual(dbl(-0), int(0n))).toBe(true);
    expect(valuesEqual(dbl(-0), dbl(0))).toBe(true);
    expect(valuesEqual(dbl(NaN), dbl(NaN))).toBe(true);
    expect(valuesEqual(int(2n ** 53n + 1n), dbl(2 ** 53))).toBe(false);
    expect(valuesEqual(int(INT64_MAX), dbl(2 ** 63))).toBe(false);
    expect(valuesEqual(arr(int(1n), map({ a: dbl(2) })), arr(dbl(1), map({ a: int(2n) })))).toBe(
      true,
    );
    expect(valuesEqual(NULL, bool(false))).toBe(false);
    expect(valuesEqual(str("1"), int(1n))).toBe(false);
  });

  it("orders timestamps by seconds, then nanoseconds", () => {
    expectAscending([ts(-1n, 999_999_999), ts(0n), ts(0n, 1), ts(1n)]);
  });

  it("orders strings by UTF-8 bytes, not UTF-16 code units", () => {
    // U+FF5E sorts before U+1F600 in UTF-8, though its UTF-16 unit 0xFF5E > 0xD83D.
    expectAscending([
      str(""),
      str("A"),
      str("a"),
      str("aa"),
      str("é"),
      str("\uFF5E"),
      str("😀"),
      str("😀a"),
    ]);
  });

  it("orders bytes as unsigned, then by length", () => {
    expectAscending([bytes(), bytes(0), bytes(0, 0), bytes(1), bytes(127), bytes(128), bytes(255)]);
  });

  it("orders references segment by segment", () => {
    expectAscending([ref("a/b"), ref("a/b/c/d"), ref("a/c"), ref("a-x/b"), ref("b/a")]);
  });

  it("orders geopoints by latitude, then longitude", () => {
    expectAscending([geo(-10, 50), geo(0, -1), geo(0, 0), geo(0, 1), geo(1, -180)]);
  });

  it("orders arrays element by element, then by length", () => {
    expectAscending([
      arr(),
      arr(NULL),
      arr(int(1n)),
      arr(int(1n), NULL),
      arr(dbl(1.5)),
      arr(str("a")),
    ]);
  });

  it("orders maps by sorted keys, then values, then size", () => {
    expectAscending([
      map({}),
      map({ a: int(1n) }),
      map({ a: int(1n), b: NULL }),
      map({ a: int(2n) }),
      map({ b: NULL }),
      map({ b: int(0n) }),
    ]);
    // Insertion order does not matter: keys compare sorted.
    expect(compareValues(map({ b: NULL, a: NULL }), map({ a: NULL, b: NULL }))).toBe(0);
  });
});
