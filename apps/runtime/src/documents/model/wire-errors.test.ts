import { describe, expect, it } from "vitest";
import { isDocumentValueError } from "./errors.js";
import { decodeFields, decodeValue } from "./wire.js";

const options = { projectId: "demo" };

/** The DocumentValueError thrown by decoding `fields`, as `{ fieldPath, message }`. */
function rejection(fields: unknown): { fieldPath: string; message: string } {
  try {
    decodeFields(fields, options);
  } catch (e) {
    if (!isDocumentValueError(e)) throw e;
    return { fieldPath: e.fieldPath, message: e.message };
  }
  throw new Error("expected a DocumentValueError");
}

/** Rejection of one value placed at `address.zip`. */
const atZip = (value: unknown) => rejection({ address: { mapValue: { fields: { zip: value } } } });

function nest(levels: number): unknown {
  let value: unknown = { nullValue: null };
  for (let i = 0; i < levels; i++) value = { mapValue: { fields: { m: value } } };
  return value;
}

describe("decoding rejects", () => {
  it.each([
    [{ integerValue: "12a" }, 'invalid integerValue at address.zip: "12a" is not an integer'],
    [{ integerValue: "" }, 'invalid integerValue at address.zip: "" is not an integer'],
    [{ integerValue: "1.0" }, 'invalid integerValue at address.zip: "1.0" is not an integer'],
    [{ integerValue: 1.5 }, "invalid integerValue at address.zip: 1.5 is not an integer"],
    [{ integerValue: true }, "invalid integerValue at address.zip: true is not an integer"],
    [
      { integerValue: "9223372036854775808" },
      'invalid integerValue at address.zip: "9223372036854775808" is outside the int64 range',
    ],
    [
      { integerValue: "-9223372036854775809" },
      'invalid integerValue at address.zip: "-9223372036854775809" is outside the int64 range',
    ],
    [
      { integerValue: 2 ** 60 },
      "invalid integerValue at address.zip: 1152921504606847000 is beyond ±2^53; send large integers as strings",
    ],
    [{ doubleValue: "nan" }, 'invalid doubleValue at address.zip: "nan" is not a number'],
    [{ doubleValue: null }, "invalid doubleValue at address.zip: null is not a number"],
    [{ booleanValue: "true" }, 'invalid booleanValue at address.zip: "true" is not true or false'],
    [{ nullValue: 0 }, "invalid nullValue at address.zip: 0 is not null"],
    [{ stringValue: 5 }, "invalid stringValue at address.zip: 5 is not a string"],
    [
      { stringValue: "a\ud800b" },
      "invalid stringValue at address.zip: the string is not valid Unicode (lone surrogate)",
    ],
    [{ bytesValue: "A===" }, "invalid bytesValue at address.zip: the text is not valid base64"],
    [{ bytesValue: "QQ=" }, "invalid bytesValue at address.zip: the text is not valid base64"],
    [{ bytesValue: "Q" }, "invalid bytesValue at address.zip: the text is not valid base64"],
    [{ bytesValue: "a b=" }, "invalid bytesValue at address.zip: the text is not valid base64"],
    [{ bytesValue: [1] }, "invalid bytesValue at address.zip: object is not a base64 string"],
  ])("scalar %j", (value, message) => {
    expect(atZip(value)).toEqual({ fieldPath: "address.zip", message });
  });

  it.each([
    ["2024-05-01", "expected RFC 3339 text like 2024-05-01T12:00:00.123456789Z"],
    ["2024-05-01T12:00:00", "expected RFC 3339 text like 2024-05-01T12:00:00.123456789Z"],
    [
      "2024-05-01T12:00:00.1234567891Z",
      "expected RFC 3339 text like 2024-05-01T12:00:00.123456789Z",
    ],
    ["2024-05-01 12:00:00Z", "expected RFC 3339 text like 2024-05-01T12:00:00.123456789Z"],
    ["2023-02-29T00:00:00Z", "the date does not exist"],
    ["2024-13-01T00:00:00Z", "the date does not exist"],
    ["2024-05-01T24:00:00Z", "the time of day is out of range"],
    ["2016-12-31T23:59:60Z", "the time of day is out of range"],
    ["2024-05-01T12:00:00+24:00", "the UTC offset is out of range"],
    ["0000-12-31T23:59:59Z", "it is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z"],
    [
      "0001-01-01T00:30:00+01:00",
      "it is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z",
    ],
    [
      "9999-12-31T23:00:00-01:00",
      "it is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z",
    ],
  ])("timestamp %s", (text, problem) => {
    expect(atZip({ timestampValue: text })).toEqual({
      fieldPath: "address.zip",
      message: `invalid timestampValue at address.zip: ${JSON.stringify(text)}: ${problem}`,
    });
  });

  it.each([
    [{ latitude: 91, longitude: 0 }, "latitude 91 is not a number in [-90, 90]"],
    [{ latitude: 0, longitude: -180.5 }, "longitude -180.5 is not a number in [-180, 180]"],
    [{ latitude: "1", longitude: 0 }, 'latitude "1" is not a number in [-90, 90]'],
    [{ latitude: 0, longitude: 0, altitude: 3 }, 'unexpected key "altitude"'],
  ])("geopoint %j", (body, problem) => {
    expect(atZip({ geoPointValue: body })).toEqual({
      fieldPath: "address.zip",
      message: `invalid geoPointValue at address.zip: ${problem}`,
    });
  });

  it.each([
    [
      "users/alice",
      '"users/alice" is not of the form projects/demo/databases/(default)/documents/<path>',
    ],
    [
      "projects/other/databases/(default)/documents/users/alice",
      '"projects/other/databases/(default)/documents/users/alice" points into project other, ' +
        "database (default); only references within projects/demo/databases/(default) are allowed",
    ],
    [
      "projects/demo/databases/orders/documents/users/alice",
      '"projects/demo/databases/orders/documents/users/alice" points into project demo, ' +
        "database orders; only references within projects/demo/databases/(default) are allowed",
    ],
    [
      "projects/demo/databases/(default)/documents/users",
      'invalid document path "users": it has 1 segments; a document path has an even number',
    ],
    [
      "projects/demo/databases/(default)/documents/users/__x__",
      'invalid document path "users/__x__": segment 2 is invalid: ids matching __.*__ are reserved',
    ],
  ])("reference %s", (name, problem) => {
    expect(atZip({ referenceValue: name })).toEqual({
      fieldPath: "address.zip",
      message: `invalid referenceValue at address.zip: ${problem}`,
    });
  });

  it.each([
    [
      null,
      'invalid value at address.zip: expected an object such as {"stringValue": "…"}, got null',
    ],
    ["x", 'invalid value at address.zip: expected an object such as {"stringValue": "…"}, got "x"'],
    [[], 'invalid value at address.zip: expected an object such as {"stringValue": "…"}, got []'],
    [{}, "invalid value at address.zip: expected exactly one value key, got none"],
    [
      { stringValue: "a", integerValue: "1" },
      'invalid value at address.zip: expected exactly one value key, got "stringValue", "integerValue"',
    ],
    [{ textValue: "a" }, 'invalid value at address.zip: "textValue" is not a Firestore value type'],
    [
      { arrayValue: [] },
      'invalid arrayValue at address.zip: [] is not an object like {"values": […]}',
    ],
    [
      { arrayValue: { values: {} } },
      'invalid arrayValue at address.zip: "values" is {}, not an array',
    ],
    [{ arrayValue: { items: [] } }, 'invalid arrayValue at address.zip: unexpected key "items"'],
    [
      { mapValue: { fields: [] } },
      "invalid fields at address.zip: expected an object mapping field names to values, got []",
    ],
    [{ mapValue: { field: {} } }, 'invalid mapValue at address.zip: unexpected key "field"'],
  ])("malformed value %j", (value, message) => {
    expect(atZip(value)).toEqual({ fieldPath: "address.zip", message });
  });

  it("an array directly inside an array, naming the element", () => {
    const tags = { arrayValue: { values: [{ stringValue: "a" }, { arrayValue: {} }] } };
    expect(rejection({ address: { mapValue: { fields: { tags } } } })).toEqual({
      fieldPath: "address.tags[1]",
      message: "invalid arrayValue at address.tags[1]: an array cannot directly contain an array",
    });
  });

  it("bad values deep inside arrays of maps, with the path", () => {
    const item = { mapValue: { fields: { "zip code": { integerValue: "x" } } } };
    const tags = { arrayValue: { values: [{ nullValue: null }, { nullValue: null }, item] } };
    expect(rejection({ address: { mapValue: { fields: { tags } } } })).toEqual({
      fieldPath: "address.tags[2].`zip code`",
      message: 'invalid integerValue at address.tags[2].`zip code`: "x" is not an integer',
    });
  });

  it("field names that are empty, reserved, too long or not Unicode", () => {
    const inMap = (name: string) =>
      rejection({ a: { mapValue: { fields: { [name]: { nullValue: null } } } } });
    expect(inMap("")).toEqual({
      fieldPath: "a.``",
      message: "invalid field name at a.``: field names must not be empty",
    });
    expect(inMap("__name__")).toEqual({
      fieldPath: "a.__name__",
      message: "invalid field name at a.__name__: names matching __.*__ are reserved",
    });
    expect(rejection({ __x__: { nullValue: null } }).message).toBe(
      "invalid field name at __x__: names matching __.*__ are reserved",
    );
    expect(inMap("é".repeat(751)).message).toMatch(/: the name is 1502 bytes; the limit is 1500$/);
    expect(() => decodeFields({ ["é".repeat(750)]: { nullValue: null } }, options)).not.toThrow();
    expect(inMap("\udc00").message).toBe(
      "invalid field name at a.`\udc00`: the name is not valid Unicode (it has a lone surrogate)",
    );
  });

  it("field names with U+0000, which storage cannot key, as invalid rather than a server fault", () => {
    expect(rejection({ a: { mapValue: { fields: { "x\u0000y": { nullValue: null } } } } })).toEqual(
      {
        fieldPath: "a.`x\u0000y`",
        message:
          "invalid field name at a.`x\u0000y`: the name contains U+0000, which this runtime does not support in names",
      },
    );
  });

  it("the stored form of a string holding U+0000, which only storage may use", () => {
    expect(atZip({ nulSeparatedStringValue: ["a", "b"] })).toEqual({
      fieldPath: "address.zip",
      message:
        'invalid value at address.zip: "nulSeparatedStringValue" is not a Firestore value type',
    });
  });

  it("nesting deeper than 20 levels of maps and arrays, and allows 20", () => {
    expect(() => decodeFields({ top: nest(20) }, options)).not.toThrow();
    const path = ["top", ...Array<string>(20).fill("m")].join(".");
    expect(rejection({ top: nest(21) })).toEqual({
      fieldPath: path,
      message: `invalid mapValue at ${path}: maps and arrays may be nested at most 20 levels deep`,
    });
  });

  it("documents that are not objects, and values given at the top level", () => {
    expect(rejection([])).toEqual({
      fieldPath: "",
      message:
        "invalid fields at the document: expected an object mapping field names to values, got []",
    });
    expect(() => decodeValue({ integerValue: "x" }, "count", options)).toThrow(
      'invalid integerValue at count: "x" is not an integer',
    );
  });
});
