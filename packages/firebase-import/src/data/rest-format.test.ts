import { describe as group, expect, it } from "vitest";
import { toWireFields } from "./data-value.js";
import { objectHolding, positionOf, problems, readProject } from "./test-fixtures.js";

const ROOT = "projects/demo/databases/(default)/documents/";

// Every wire type, the int64 and double edge cases, and the encodings that must survive.
const EVERY_TYPE = {
  n: { nullValue: null },
  b: { booleanValue: true },
  imax: { integerValue: "9223372036854775807" },
  imin: { integerValue: "-9223372036854775808" },
  inum: { integerValue: 42 },
  d: { doubleValue: 1.5 },
  nan: { doubleValue: "NaN" },
  inf: { doubleValue: "-Infinity" },
  negz: { doubleValue: "-0" },
  t: { timestampValue: "2024-05-01T14:00:00.120+02:00" },
  s: { stringValue: "héllo" },
  by: { bytesValue: "AP8-_w" }, // URL-safe, unpadded: re-encoded standard and padded
  r: { referenceValue: `${ROOT}users/u2` },
  g: { geoPointValue: { latitude: 48.85 } }, // proto3 JSON omits a zero longitude
  a: { arrayValue: { values: [{ integerValue: "1" }, { stringValue: "x" }] } },
  ea: { arrayValue: {} },
  m: { mapValue: { fields: { "first name": { stringValue: "Ada" } } } },
  em: { mapValue: {} },
};

const EXPECTED_WIRE = {
  n: { nullValue: null },
  b: { booleanValue: true },
  imax: { integerValue: "9223372036854775807" },
  imin: { integerValue: "-9223372036854775808" },
  inum: { integerValue: "42" },
  d: { doubleValue: 1.5 },
  nan: { doubleValue: "NaN" },
  inf: { doubleValue: "-Infinity" },
  negz: { doubleValue: "-0" },
  t: { timestampValue: "2024-05-01T12:00:00.120Z" },
  s: { stringValue: "héllo" },
  by: { bytesValue: "AP8+/w==" },
  r: { referenceValue: "projects/winky-app/databases/(default)/documents/users/u2" },
  g: { geoPointValue: { latitude: 48.85, longitude: 0 } },
  a: { arrayValue: { values: [{ integerValue: "1" }, { stringValue: "x" }] } },
  ea: { arrayValue: {} },
  m: { mapValue: { fields: { "first name": { stringValue: "Ada" } } } },
  em: { mapValue: {} },
};

function exportFile(documents: unknown[]): string {
  const body = { format: "winky-export/1", project: "demo", exportedAt: "x", documents };
  return JSON.stringify(body, null, 2);
}

