import { describe, expect, it } from "vitest";
import { compareValues, makeSet, valueKey, valuesEqual } from "./equality.js";
import { RulesEvalError } from "./errors.js";
import { bytes, f, m, p } from "./test-helpers.js";
import { RDuration, RLatLng, RMapDiff, RPath, RSet, RTimestamp } from "./value.js";

describe("valuesEqual", () => {
  it("compares ints and floats numerically", () => {
    expect(valuesEqual(1, f(1))).toBe(true);
    expect(valuesEqual(f(2.5), f(2.5))).toBe(true);
    expect(valuesEqual(2, f(2.5))).toBe(false);
    expect(valuesEqual(f(0), f(-0))).toBe(true);
  });

  it("never equates NaN, not even the same object", () => {
    const nan = f(NaN);
    expect(valuesEqual(nan, nan)).toBe(false);
    expect(valuesEqual([nan], [nan])).toBe(false);
  });

  it("treats values of different types as unequal, without error", () => {
    expect(valuesEqual(p("a"), null)).toBe(false);
    expect(valuesEqual("1", 1)).toBe(false);
    expect(valuesEqual(null, false)).toBe(false);
    expect(valuesEqual(null, null)).toBe(true);
    expect(valuesEqual([], m({}))).toBe(false);
  });

  it("compares lists element-wise and maps by keys and values", () => {
    expect(valuesEqual([1, "a", [f(2)]], [f(1), "a", [2]])).toBe(true);
    expect(valuesEqual([1, 2], [2, 1])).toBe(false);
    expect(valuesEqual(m({ a: 1, b: [1] }), m({ b: [1], a: f(1) }))).toBe(true);
    expect(valuesEqual(m({ a: 1 }), m({ a: 1, b: 2 }))).toBe(false);
    expect(valuesEqual(m({ a: 1 }), m({ b: 1 }))).toBe(false);
  });

  it("compares sets ignoring order", () => {
    expect(valuesEqual(makeSet(["a", "b"]), makeSet(["b", "a"]))).toBe(true);
    expect(valuesEqual(makeSet(["a", 1]), makeSet(["a", f(1)]))).toBe(true);
    expect(valuesEqual(makeSet(["a"]), makeSet(["a", "b"]))).toBe(false);
    expect(valuesEqual(makeSet(["a"]), ["a"])).toBe(false);
  });

  it("compares paths by segments, bytes by content, time and places by fields", () => {
    expect(
      valuesEqual(p("users", "alice"), new RPath(["users", "alice"], new Map([["u", "x"]]))),
    ).toBe(true);
    expect(valuesEqual(p("users", "alice"), p("users", "bob"))).toBe(false);
    expect(valuesEqual(bytes(1, 2), bytes(1, 2))).toBe(true);
    expect(valuesEqual(bytes(1, 2), bytes(1, 3))).toBe(false);
    expect(valuesEqual(new RTimestamp(5, 1), new RTimestamp(5, 1))).toBe(true);
    expect(valuesEqual(new RTimestamp(5, 1), new RTimestamp(5, 2))).toBe(false);
    expect(valuesEqual(new RDuration(5, 0), new RTimestamp(5, 0))).toBe(false);
    expect(valuesEqual(new RLatLng(1, 2), new RLatLng(1, 2))).toBe(true);
    expect(valuesEqual(new RMapDiff(m({ a: 1 }), m({})), new RMapDiff(m({ a: 1 }), m({})))).toBe(
      true,
    );
  });
});

describe("compareValues", () => {
  it("orders numbers, mixing int and float", () => {
    expect(compareValues(1, 2)).toBe(-1);
    expect(compareValues(f(2.5), 2)).toBe(1);
    expect(compareValues(2, f(2))).toBe(0);
  });

  it("returns NaN for NaN so every comparison is false", () => {
    const r = compareValues(f(NaN), 1);
    expect(Number.isNaN(r)).toBe(true);
    expect(r < 0 || r <= 0 || r > 0 || r >= 0).toBe(false);
  });

  it("orders strings by code point", () => {
    expect(compareValues("a", "b")).toBe(-1);
    expect(compareValues("b", "a")).toBe(1);
    expect(compareValues("ab", "a")).toBe(1);
    expect(compareValues("", "")).toBe(0);
    expect(compareValues("Z", "a")).toBe(-1);
    // U+FF5E sorts before U+1F600 by code point, though not by UTF-16 unit.
    expect(compareValues("\uff5e", "😀")).toBe(-1);
  });

  it("orders timestamps and durations by fields", () => {
    expect(compareValues(new RTimestamp(1, 5), new RTimestamp(1, 6))).toBe(-1);
    expect(compareValues(new RTimestamp(2, 0), new RTimestamp(1, 999))).toBe(1);
    expect(compareValues(new RDuration(-1, -5), new RDuration(-1, 0))).toBe(-1);
    expect(compareValues(new RDuration(3, 0), new RDuration(3, 0))).toBe(0);
  });

  it("fails for other types, naming both", () => {
    expect(() => compareValues(null, 1)).toThrow(
      new RulesEvalError("Cannot compare null and int."),
    );
    expect(() => compareValues(true, false)).toThrow("Cannot compare bool and bool.");
    expect(() => compareValues([1], [2])).toThrow("Cannot compare list and list.");
    expect(() => compareValues("1", 1)).toThrow("Cannot compare string and int.");
    expect(() => compareValues(new RTimestamp(0, 0), new RDuration(0, 0))).toThrow(RulesEvalError);
  });
});

describe("valueKey", () => {
  it("agrees with equality", () => {
    expect(valueKey(1)).toBe(valueKey(f(1)));
    expect(valueKey(f(-0))).toBe(valueKey(0));
    expect(valueKey("1")).not.toBe(valueKey(1));
    expect(valueKey(m({ a: 1, b: 2 }))).toBe(valueKey(m({ b: f(2), a: 1 })));
    expect(valueKey(makeSet([1, 2]))).toBe(valueKey(makeSet([2, 1])));
    expect(valueKey([1, 2])).not.toBe(valueKey(makeSet([1, 2])));
    expect(valueKey(null)).not.toBe(valueKey("null"));
    expect(valueKey(f(NaN))).not.toBe(valueKey(f(NaN)));
  });

  it("lets makeSet dedupe by rules equality, keeping the first", () => {
    const s = makeSet([1, f(1), "a", "a", [1], [f(1)]]);
    expect(s).toBeInstanceOf(RSet);
    expect(s.items).toEqual([1, "a", [1]]);
  });
});
