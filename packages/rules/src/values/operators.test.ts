import { describe, expect, it } from "vitest";
import { makeSet, valuesEqual } from "./equality.js";
import { RulesEvalError } from "./errors.js";
import {
  add,
  contains,
  divide,
  index,
  isKnownTypeName,
  isType,
  modulo,
  multiply,
  negate,
  not,
  slice,
  subtract,
} from "./operators.js";
import { bytes, f, g, m, p } from "./test-helpers.js";
import { RDuration, RFloat, RLatLng, RMapDiff, RPath, RTimestamp } from "./value.js";

describe("arithmetic", () => {
  it("keeps int ⊕ int an int", () => {
    expect(add(2, 3)).toBe(5);
    expect(subtract(2, 3)).toBe(-1);
    expect(multiply(4, 5)).toBe(20);
  });

  it("truncates int division toward zero", () => {
    expect(divide(10, 4)).toBe(2);
    expect(divide(-7, 2)).toBe(-3);
    expect(divide(7, -2)).toBe(-3);
    expect(valuesEqual(divide(10, 4), f(2.5))).toBe(false);
  });

  it("gives % the dividend's sign", () => {
    expect(modulo(10, 3)).toBe(1);
    expect(modulo(-7, 2)).toBe(-1);
    expect(modulo(7, -2)).toBe(1);
    expect(modulo(f(-7.5), 2)).toEqual(f(-1.5));
  });

  it("errors on int division or modulo by zero", () => {
    expect(() => divide(10, 0)).toThrow(RulesEvalError);
    expect(() => modulo(10, 0)).toThrow(RulesEvalError);
  });

  it("follows IEEE for float division by zero", () => {
    expect(divide(f(1), 0)).toEqual(f(Infinity));
    expect(divide(1, f(0))).toEqual(f(Infinity));
    expect(divide(f(-1), f(0))).toEqual(f(-Infinity));
    expect(Number.isNaN((divide(f(0), f(0)) as RFloat).value)).toBe(true);
  });

  it("keeps floats float and promotes mixed operands", () => {
    expect(divide(f(10), f(4))).toEqual(f(2.5));
    expect(divide(10, f(4))).toEqual(f(2.5));
    expect(add(1, f(1))).toEqual(f(2));
    expect(add(1, f(1))).toBeInstanceOf(RFloat);
    expect(multiply(f(0.5), 3)).toEqual(f(1.5));
    expect(subtract(f(1), f(1))).toEqual(f(0));
  });

  it("refuses ints beyond ±2^53", () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(() => add(big, 1)).toThrow(new RulesEvalError("integer overflow"));
    expect(() => multiply(big, 2)).toThrow("integer overflow");
    expect(() => subtract(-big, 1)).toThrow("integer overflow");
  });

  it("concatenates strings", () => {
    expect(add("ab", "cd")).toBe("abcd");
  });

  it("does timestamp and duration arithmetic", () => {
    const t0 = g("timestamp.value", 0);
    const t60 = g("timestamp.value", 60000);
    const d60 = g("duration.value", 60, "s");
    const d30 = g("duration.value", 30, "s");
    expect(valuesEqual(add(t0, d60), t60)).toBe(true);
    expect(valuesEqual(add(d60, t0), t60)).toBe(true);
    expect(valuesEqual(add(t0, d60), t0)).toBe(false);
    expect(valuesEqual(subtract(t60, d60), t0)).toBe(true);
    expect(valuesEqual(subtract(t60, t0), d60)).toBe(true);
    expect(valuesEqual(add(d30, d30), d60)).toBe(true);
    expect(valuesEqual(subtract(d60, d30), d30)).toBe(true);
    expect(subtract(t0, t60)).toEqual(new RDuration(-60, 0));
    expect(add(new RTimestamp(1, 900_000_000), new RDuration(0, 200_000_000))).toEqual(
      new RTimestamp(2, 100_000_000),
    );
    expect(subtract(new RTimestamp(1, 0), new RTimestamp(0, 500_000_000))).toEqual(
      new RDuration(0, 500_000_000),
    );
    expect(subtract(new RDuration(0, 0), new RDuration(1, 500_000_000))).toEqual(
      new RDuration(-1, -500_000_000),
    );
  });

  it("errors when a timestamp leaves year 1–9999", () => {
    expect(() => add(g("timestamp.date", 9999, 12, 31), g("duration.value", 1, "d"))).toThrow(
      "timestamp out of range",
    );
  });

  it("rejects every other combination, naming the operator and both types", () => {
    expect(() => add([1], [2])).toThrow(
      new RulesEvalError("Invalid operands for '+': list and list."),
    );
    expect(() => add("a", 1)).toThrow("Invalid operands for '+': string and int.");
    expect(() => add(null, 1)).toThrow("Invalid operands for '+': null and int.");
    expect(() => subtract("a", "b")).toThrow("Invalid operands for '-': string and string.");
    expect(() => multiply("a", 2)).toThrow("Invalid operands for '*': string and int.");
    expect(() => divide(true, 1)).toThrow("Invalid operands for '/': bool and int.");
    expect(() => modulo(m({}), 1)).toThrow("Invalid operands for '%': map and int.");
    expect(() => subtract(new RDuration(1, 0), new RTimestamp(1, 0))).toThrow(
      "Invalid operands for '-': duration and timestamp.",
    );
    expect(() => add(new RTimestamp(0, 0), new RTimestamp(0, 0))).toThrow(RulesEvalError);
  });
});

