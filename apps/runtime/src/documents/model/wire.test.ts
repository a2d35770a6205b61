import { describe, expect, it } from "vitest";
import { INT64_MAX, INT64_MIN, type DocFields, type DocValue } from "./value.js";
import {
  decodeFields,
  decodeStoredFields,
  decodeValue,
  encodeFields,
  encodeStoredFields,
  encodeValue,
  type WireValue,
} from "./wire.js";
import { Problem, relativeName } from "./wire-scalars.js";

const options = { projectId: "demo" };
const decode = (json: unknown): DocValue => decodeValue(json, "f", options);

/** Decodes `wire`, checks the value, and checks that encoding gives `wire` back exactly. */
function roundTrip(wire: WireValue, value: DocValue): void {
  expect(decode(wire)).toEqual(value);
  expect(encodeValue(value, options)).toEqual(wire);
}

describe("the REST Value wire format", () => {
  describe("round trips every type exactly", () => {
    it("null and booleans", () => {
      roundTrip({ nullValue: null }, { type: "null" });
      roundTrip({ booleanValue: true }, { type: "boolean", value: true });
      roundTrip({ booleanValue: false }, { type: "boolean", value: false });
    });

    it("integers, including the int64 extremes", () => {
      roundTrip({ integerValue: "0" }, { type: "integer", value: 0n });
      roundTrip({ integerValue: "-42" }, { type: "integer", value: -42n });
      roundTrip({ integerValue: "9223372036854775807" }, { type: "integer", value: INT64_MAX });
      roundTrip({ integerValue: "-9223372036854775808" }, { type: "integer", value: INT64_MIN });
      roundTrip({ integerValue: "9007199254740993" }, { type: "integer", value: 2n ** 53n + 1n });
    });

    it("doubles, including NaN, the infinities and -0", () => {
      roundTrip({ doubleValue: 1.5 }, { type: "double", value: 1.5 });
      roundTrip({ doubleValue: 5 }, { type: "double", value: 5 });
      roundTrip({ doubleValue: "NaN" }, { type: "double", value: NaN });
      roundTrip({ doubleValue: "Infinity" }, { type: "double", value: Infinity });
      roundTrip({ doubleValue: "-Infinity" }, { type: "double", value: -Infinity });
      roundTrip({ doubleValue: 5e-324 }, { type: "double", value: Number.MIN_VALUE });
      const negativeZero = decode({ doubleValue: -0 });
      expect(negativeZero.type === "double" && Object.is(negativeZero.value, -0)).toBe(true);
    });

    it('-0 as the string "-0", whose sign survives JSON, as Firebase writes it', () => {
      const wire = encodeValue({ type: "double", value: -0 }, options);
      expect(wire).toEqual({ doubleValue: "-0" });
      const back = decode(JSON.parse(JSON.stringify(wire)));
      expect(back.type === "double" && Object.is(back.value, -0)).toBe(true);
      expect(encodeValue({ type: "double", value: 0 }, options)).toEqual({ doubleValue: 0 });
    });

    it("timestamps with 0, 3, 6 and 9 fraction digits", () => {
      const ts = (seconds: bigint, nanos: number): DocValue => ({
        type: "timestamp",
        seconds,
        nanos,
      });
      roundTrip({ timestampValue: "2024-05-01T12:00:00Z" }, ts(1714564800n, 0));
      roundTrip({ timestampValue: "2024-05-01T12:00:00.120Z" }, ts(1714564800n, 120_000_000));
      roundTrip({ timestampValue: "2024-05-01T12:00:00.000001Z" }, ts(1714564800n, 1000));
      roundTrip({ timestampValue: "2024-05-01T12:00:00.123456789Z" }, ts(1714564800n, 123456789));
    });

    it("timestamps before 1970 and at the ends of the range", () => {
      const ts = (seconds: bigint, nanos: number): DocValue => ({
        type: "timestamp",
        seconds,
        nanos,
      });
      roundTrip({ timestampValue: "1969-12-31T23:59:59.500Z" }, ts(-1n, 500_000_000));
      roundTrip({ timestampValue: "1900-01-01T00:00:00Z" }, ts(-2208988800n, 0));
      roundTrip({ timestampValue: "0001-01-01T00:00:00Z" }, ts(-62135596800n, 0));
      roundTrip({ timestampValue: "9999-12-31T23:59:59.999999999Z" }, ts(253402300799n, 999999999));
    });

    it("strings, unicode included", () => {
      roundTrip({ stringValue: "" }, { type: "string", value: "" });
      roundTrip({ stringValue: "héllo 世界 😀" }, { type: "string", value: "héllo 世界 😀" });
      roundTrip({ stringValue: "a\u0000b" }, { type: "string", value: "a\u0000b" });
    });

    it("bytes as standard base64", () => {
      roundTrip({ bytesValue: "" }, { type: "bytes", value: new Uint8Array([]) });
      roundTrip({ bytesValue: "AP8Q" }, { type: "bytes", value: new Uint8Array([0, 255, 16]) });
      roundTrip({ bytesValue: "+/8=" }, { type: "bytes", value: new Uint8Array([251, 255]) });
      roundTrip({ bytesValue: "AQ==" }, { type: "bytes", value: new Uint8Array([1]) });
    });

    it("references as full names outside and relative paths inside", () => {
      const name = "projects/demo/databases/(default)/documents/users/alice";
      roundTrip({ referenceValue: name }, { type: "reference", value: "users/alice" });
      const nested = "projects/demo/databases/(default)/documents/users/alice/posts/p1";
      roundTrip({ referenceValue: nested }, { type: "reference", value: "users/alice/posts/p1" });
    });

    it("geopoints", () => {
      roundTrip(
        { geoPointValue: { latitude: 52.5, longitude: -13.25 } },
        { type: "geopoint", latitude: 52.5, longitude: -13.25 },
      );
      roundTrip(
        { geoPointValue: { latitude: -90, longitude: 180 } },
        { type: "geopoint", latitude: -90, longitude: 180 },
      );
    });

    it("arrays and maps, empty ones as {}", () => {
      roundTrip({ arrayValue: {} }, { type: "array", values: [] });
      roundTrip({ mapValue: {} }, { type: "map", fields: new Map() });
      roundTrip(
        {
          arrayValue: {
            values: [{ integerValue: "1" }, { mapValue: { fields: { a: { nullValue: null } } } }],
          },
        },
        {
          type: "array",
          values: [
            { type: "integer", value: 1n },
            { type: "map", fields: new Map([["a", { type: "null" }]]) },
          ],
        },
      );
    });

    it("documents with unicode and quoted-looking field names", () => {
      const wire = {
        名前: { stringValue: "x" },
        "a.b": { mapValue: { fields: { "first name": { booleanValue: true } } } },
      };
      const fields = decodeFields(wire, options);
      expect(fields).toEqual(
        new Map<string, DocValue>([
          ["名前", { type: "string", value: "x" }],
          [
            "a.b",
            { type: "map", fields: new Map([["first name", { type: "boolean", value: true }]]) },
          ],
        ]),
      );
      expect(encodeFields(fields, options)).toEqual(wire);
    });
  });

  describe("accepts the other forms proto3 JSON allows", () => {
    it("integers as JSON numbers", () => {
      expect(decode({ integerValue: 123 })).toEqual({ type: "integer", value: 123n });
      expect(decode({ integerValue: -9007199254740991 })).toEqual({
        type: "integer",
        value: -9007199254740991n,
      });
    });

    it("doubles as numeric strings, and the name of the null enum", () => {
      expect(decode({ doubleValue: "1.5e3" })).toEqual({ type: "double", value: 1500 });
      expect(decode({ nullValue: "NULL_VALUE" })).toEqual({ type: "null" });
    });

    it("timestamps with offsets and lower-case separators, normalised to Z", () => {
      const value = decode({ timestampValue: "2024-05-01T14:00:00.5+02:00" });
      expect(value).toEqual({ type: "timestamp", seconds: 1714564800n, nanos: 500_000_000 });
      expect(encodeValue(value, options)).toEqual({ timestampValue: "2024-05-01T12:00:00.500Z" });
      expect(decode({ timestampValue: "2024-05-01t12:00:00-00:30" })).toEqual({
        type: "timestamp",
        seconds: 1714566600n,
        nanos: 0,
      });
    });

    it("unpadded and URL-safe base64", () => {
      expect(decode({ bytesValue: "AQ" })).toEqual({ type: "bytes", value: new Uint8Array([1]) });
      expect(decode({ bytesValue: "-_8" })).toEqual({
        type: "bytes",
        value: new Uint8Array([251, 255]),
      });
    });

    it("omitted zero coordinates, and omitted empty lists and maps", () => {
      expect(decode({ geoPointValue: { longitude: 2 } })).toEqual({
        type: "geopoint",
        latitude: 0,
        longitude: 2,
      });
      expect(decode({ arrayValue: { values: [] } })).toEqual({ type: "array", values: [] });
      expect(decode({ mapValue: { fields: {} } })).toEqual({ type: "map", fields: new Map() });
      expect(decodeFields(undefined, options)).toEqual(new Map());
    });

    it("references into a named database when the options name it", () => {
      const name = "projects/demo/databases/orders/documents/o/1";
      const named = { projectId: "demo", databaseId: "orders" };
      expect(decodeValue({ referenceValue: name }, "r", named)).toEqual({
        type: "reference",
        value: "o/1",
      });
      expect(encodeValue({ type: "reference", value: "o/1" }, named)).toEqual({
        referenceValue: name,
      });
    });
  });

  describe("the stored form, for the jsonb column", () => {
    const stored = (fields: DocFields) => encodeStoredFields(fields, options);
    const roundTripStored = (fields: DocFields) =>
      decodeStoredFields(JSON.parse(stored(fields)), options);

    it("is the wire form when no string holds U+0000, -0 included", () => {
      const fields: DocFields = new Map<string, DocValue>([
        ["s", { type: "string", value: 'quote" backslash\\u0000 not a NUL' }],
        ["z", { type: "double", value: -0 }],
      ]);
      expect(JSON.parse(stored(fields))).toEqual(encodeFields(fields, options));
      const back = roundTripStored(fields);
      expect(back).toEqual(fields);
      const z = back.get("z");
      expect(z?.type === "double" && Object.is(z.value, -0)).toBe(true);
    });

    it("keeps strings holding U+0000 without one in the JSON, at any depth", () => {
      const nul = (value: string): DocValue => ({ type: "string", value });
      const fields: DocFields = new Map<string, DocValue>([
        ["a", nul("a\u0000b")],
        ["edges", nul("\u0000x\u0000\u0000")],
        ["only", nul("\u0000")],
        ["list", { type: "array", values: [nul("x\u0000"), nul("plain")] }],
        ["map", { type: "map", fields: new Map([["stringValue", nul("\u0000")]]) }],
      ]);
      const text = stored(fields);
      expect(text).not.toContain("\\u0000");
      expect(JSON.parse(text).a).toEqual({ nulSeparatedStringValue: ["a", "b"] });
      expect(JSON.parse(text).list.arrayValue.values[1]).toEqual({ stringValue: "plain" });
      expect(roundTripStored(fields)).toEqual(fields);
    });

    it("reads stored strings that look like the escape as the text they are", () => {
      const fields: DocFields = new Map<string, DocValue>([
        ["s", { type: "string", value: "nulSeparatedStringValue" }],
        ["nulSeparatedStringValue", { type: "string", value: "x\u0000" }],
      ]);
      expect(roundTripStored(fields)).toEqual(fields);
    });

    it("refuses a malformed escape", () => {
      expect(() => decodeStoredFields({ s: { nulSeparatedStringValue: ["a"] } }, options)).toThrow(
        'invalid nulSeparatedStringValue at s: ["a"] is not 2 or more strings',
      );
    });
  });

  describe("document names", () => {
    it("are taken relative, or as full names in the request's project and database", () => {
      expect(relativeName("users/ada", options)).toBe("users/ada");
      expect(relativeName("projects/demo/databases/(default)/documents/users/ada", options)).toBe(
        "users/ada",
      );
      expect(relativeName("projects/demo/databases/(default)/documents", options)).toBe("");
      expect(relativeName("projects/demo", options)).toBe("projects/demo");
    });

    it("in another project or database are refused, naming both", () => {
      const other = relativeName("projects/other/databases/(default)/documents/users/ada", options);
      expect(other).toBeInstanceOf(Problem);
      expect((other as Problem).message).toBe(
        '"projects/other/databases/(default)/documents/users/ada" names project other, database ' +
          "(default); this request is for project demo, database (default)",
      );
      const db = relativeName("projects/demo/databases/orders/documents/o/1", options);
      expect((db as Problem).message).toContain("names project demo, database orders");
    });
  });

  it("encodes a __proto__ key as data", () => {
    const out = encodeFields(new Map([["__proto__", { type: "null" }]]), options);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__"]);
  });
});
