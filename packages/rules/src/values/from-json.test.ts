import { describe, expect, it } from "vitest";
import { RulesEvalError } from "./errors.js";
import { fromPlainJson, parseJsonPreservingFloats, toValue } from "./from-json.js";
import { isType } from "./operators.js";
import { f, m } from "./test-helpers.js";
import type { RMap } from "./value.js";
import { RFloat, RTimestamp } from "./value.js";

describe("parseJsonPreservingFloats", () => {
  it("keeps numbers written as floats apart from ints", () => {
    expect(parseJsonPreservingFloats("100.0")).toEqual(f(100));
    expect(parseJsonPreservingFloats("100.0")).toBeInstanceOf(RFloat);
    expect(parseJsonPreservingFloats("1e3")).toEqual(f(1000));
    expect(parseJsonPreservingFloats("-2.5E-1")).toEqual(f(-0.25));
    expect(parseJsonPreservingFloats("100")).toBe(100);
    expect(parseJsonPreservingFloats("-7")).toBe(-7);
  });

  it("parses the rest of JSON", () => {
    const text = ' { "a": [1, 2.0, "x", true, false, null], "b": {}, "c": [] } ';
    expect(parseJsonPreservingFloats(text)).toEqual({
      a: [1, f(2), "x", true, false, null],
      b: {},
      c: [],
    });
  });

  it("decodes string escapes, including surrogate pairs", () => {
    expect(parseJsonPreservingFloats('"a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00"')).toBe(
      'a"b\\c/d\n\té😀',
    );
  });

  it("keeps __proto__ as a plain key", () => {
    const parsed = parseJsonPreservingFloats('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(["__proto__"]);
    expect((toValue(parsed) as RMap).entries.get("__proto__")).toEqual(m({ x: 1 }));
  });

  it("rejects malformed JSON", () => {
    for (const bad of [
      "",
      "{",
      "[1,]",
      '{"a" 1}',
      "01",
      "1.",
      "tru",
      '"a',
      '"\\x"',
      "1 2",
      "'a'",
    ]) {
      expect(() => parseJsonPreservingFloats(bad), bad).toThrow(SyntaxError);
    }
    expect(() => parseJsonPreservingFloats('"a\nb"')).toThrow("control character in string");
  });
});

describe("toValue", () => {
  it("converts objects to maps and keeps floats", () => {
    const v = toValue(parseJsonPreservingFloats('{"n": 1, "x": 1.0, "l": [{"k": "v"}]}'));
    expect(v).toEqual(m({ n: 1, x: f(1), l: [m({ k: "v" })] }));
    const map = v as RMap;
    expect(isType(map.entries.get("n") ?? null, "int")).toBe(true);
    expect(isType(map.entries.get("x") ?? null, "float")).toBe(true);
  });

  it("reads $timestamp with nanosecond precision", () => {
    expect(toValue({ $timestamp: "2025-01-01T00:00:00.000Z" })).toEqual(
      new RTimestamp(1735689600, 0),
    );
    expect(toValue({ $timestamp: "1970-01-01T00:00:01.123456789Z" })).toEqual(
      new RTimestamp(1, 123_456_789),
    );
    expect(toValue({ $timestamp: "1970-01-01T02:00:00+02:00" })).toEqual(new RTimestamp(0, 0));
    expect(toValue({ $timestamp: "1969-12-31T23:59:59.5Z" })).toEqual(
      new RTimestamp(-1, 500_000_000),
    );
    expect(() => toValue({ $timestamp: "2025-02-30T00:00:00Z" })).toThrow(RulesEvalError);
    expect(() => toValue({ $timestamp: 5 })).toThrow(RulesEvalError);
  });

  it("treats an object with more keys than $timestamp as a map", () => {
    expect(toValue({ $timestamp: "x", y: 1 })).toEqual(m({ $timestamp: "x", y: 1 }));
  });

  it("passes rules values through and refuses non-JSON", () => {
    const map = m({ a: 1 });
    expect(toValue(map)).toBe(map);
    expect(() => toValue(undefined)).toThrow(RulesEvalError);
    expect(() => toValue(2 ** 60)).toThrow(RulesEvalError);
  });
});

describe("fromPlainJson", () => {
  it("makes non-integral numbers floats and integral ones ints", () => {
    expect(fromPlainJson(JSON.parse('{"a": 1.5, "b": 100.0}'))).toEqual(m({ a: f(1.5), b: 100 }));
  });
});
