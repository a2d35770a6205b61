import { describe, expect, it } from "vitest";
import { valuesEqual } from "./equality.js";
import { RulesEvalError } from "./errors.js";
import { isGlobalFunction } from "./namespaces.js";
import { compareValues } from "./equality.js";
import { bytes, f, g, hex, m, p } from "./test-helpers.js";
import { RDuration, RFloat, RLatLng, RPath, RTimestamp } from "./value.js";

describe("unsupported globals", () => {
  it("answers Function not found for bool() and math.isInfinite(), as production", () => {
    expect(() => g("bool", "true")).toThrow(
      new RulesEvalError("Function not found error: Name: [bool]."),
    );
    expect(() => g("math.isInfinite", f(1))).toThrow(
      "Function not found error: Name: [math.isInfinite].",
    );
    expect(() => g("nope")).toThrow("Function not found error: Name: [nope].");
    expect(() => g("toString")).toThrow("Function not found error: Name: [toString].");
  });

  it("tells the checker which names exist", () => {
    expect(isGlobalFunction("math.abs")).toBe(true);
    expect(isGlobalFunction("hashing.crc32c")).toBe(true);
    expect(isGlobalFunction("bool")).toBe(false);
    expect(isGlobalFunction("math.isInfinite")).toBe(false);
  });
});

describe("conversions", () => {
  it("int()", () => {
    expect(g("int", "2")).toBe(2);
    expect(g("int", "-15")).toBe(-15);
    expect(g("int", f(2))).toBe(2);
    expect(g("int", f(2.7))).toBe(2);
    expect(g("int", f(-2.7))).toBe(-2);
    expect(g("int", 5)).toBe(5);
    expect(() => g("int", "2.5")).toThrow('int(): cannot convert "2.5" to int.');
    expect(() => g("int", "")).toThrow(RulesEvalError);
    expect(() => g("int", f(NaN))).toThrow(RulesEvalError);
    expect(() => g("int", f(1e300))).toThrow("integer overflow");
    expect(() => g("int", true)).toThrow(
      "int() argument 1: expected int, float or string, got bool.",
    );
    expect(() => g("int")).toThrow("int() takes 1 argument, got 0.");
  });

  it("float()", () => {
    expect(g("float", "2.2")).toEqual(f(2.2));
    expect(g("float", 2)).toEqual(f(2));
    expect(g("float", 2)).toBeInstanceOf(RFloat);
    expect(g("float", "5")).toEqual(f(5));
    expect(g("float", "-1e3")).toEqual(f(-1000));
    expect(g("float", f(1.5))).toEqual(f(1.5));
    expect(() => g("float", "abc")).toThrow('float(): cannot convert "abc" to float.');
    expect(() => g("float", null)).toThrow(RulesEvalError);
  });

  it("string()", () => {
    expect(g("string", null)).toBe("null");
    expect(g("string", true)).toBe("true");
    expect(g("string", 1)).toBe("1");
    expect(g("string", -42)).toBe("-42");
    expect(g("string", f(2))).toBe("2.0");
    expect(g("string", f(2.5))).toBe("2.5");
    expect(g("string", f(-0))).toBe("-0.0");
    expect(g("string", "s")).toBe("s");
    expect(g("string", p("a", "b"))).toBe("/a/b");
    expect(() => g("string", [1])).toThrow(RulesEvalError);
  });

  it("path()", () => {
    const path = g("path", "users/alice") as RPath;
    expect(path).toBeInstanceOf(RPath);
    expect(path.segments).toEqual(["users", "alice"]);
    expect((g("path", "/users//alice/") as RPath).segments).toEqual(["users", "alice"]);
    expect(valuesEqual(g("path", "users/alice"), g("path", "users/alice"))).toBe(true);
    expect(valuesEqual(g("path", "users/alice"), g("path", "users/bob"))).toBe(false);
    expect(() => g("path", g("path", "users/alice"))).toThrow(
      "path() argument 1: expected string, got path.",
    );
  });

  it("debug() returns its argument", () => {
    expect(g("debug", "x")).toBe("x");
  });
});

describe("math", () => {
  it("abs keeps the type", () => {
    expect(g("math.abs", -5)).toBe(5);
    expect(g("math.abs", f(-2.5))).toEqual(f(2.5));
    expect(() => g("math.abs", "1")).toThrow(
      "math.abs() argument 1: expected int or float, got string.",
    );
  });

  it("ceil, floor and round return ints", () => {
    expect(g("math.ceil", f(1.2))).toBe(2);
    expect(g("math.ceil", f(-1.2))).toBe(-1);
    expect(g("math.ceil", 4)).toBe(4);
    expect(g("math.floor", f(1.8))).toBe(1);
    expect(g("math.floor", f(-1.2))).toBe(-2);
    expect(g("math.round", f(2.5))).toBe(3);
    expect(g("math.round", f(-2.5))).toBe(-3);
    expect(g("math.round", f(2.4))).toBe(2);
    expect(g("math.round", f(0.49999999999999994))).toBe(0);
    expect(g("math.round", 4)).toBe(4);
    expect(() => g("math.floor", f(NaN))).toThrow(RulesEvalError);
  });

  it("pow and sqrt return floats", () => {
    expect(g("math.pow", 3, 2)).toEqual(f(9));
    expect(g("math.pow", f(2), f(0.5))).toEqual(f(Math.SQRT2));
    expect(g("math.sqrt", 9)).toEqual(f(3));
    const negative = g("math.sqrt", -1) as RFloat;
    expect(Number.isNaN(negative.value)).toBe(true);
    expect(compareValues(negative, 0) >= 0).toBe(false);
  });

  it("isNaN", () => {
    expect(g("math.isNaN", f(NaN))).toBe(true);
    expect(g("math.isNaN", f(1))).toBe(false);
    expect(g("math.isNaN", 4)).toBe(false);
  });
});

