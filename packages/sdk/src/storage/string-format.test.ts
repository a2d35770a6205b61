import { describe, expect, it } from "vitest";
import { thrown } from "../../test/thrown.js";
import { decodeString, StringFormat } from "./string-format.js";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: Uint8Array) => new TextDecoder().decode(value);

describe("uploadString's formats", () => {
  it("raw: the string's UTF-8 bytes", () => {
    expect(decodeString("héllo 🐈", "raw").bytes).toEqual(new TextEncoder().encode("héllo 🐈"));
    expect(decodeString("", StringFormat.RAW).bytes).toEqual(bytes());
  });

  it("base64: padded or not, with + and /", () => {
    expect(text(decodeString("aGVsbG8=", "base64").bytes)).toBe("hello");
    expect(text(decodeString("aGVsbG8", "base64").bytes)).toBe("hello");
    expect(text(decodeString("aGk=", "base64").bytes)).toBe("hi");
    expect(decodeString("+/8=", "base64").bytes).toEqual(bytes(0xfb, 0xff));
    expect(decodeString("", "base64").bytes).toEqual(bytes());
  });

  it("base64url: with - and _", () => {
    expect(decodeString("-_8", "base64url").bytes).toEqual(bytes(0xfb, 0xff));
    expect(decodeString("-_8=", "base64url").bytes).toEqual(bytes(0xfb, 0xff));
  });

  it("data_url: base64 or percent-encoded, with the media type", () => {
    expect(decodeString("data:text/plain;base64,aGVsbG8=", "data_url")).toEqual({
      bytes: new TextEncoder().encode("hello"),
      contentType: "text/plain",
    });
    const percent = decodeString("data:text/plain;charset=utf-8,h%C3%A9%20llo", "data_url");
    expect(text(percent.bytes)).toBe("hé llo");
    expect(percent.contentType).toBe("text/plain;charset=utf-8");
    expect(decodeString("data:,x", "data_url")).toEqual({ bytes: bytes(0x78) });
  });

  describe("when the string is not in its format", () => {
    it.each([
      ["a character outside base64", "aGV$bG8=", "base64", '"$" at position 3'],
      ["base64url's - in base64", "ab-d", "base64", "- and _ belong to base64url"],
      ["base64's / in base64url", "ab/d", "base64url", "+ and / belong to base64"],
      ["whitespace", "aGVs bG8=", "base64", '" " at position 4'],
      ["a length that does not fit whole bytes", "aGVsb", "base64", "does not fit whole bytes"],
      ["padding that does not complete a group", "aGk==", "base64", "does not fit whole bytes"],
      ["a data URL without a comma", "data:text/plain;base64", "data_url", "is not a data URL"],
      ["text that is not a data URL", "hello", "data_url", "is not a data URL"],
      ["bad base64 inside a data URL", "data:;base64,a$", "data_url", '"$" at position 1'],
      ["bad percent-encoding", "data:,%E0%A4%A", "data_url", "malformed percent-encoding"],
    ] as const)("refuses %s, saying where", (_what, value, format, message) => {
      const error = thrown(() => decodeString(value, format));
      expect(error.code).toBe("invalid-argument");
      expect(error.message).toMatch(/^uploadString\(\): /);
      expect(error.message).toContain(message);
    });

    it("refuses an unknown format and a value that is not a string", () => {
      expect(thrown(() => decodeString("x", "hex" as StringFormat)).message).toContain(
        'unknown format "hex"',
      );
      expect(thrown(() => decodeString(7 as unknown as string, "raw")).message).toContain(
        "must be a string",
      );
    });
  });
});