group("REST documents (format 1)", () => {
  it("reads every value type and renders it exactly for the target project", async () => {
    const text = exportFile([
      { name: `${ROOT}users/u1`, fields: EVERY_TYPE, updateTime: "2024-01-01T00:00:00Z" },
      { name: "users/u1/posts/p1/comments/c1", fields: { ok: { booleanValue: false } } },
      { name: "users/u2" },
    ]);
    const data = await readProject({ "firestore-data/export.json": text });
    expect(problems(data)).toEqual([]);
    expect(data.complete).toBe(true);
    expect(data.documents.map((d) => d.path)).toEqual([
      "users/u1",
      "users/u1/posts/p1/comments/c1",
      "users/u2",
    ]);
    const [u1, c1, u2] = data.documents;
    expect(toWireFields(u1!, "winky-app")).toEqual(EXPECTED_WIRE);
    // Serialised, so a -0 number or a lost key cannot hide behind toEqual's leniency.
    expect(JSON.stringify(toWireFields(u1!, "winky-app"))).toBe(JSON.stringify(EXPECTED_WIRE));
    expect(toWireFields(c1!, "p")).toEqual({ ok: { booleanValue: false } });
    expect(toWireFields(u2!, "p")).toEqual({});
    const [line, column] = objectHolding(text, `"${ROOT}users/u1"`).split(":").map(Number);
    expect(u1!.source).toEqual({ file: "firestore-data/export.json", line, column });
  });

  it("reads a bare array of documents", async () => {
    const text = JSON.stringify([{ name: "a/1", fields: { x: { integerValue: "1" } } }]);
    const data = await readProject({ "firestore-data/a.json": text });
    expect(data.documents.map((d) => d.path)).toEqual(["a/1"]);
  });

  it("keeps the path of a reference into another project and says so", async () => {
    const other = "projects/elsewhere/databases/(default)/documents/users/u9";
    const text = exportFile([{ name: "users/u1", fields: { boss: { referenceValue: other } } }]);
    const data = await readProject({ "firestore-data/a.json": text });
    expect(data.complete).toBe(true);
    expect(toWireFields(data.documents[0]!, "w")).toEqual({
      boss: { referenceValue: "projects/w/databases/(default)/documents/users/u9" },
    });
    expect(problems(data)).toEqual([
      `needs-change firestore-data/a.json:${positionOf(text, `"${other}"`)} references into ` +
        "projects/elsewhere/databases/(default): 1 reference(s) point into " +
        "projects/elsewhere/databases/(default) (first: users/u1 field boss); their document " +
        "paths are kept, so after the import they point into the Winky project",
    ]);
  });

  const badCases: [string, unknown, string, string, string][] = [
    [
      "an odd segment count",
      { name: "users/u1/posts" },
      '"users/u1/posts"',
      "users/u1/posts",
      `"users/u1/posts" is not a document path: it has 3 segments; a document path has an even number; the document is left out`,
    ],
    [
      "an int64 overflow",
      { name: "a/1", fields: { big: { integerValue: "9223372036854775808" } } },
      '"9223372036854775808"',
      "a/1",
      "field big: integerValue: 9223372036854775808 is outside the int64 range; the document is left out",
    ],
    [
      "bad base64",
      { name: "a/1", fields: { raw: { bytesValue: "abc*" } } },
      '"abc*"',
      "a/1",
      "field raw: bytesValue: the text is not valid base64; the document is left out",
    ],
    [
      "a reserved field name",
      { name: "a/1", fields: { m: { mapValue: { fields: { __x__: { nullValue: null } } } } } },
      '"__x__"',
      "a/1",
      "field m.__x__: names matching __.*__ are reserved; the document is left out",
    ],
    [
      "a bad timestamp",
      { name: "a/1", fields: { t: { timestampValue: "2023-02-29T00:00:00Z" } } },
      '"2023-02-29T00:00:00Z"',
      "a/1",
      "field t: timestampValue: the date does not exist; the document is left out",
    ],
  ];
  it.each(badCases)(
    "leaves out a document with %s and names the place",
    async (_, doc, needle, name, detail) => {
      const text = exportFile([doc, { name: "ok/1" }]);
      const data = await readProject({ "firestore-data/a.json": text });
      expect(problems(data)).toEqual([
        `needs-change firestore-data/a.json:${positionOf(text, needle)} ${name}: ${detail}`,
      ]);
      expect(data.documents.map((d) => d.path)).toEqual(["ok/1"]);
      expect(data.complete).toBe(false);
    },
  );

  it("refuses a field given twice", async () => {
    const text =
      '[{"name": "a/1", "fields": {"f": {"nullValue": null}, "f": {"nullValue": null}}}]';
    const data = await readProject({ "firestore-data/a.json": text });
    expect(problems(data)).toEqual([
      `needs-change firestore-data/a.json:${positionOf(text, '"f"', 2)} a/1: field f: the field ` +
        "is given twice; the document is left out",
    ]);
  });

  it("calls an unknown value type not understood", async () => {
    const text = exportFile([{ name: "a/1", fields: { v: { vectorValue: [1] } } }]);
    const data = await readProject({ "firestore-data/a.json": text });
    expect(problems(data)).toEqual([
      `not-understood firestore-data/a.json:${objectHolding(text, '"vectorValue"')} a/1: ` +
        'field v: "vectorValue" is not a Firestore value type; the document is left out',
    ]);
    expect(data.complete).toBe(false);
  });

  it("reports a document given twice with both places", async () => {
    const text = exportFile([{ name: "a/1" }, { name: `${ROOT}a/1` }]);
    const data = await readProject({ "firestore-data/a.json": text });
    const first = objectHolding(text, '"a/1"');
    const second = objectHolding(text, `"${ROOT}a/1"`);
    expect(problems(data)).toEqual([
      `needs-change firestore-data/a.json:${second} a/1: the document is given twice, first at ` +
        `firestore-data/a.json:${first}; this copy is left out`,
    ]);
    expect(data.documents).toHaveLength(1);
    expect(data.complete).toBe(false);
  });

  it("leaves out a document over 1 MiB and one nested deeper than 20", async () => {
    // k wrappings of array-of-map nest 2k levels: 10 is the limit exactly, 11 is past it.
    const nest = (k: number): unknown => {
      let value: unknown = { nullValue: null };
      for (let i = 0; i < k; i++) {
        value = { arrayValue: { values: [{ mapValue: { fields: { x: value } } }] } };
      }
      return value;
    };
    const big = "x".repeat(1_048_576);
    const text = exportFile([
      { name: "a/big", fields: { s: { stringValue: big } } },
      { name: "a/deep", fields: { d: nest(11) } },
      { name: "a/limit", fields: { d: nest(10) } },
      // 1 MiB exactly: name 23 (16 + 2 + 5) + field "s" 2 + string + 32 overhead.
      { name: "a/fits", fields: { s: { stringValue: big.slice(0, 1_048_576 - 23 - 2 - 32 - 1) } } },
    ]);
    const data = await readProject({ "firestore-data/a.json": text });
    expect(problems(data).map((p) => p.slice(0, 300))).toEqual([
      "needs-change firestore-data/a.json:6:5 a/big: the document is 1048633 bytes (Firestore " +
        "storage size); the limit is 1048576; the document is left out",
      `needs-change firestore-data/a.json:${objectHolding(text, '"arrayValue"', 11)} a/deep: ` +
        `field d${"[0].x".repeat(10)}: maps and arrays are nested more than 20 levels deep; ` +
        "the document is left out",
    ]);
    expect(data.documents.map((d) => d.path)).toEqual(["a/limit", "a/fits"]);
  });
});