describe("timestamp namespace", () => {
  it("builds dates and compares them", () => {
    expect(g("timestamp.date", 1970, 1, 1)).toEqual(new RTimestamp(0, 0));
    expect(g("timestamp.date", 2025, 1, 1)).toEqual(new RTimestamp(1735689600, 0));
    expect(compareValues(g("timestamp.date", 2099, 1, 1), g("timestamp.date", 2025, 1, 1))).toBe(1);
    expect(() => g("timestamp.date", 2025, 2, 29)).toThrow(
      "timestamp.date(): invalid date 2025-2-29.",
    );
    expect(() => g("timestamp.date", 2025, 13, 1)).toThrow(RulesEvalError);
    expect(() => g("timestamp.date", 0, 1, 1)).toThrow(RulesEvalError);
  });

  it("builds from epoch milliseconds", () => {
    expect(g("timestamp.value", 60000)).toEqual(new RTimestamp(60, 0));
    expect(g("timestamp.value", 1500)).toEqual(new RTimestamp(1, 500_000_000));
    expect(g("timestamp.value", -1500)).toEqual(new RTimestamp(-2, 500_000_000));
    expect(() => g("timestamp.value", f(1))).toThrow(RulesEvalError);
  });
});

describe("duration namespace", () => {
  it("value() in every unit", () => {
    expect(g("duration.value", 2, "w")).toEqual(new RDuration(1_209_600, 0));
    expect(g("duration.value", 1, "d")).toEqual(new RDuration(86_400, 0));
    expect(g("duration.value", 2, "h")).toEqual(new RDuration(7200, 0));
    expect(g("duration.value", 3, "m")).toEqual(new RDuration(180, 0));
    expect(g("duration.value", 60, "s")).toEqual(new RDuration(60, 0));
    expect(g("duration.value", 1500, "ms")).toEqual(new RDuration(1, 500_000_000));
    expect(g("duration.value", -1500, "ms")).toEqual(new RDuration(-1, -500_000_000));
    expect(g("duration.value", 5, "ns")).toEqual(new RDuration(0, 5));
    expect(compareValues(g("duration.value", 2, "h"), g("duration.value", 1, "h"))).toBe(1);
    expect(() => g("duration.value", 1, "us")).toThrow(RulesEvalError);
    expect(() => g("duration.value", 1, "y")).toThrow(RulesEvalError);
  });

  it("time() and abs()", () => {
    expect(g("duration.time", 1, 2, 3, 4)).toEqual(new RDuration(3723, 4));
    expect(g("duration.abs", new RDuration(-3, -5))).toEqual(new RDuration(3, 5));
    expect(g("duration.abs", new RDuration(3, 5))).toEqual(new RDuration(3, 5));
    expect(() => g("duration.abs", 3)).toThrow(
      "duration.abs() argument 1: expected duration, got int.",
    );
  });

  it("errors past ±10,000 years", () => {
    expect(() => g("duration.value", 10_001 * 366, "d")).toThrow("duration out of range");
  });
});

describe("latlng namespace", () => {
  it("builds range-checked points", () => {
    expect(g("latlng.value", 1, f(2.5))).toEqual(new RLatLng(1, 2.5));
    expect(() => g("latlng.value", 91, 0)).toThrow(RulesEvalError);
    expect(() => g("latlng.value", 0, -181)).toThrow(RulesEvalError);
    expect(() => g("latlng.value", f(NaN), 0)).toThrow(RulesEvalError);
    expect(() => g("latlng.value", "0", 0)).toThrow(RulesEvalError);
  });
});

describe("hashing", () => {
  it("hashes strings as UTF-8 and bytes as they are", () => {
    expect(hex(g("hashing.md5", ""))).toBe("D41D8CD98F00B204E9800998ECF8427E");
    expect(hex(g("hashing.sha256", ""))).toBe(
      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    );
    expect(hex(g("hashing.md5", bytes()))).toBe("D41D8CD98F00B204E9800998ECF8427E");
  });

  it("returns CRCs little-endian", () => {
    expect(hex(g("hashing.crc32", "123456789"))).toBe("2639F4CB");
    expect(hex(g("hashing.crc32c", "123456789"))).toBe("839206E3");
    expect(hex(g("hashing.crc32", ""))).toBe("00000000");
  });

  it("rejects other argument types", () => {
    expect(() => g("hashing.sha256", 1)).toThrow(
      "hashing.sha256() argument 1: expected bytes or string, got int.",
    );
    expect(() => g("hashing.md5", m({}))).toThrow(RulesEvalError);
  });
});