describe("unary operators", () => {
  it("negates numbers only", () => {
    expect(negate(5)).toBe(-5);
    expect(Object.is(negate(0), 0)).toBe(true);
    expect(negate(f(1.5))).toEqual(f(-1.5));
    expect(() => negate("a")).toThrow("Invalid operand for unary '-': string.");
  });

  it("negates bools strictly", () => {
    expect(not(true)).toBe(false);
    expect(not(false)).toBe(true);
    expect(() => not("x")).toThrow("Invalid operand for '!': string.");
    expect(() => not(null)).toThrow(RulesEvalError);
  });
});

describe("contains (in)", () => {
  it("tests list membership by rules equality", () => {
    expect(contains(["a", 1], "a")).toBe(true);
    expect(contains([1], f(1))).toBe(true);
    expect(contains([[1, 2]], [1, 2])).toBe(true);
    expect(contains(["a"], "b")).toBe(false);
  });

  it("tests own keys of a map only", () => {
    expect(contains(m({ a: 1 }), "a")).toBe(true);
    expect(contains(m({ a: 1 }), "toString")).toBe(false);
    expect(contains(m({ a: 1 }), "__proto__")).toBe(false);
    expect(() => contains(m({ a: 1 }), 1)).toThrow("Invalid operands for 'in': int and map.");
  });

  it("tests set membership", () => {
    expect(contains(makeSet(["a", 2]), "a")).toBe(true);
    expect(contains(makeSet(["a", 2]), f(2))).toBe(true);
    expect(contains(makeSet(["a"]), "b")).toBe(false);
  });

  it("errors on anything else", () => {
    expect(() => contains("abc", "a")).toThrow("Invalid operands for 'in': string and string.");
    expect(() => contains(null, "a")).toThrow("Null value error.");
  });
});

describe("index", () => {
  it("indexes lists by int, without negative or out-of-range indexes", () => {
    expect(index(["a", "b"], 1)).toBe("b");
    expect(() => index(["a", "b"], 2)).toThrow("Index 2 out of range for list of size 2.");
    expect(() => index(["a", "b"], -1)).toThrow(RulesEvalError);
    expect(() => index(["a"], f(0))).toThrow("Invalid operands for '[]': list and float.");
  });

  it("indexes strings by character", () => {
    expect(index("hello", 1)).toBe("e");
    expect(index("a😀b", 1)).toBe("😀");
    expect(index("a😀b", 2)).toBe("b");
    expect(() => index("hi", 2)).toThrow(RulesEvalError);
  });

  it("reads map keys, failing on a missing one as production does", () => {
    expect(index(m({ a: null }), "a")).toBe(null);
    expect(() => index(m({ a: 1 }), "b")).toThrow(
      new RulesEvalError("Property b is undefined on object."),
    );
    expect(() => index(m({}), "toString")).toThrow("Property toString is undefined on object.");
  });

  it("reads path segments by int and bindings by name", () => {
    const path = new RPath(["users", "alice"], new Map([["uid", "alice"]]));
    expect(index(path, 1)).toBe("alice");
    expect(index(path, "uid")).toBe("alice");
    expect(() => index(path, "x")).toThrow("Property x is undefined on object.");
    expect(() => index(path, 2)).toThrow(RulesEvalError);
  });

  it("fails on null and other types", () => {
    expect(() => index(null, "a")).toThrow(new RulesEvalError("Null value error."));
    expect(() => index(5, 0)).toThrow("Invalid operands for '[]': int and int.");
  });
});

