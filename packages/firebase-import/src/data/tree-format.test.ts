import { describe as group, expect, it } from "vitest";
import { toWireFields } from "./data-value.js";
import { objectHolding, positionOf, problems, readProject } from "./test-fixtures.js";

const TREE = {
  __collections__: {
    users: {
      u1: {
        name: "Ada",
        age: 36,
        ratio: 0.5,
        whole: 2.0, // JSON cannot keep the ".0": this arrives as an integer
        huge: 2 ** 60, // past 2^53: a double, as the SDKs write such a number
        active: true,
        nothing: null,
        tags: ["a", 1, { deep: { er: [] } }],
        created: { __datatype__: "timestamp", value: { _seconds: 1714564800, _nanoseconds: 5000 } },
        where: { __datatype__: "geopoint", value: { _latitude: -12.5, _longitude: 130 } },
        friend: { __datatype__: "documentReference", value: "users/u2" },
        __collections__: {
          posts: {
            p1: {
              title: "Hi",
              __collections__: {
                comments: { c1: { text: "first", __collections__: {} } },
              },
            },
          },
        },
      },
      u2: { __collections__: {} },
      // A parent that does not exist: only its subcollection is exported.
      ghost: { __collections__: { posts: { p9: { title: "orphan" } } } },
    },
    settings: { app: { theme: "dark" } },
  },
};

