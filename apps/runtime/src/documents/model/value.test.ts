import { describe, expect, it } from "vitest";
import { compareStrings, hasLoneSurrogate, utf8ByteLength } from "./strings.js";
import {
  INT64_MAX,
  INT64_MIN,
  integerValue,
  mapValue,
  nullValue,
  timestampValue,
  type DocValue,
} from "./value.js";

describe("value constructors", () => {
  it("build integers from bigints and safe numbers within int64", () => {
    expect(integerValue(7)).toEqual({ type: "integer", value: 7n });
    expect(integerValue(INT64_MIN)).toEqual({ type: "integer", value: INT64_MIN });
    expect(() => integerValue(INT64_MAX + 1n)).toThrow(RangeError);
    expect(() => integerValue(1.5)).toThrow(RangeError);
    expect(() => integerValue(2 ** 53)).toThrow(RangeError);
  });

  it("build timestamps only within 0001..9999 with nanos in range", () => {
    expect(timestampValue(-1, 5)).toEqual({ type: "timestamp", seconds: -1n, nanos: 5 });
    expect(() => timestampValue(0, 1e9)).toThrow(RangeError);
    expect(() => timestampValue(0, -1)).toThrow(RangeError);
    expect(() => timestampValue(253402300800n)).toThrow(RangeError);
  });

  it("build maps from records and share the null value", () => {
    const fields = new Map<string, DocValue>([["a", nullValue()]]);
    expect(mapValue({ a: nullValue() })).toEqual({ type: "map", fields });
    const built = mapValue(fields); // a Map is used as it is, not copied
    expect(built.type === "map" ? built.fields : undefined).toBe(fields);
    expect(nullValue()).toBe(nullValue());
  });
});

describe("string helpers", () => {
  it("count UTF-8 bytes without encoding", () => {
    for (const text of ["", "abc", "é", "€", "😀", "a😀é€", "\u0000", "\uFFFF"]) {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, "utf8"));
    }
    // A lone surrogate counts as the 3-byte replacement character it would encode as.
    expect(utf8ByteLength("\ud800")).toBe(3);
  });

  it("find lone surrogates", () => {
    expect(hasLoneSurrogate("a😀b")).toBe(false);
    expect(hasLoneSurrogate("\ud83d")).toBe(true);
    expect(hasLoneSurrogate("\ude00x")).toBe(true);
    expect(hasLoneSurrogate("x\ud83d\ud83d")).toBe(true);
  });

  it("compare by code point, agreeing with a UTF-8 byte comparison", () => {
    const samples = [
      "",
      "a",
      "b",
      "ab",
      "\u007f",
      "é",
      "\uE000",
      "\uFFFF",
      "😀",
      "\u{10000}",
      "\u{10FFFF}",
    ];
    for (const a of samples) {
      for (const b of samples) {
        const bytes = Buffer.compare(Buffer.from(a), Buffer.from(b));
        expect([a, b, Math.sign(compareStrings(a, b))]).toEqual([a, b, bytes]);
      }
    }
  });
});