describe("slice", () => {
  const arr = ["a", "b", "c", "d"];
  it("slices lists, end exclusive", () => {
    expect(slice(arr, 1, 3)).toEqual(["b", "c"]);
    expect(slice(arr, 0, 4)).toEqual(arr);
    expect(slice(arr, 2, 2)).toEqual([]);
    expect(slice(arr, undefined, 2)).toEqual(["a", "b"]);
    expect(slice(arr, 2, undefined)).toEqual(["c", "d"]);
  });

  it("slices strings by character", () => {
    expect(slice("hello world", 6, 11)).toBe("world");
    expect(slice("hello world", 0, 5)).toBe("hello");
    expect(slice("hello", 3, 3)).toBe("");
    expect(slice("abcdef", 1, 4)).toBe("bcd");
    expect(slice("a😀b", 1, 3)).toBe("😀b");
  });

  it("errors instead of clamping out-of-range ends", () => {
    expect(() => slice(arr, 1, 99)).toThrow(
      new RulesEvalError("Slice [1:99] out of range for list of size 4."),
    );
    expect(() => slice("hello world", 6, 99)).toThrow(RulesEvalError);
    expect(() => slice(arr, -1, 2)).toThrow(RulesEvalError);
    expect(() => slice(arr, 3, 2)).toThrow(RulesEvalError);
    expect(() => slice(arr, f(1), 2)).toThrow("Slice bounds must be ints, got float and int.");
    expect(() => slice(m({}), 0, 0)).toThrow("Invalid operand for '[:]': map.");
  });
});

describe("isType", () => {
  it("distinguishes int and float", () => {
    expect(isType(f(1), "float")).toBe(true);
    expect(isType(1, "int")).toBe(true);
    expect(isType(1, "float")).toBe(false);
    expect(isType(f(1), "int")).toBe(false);
    expect(isType(1, "number")).toBe(true);
    expect(isType(f(1), "number")).toBe(true);
    expect(isType("1", "number")).toBe(false);
  });

  it("knows every documented type name", () => {
    expect(isType(true, "bool")).toBe(true);
    expect(isType(bytes(1), "bytes")).toBe(true);
    expect(isType([], "list")).toBe(true);
    expect(isType(m({}), "map")).toBe(true);
    expect(isType(makeSet([]), "set")).toBe(true);
    expect(isType(p("a"), "path")).toBe(true);
    expect(isType(p("a", "b"), "string")).toBe(false);
    expect(isType(p("a", "b"), "map")).toBe(false);
    expect(isType("s", "string")).toBe(true);
    expect(isType(new RTimestamp(0, 0), "timestamp")).toBe(true);
    expect(isType(new RDuration(0, 0), "duration")).toBe(true);
    expect(isType(new RLatLng(0, 0), "latlng")).toBe(true);
    expect(isType(new RMapDiff(m({}), m({})), "map_diff")).toBe(true);
    expect(isType(m({}), "constraint")).toBe(false);
    expect(isType(null, "map")).toBe(false);
    expect(isKnownTypeName("number")).toBe(true);
    expect(isKnownTypeName("object")).toBe(false);
  });

  it("errors on an unknown type name", () => {
    expect(() => isType(1, "integer")).toThrow("Unknown type name 'integer' in 'is'.");
  });
});