group("the __collections__ tree (format 2)", () => {
  it("reads documents three levels deep and every value type the format has", async () => {
    const data = await readProject({ "firestore-data/backup.json": JSON.stringify(TREE, null, 2) });
    expect(problems(data)).toEqual([]);
    expect(data.complete).toBe(true);
    expect(data.documents.map((d) => d.path)).toEqual([
      "users/u1",
      "users/u1/posts/p1",
      "users/u1/posts/p1/comments/c1",
      "users/u2",
      "users/ghost/posts/p9",
      "settings/app",
    ]);
    expect(toWireFields(data.documents[0]!, "demo")).toEqual({
      name: { stringValue: "Ada" },
      age: { integerValue: "36" },
      ratio: { doubleValue: 0.5 },
      whole: { integerValue: "2" },
      huge: { doubleValue: 2 ** 60 },
      active: { booleanValue: true },
      nothing: { nullValue: null },
      tags: {
        arrayValue: {
          values: [
            { stringValue: "a" },
            { integerValue: "1" },
            {
              mapValue: { fields: { deep: { mapValue: { fields: { er: { arrayValue: {} } } } } } },
            },
          ],
        },
      },
      created: { timestampValue: "2024-05-01T12:00:00.000005Z" },
      where: { geoPointValue: { latitude: -12.5, longitude: 130 } },
      friend: { referenceValue: "projects/demo/databases/(default)/documents/users/u2" },
    });
    expect(toWireFields(data.documents[2]!, "demo")).toEqual({ text: { stringValue: "first" } });
    expect(toWireFields(data.documents[3]!, "demo")).toEqual({});
  });

  it("summarises collections and value types as maps items", async () => {
    const data = await readProject({ "firestore-data/backup.json": JSON.stringify(TREE, null, 2) });
    const maps = data.items
      .filter((i) => i.verdict === "maps")
      .map((i) => (i.name.startsWith("type ") ? i.detail : `${i.name}: ${i.detail}`));
    expect(maps).toEqual([
      "collection users: 2 documents; subcollections: users/*/posts (2 documents), " +
        "users/*/posts/*/comments (1 document)",
      "collection settings: 1 document",
      "null: 1 value in 1 collection (users)",
      "boolean: 1 value in 1 collection (users)",
      "integer: 3 values in 1 collection (users)",
      "double: 2 values in 1 collection (users)",
      "timestamp: 1 value in 1 collection (users)",
      "string: 6 values in 4 collections (users, users/*/posts, users/*/posts/*/comments, settings)",
      "reference: 1 value in 1 collection (users)",
      "geopoint: 1 value in 1 collection (users)",
      "array: 2 values in 1 collection (users)",
      "map: 2 values in 1 collection (users)",
    ]);
  });

  const badValues: [string, unknown, string, string][] = [
    [
      "a timestamp in words",
      { __datatype__: "timestamp", value: "yesterday" },
      '"yesterday"',
      "timestamp: expected RFC 3339 text like 2024-05-01T12:00:00.123456789Z",
    ],
    [
      "nanoseconds out of range",
      { __datatype__: "timestamp", value: { _seconds: 0, _nanoseconds: 1e9 } },
      '{"_seconds"',
      "timestamp: _nanoseconds 1000000000 is not an integer in 0..999999999",
    ],
    [
      "a latitude past 90",
      { __datatype__: "geopoint", value: { _latitude: 91, _longitude: 0 } },
      '{"_latitude"',
      "geopoint: latitude 91 is not in [-90, 90]",
    ],
    [
      "a reference to a collection",
      { __datatype__: "documentReference", value: "users" },
      '"users"',
      '"users" is not a document path: it has 1 segment; a document path has an even number',
    ],
    ["an array in an array", [[1]], "[1]", "an array cannot directly contain an array"],
  ];
  it.each(badValues)("leaves out a document with %s", async (_, value, needle, reason) => {
    const text = JSON.stringify({ __collections__: { c: { bad: { f: value }, ok: { f: 1 } } } });
    const data = await readProject({ "firestore-data/t.json": text });
    const where = `${positionOf(text, needle)}`;
    const path = reason.startsWith("an array") ? "f[0]" : "f";
    expect(problems(data)).toEqual([
      `needs-change firestore-data/t.json:${where} c/bad: field ${path}: ${reason}; the document is left out`,
    ]);
    expect(data.documents.map((d) => d.path)).toEqual(["c/ok"]);
    expect(data.complete).toBe(false);
  });

  it("calls an unknown __datatype__ not understood", async () => {
    const text = JSON.stringify({
      __collections__: { c: { d: { f: { __datatype__: "bytes", value: "AA==" } } } },
    });
    const data = await readProject({ "firestore-data/t.json": text });
    expect(problems(data)).toEqual([
      `not-understood firestore-data/t.json:${positionOf(text, '"bytes"')} c/d: field f: unknown ` +
        '__datatype__ "bytes": only timestamp, geopoint and documentReference are known; the document is left out',
    ]);
    expect(data.complete).toBe(false);
  });

  it("refuses bad field names and ids but still reads a bad document's subcollections", async () => {
    const text = JSON.stringify(
      {
        __collections__: {
          c: { d: { "": 1, __collections__: { s: { e: { x: 1 } } } }, __x__: {} },
        },
      },
      null,
      1,
    );
    const data = await readProject({ "firestore-data/t.json": text });
    expect(problems(data)).toEqual([
      `needs-change firestore-data/t.json:${positionOf(text, '""')} c/d: field \`\`: field names must not be empty; the document is left out`,
      `needs-change firestore-data/t.json:${positionOf(text, '"__x__"')} c/__x__: document id "__x__": ids matching __.*__ are reserved; the document and its subcollections are left out`,
    ]);
    expect(data.documents.map((d) => d.path)).toEqual(["c/d/s/e"]);
  });

  it("refuses a field given twice, and types numbers as the Node SDK does", async () => {
    const text =
      '{"__collections__": {"c": {"d": {"f": 1, "f": 2},' +
      ' "z": {"negz": -0, "two": 2.0, "e": 1e3, "h": 1.5e300, "n": -9007199254740991}}}}';
    const data = await readProject({ "firestore-data/t.json": text });
    expect(problems(data)).toEqual([
      `needs-change firestore-data/t.json:${positionOf(text, '"f"', 2)} c/d: field f: the field ` +
        "is given twice; the document is left out",
    ]);
    expect(JSON.stringify(toWireFields(data.documents[0]!, "p"))).toBe(
      JSON.stringify({
        negz: { doubleValue: "-0" },
        two: { integerValue: "2" }, // the documented loss: 2.0 is an integer here
        e: { integerValue: "1000" },
        h: { doubleValue: 1.5e300 },
        n: { integerValue: "-9007199254740991" },
      }),
    );
  });

  it("reports root keys other than __collections__", async () => {
    const text = JSON.stringify({ name: "x", __collections__: {} });
    const data = await readProject({ "firestore-data/t.json": text });
    expect(problems(data)).toEqual([
      `not-understood firestore-data/t.json:1:2 firestore-data/t.json: unexpected top-level key "name": only "__collections__" is read (export the whole database)`,
    ]);
    expect(data.complete).toBe(false);
    expect(objectHolding(text, '"name"')).toBe("1:1");
  });
});
