import { describe, expect, it } from "vitest";
import { makeSet } from "./equality.js";
import { formatValue } from "./format.js";
import { bytes, f, m, p } from "./test-helpers.js";
import { RDuration, RLatLng, RMapDiff, RTimestamp } from "./value.js";

describe("formatValue", () => {
  it("renders scalars", () => {
    expect(formatValue("alice")).toBe('"alice"');
    expect(formatValue(42)).toBe("42");
    expect(formatValue(f(2))).toBe("2.0");
    expect(formatValue(f(2.5))).toBe("2.5");
    expect(formatValue(f(NaN))).toBe("NaN");
    expect(formatValue(null)).toBe("null");
    expect(formatValue(true)).toBe("true");
  });

  it("renders containers", () => {
    expect(formatValue([1, 2])).toBe("[1, 2]");
    expect(formatValue(m({ a: 1, b: ["x"] }))).toBe('{"a": 1, "b": ["x"]}');
    expect(formatValue(makeSet(["a", 1]))).toBe('set(["a", 1])');
    expect(formatValue(new RMapDiff(m({ a: 1 }), m({})))).toBe('map_diff({"a": 1}, {})');
  });

  it("renders paths, bytes, time and places", () => {
    expect(formatValue(p("a", "b"))).toBe("path(/a/b)");
    expect(formatValue(bytes(0x2a, 0xff))).toBe("b'\\x2A\\xFF'");
    expect(formatValue(new RTimestamp(1735689600, 0))).toBe("timestamp(2025-01-01T00:00:00Z)");
    expect(formatValue(new RTimestamp(0, 250_000_000))).toBe("timestamp(1970-01-01T00:00:00.250Z)");
    expect(formatValue(new RTimestamp(-62_135_596_800, 1))).toBe(
      "timestamp(0001-01-01T00:00:00.000000001Z)",
    );
    expect(formatValue(new RDuration(3, 0))).toBe("duration(3s)");
    expect(formatValue(new RDuration(-1, -500_000_000))).toBe("duration(-1.500s)");
    expect(formatValue(new RDuration(0, -5))).toBe("duration(-0.000000005s)");
    expect(formatValue(new RLatLng(1, 2.5))).toBe("latlng(1.0, 2.5)");
  });
});
