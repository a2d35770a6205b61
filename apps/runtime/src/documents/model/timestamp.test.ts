import { describe, expect, it } from "vitest";
import { formatTimestamp, parseTimestamp } from "./timestamp.js";

describe("timestamps", () => {
  it.each([
    ["1970-01-01T00:00:00Z", 0n, 0],
    ["1970-01-01T00:00:00.000000001Z", 0n, 1],
    ["1969-12-31T23:59:59.999999999Z", -1n, 999_999_999],
    ["1900-03-01T00:00:00Z", -2203891200n, 0],
    ["0099-12-31T23:59:59Z", -59011459201n, 0],
    ["2000-02-29T12:34:56.789Z", 951827696n, 789_000_000],
    ["2038-01-19T03:14:08Z", 2147483648n, 0],
  ])("%s is %d s and %d ns, and formats back the same", (text, seconds, nanos) => {
    expect(parseTimestamp(text)).toEqual({ seconds, nanos });
    expect(formatTimestamp({ seconds, nanos })).toBe(text);
  });

  it("formats with the fewest of 0, 3, 6 or 9 fraction digits", () => {
    const at = (nanos: number) => formatTimestamp({ seconds: 0n, nanos });
    expect(at(0)).toBe("1970-01-01T00:00:00Z");
    expect(at(100_000_000)).toBe("1970-01-01T00:00:00.100Z");
    expect(at(123_400_000)).toBe("1970-01-01T00:00:00.123400Z");
    expect(at(123_456_000)).toBe("1970-01-01T00:00:00.123456Z");
    expect(at(123_456_700)).toBe("1970-01-01T00:00:00.123456700Z");
  });

  it("reads short fractions as the leading digits", () => {
    expect(parseTimestamp("2024-05-01T12:00:00.5Z")).toEqual({
      seconds: 1714564800n,
      nanos: 500_000_000,
    });
    expect(parseTimestamp("2024-05-01T12:00:00.0001Z")).toEqual({
      seconds: 1714564800n,
      nanos: 100_000,
    });
  });

  it("applies offsets across day and year boundaries", () => {
    expect(parseTimestamp("2025-01-01T00:30:00+01:00")).toEqual(
      parseTimestamp("2024-12-31T23:30:00Z"),
    );
    expect(parseTimestamp("2024-12-31T23:30:00-05:45")).toEqual(
      parseTimestamp("2025-01-01T05:15:00Z"),
    );
  });

  it("refuses to format an instant outside the range", () => {
    expect(() => formatTimestamp({ seconds: 253402300800n, nanos: 0 })).toThrow(RangeError);
  });
});
