import { describe as group, expect, it } from "vitest";
import { documentPathProblem, fieldNameProblem, parseDocumentName } from "./checks.js";
import {
  decodeBase64,
  encodeBase64,
  formatTimestamp,
  hasLoneSurrogate,
  parseInt64,
  parseTimestamp,
} from "./scalars.js";

group("scalars", () => {
  it("parses and formats timestamps at the edges Firestore stores", () => {
    const min = parseTimestamp("0001-01-01T00:00:00Z");
    const max = parseTimestamp("9999-12-31T23:59:59.999999999Z");
    expect(min).toEqual({ seconds: -62_135_596_800n, nanos: 0 });
    expect(max).toEqual({ seconds: 253_402_300_799n, nanos: 999_999_999 });
    expect(formatTimestamp(max as { seconds: bigint; nanos: number })).toBe(
      "9999-12-31T23:59:59.999999999Z",
    );
    expect(formatTimestamp({ seconds: 0n, nanos: 1_000_000 })).toBe("1970-01-01T00:00:00.001Z");
    expect(parseTimestamp("0000-12-31T23:59:59Z")).toMatch(/outside/);
    expect(parseTimestamp("2024-01-01T00:00:60Z")).toBe("the time of day is out of range");
    expect(parseTimestamp("2024-01-01")).toMatch(/^expected RFC 3339/);
  });

  it("keeps int64 exactly and refuses one past either end", () => {
    expect(parseInt64("-9223372036854775808")).toBe(-(2n ** 63n));
    expect(parseInt64("9223372036854775807")).toBe(2n ** 63n - 1n);
    expect(parseInt64("-9223372036854775809")).toBe(
      "-9223372036854775809 is outside the int64 range",
    );
    expect(parseInt64("1e3")).toBe('"1e3" is not an integer');
  });

  it("decodes base64 strictly and re-encodes it standard and padded", () => {
    expect(encodeBase64(decodeBase64("_-8") as Uint8Array)).toBe("/+8=");
    expect(decodeBase64("")).toEqual(new Uint8Array());
    for (const bad of ["a", "ab c", "a===", "abc=d"]) {
      expect(decodeBase64(bad)).toBe("the text is not valid base64");
    }
  });

  it("applies Firestore's name rules", () => {
    expect(hasLoneSurrogate("\ud83d\ude00")).toBe(false);
    expect(hasLoneSurrogate("a\ud83d")).toBe(true);
    expect(fieldNameProblem("__name__")).toBe("names matching __.*__ are reserved");
    expect(fieldNameProblem("x".repeat(1501))).toBe("the name is 1501 bytes; the limit is 1500");
    expect(documentPathProblem("users//u1/x")).toBe('segment 2 "": it is empty');
    expect(parseDocumentName("projects/p/databases/(default)/documents/a/b")).toEqual({
      path: "a/b",
      project: "p",
      database: "(default)",
    });
  });
});
