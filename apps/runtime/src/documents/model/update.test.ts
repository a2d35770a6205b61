import { describe, expect, it } from "vitest";
import { isDocumentValueError } from "./errors.js";
import { increment, serverTimestamp } from "./transforms.js";
import { applyUpdate, getField, mergeSet, type FieldUpdate } from "./update.js";
import { fieldsOf, type DocFields, type DocValue } from "./value.js";

const NULL: DocValue = { type: "null" };
const int = (value: bigint): DocValue => ({ type: "integer", value });
const str = (value: string): DocValue => ({ type: "string", value });
const arr = (...values: DocValue[]): DocValue => ({ type: "array", values });
const map = (record: Record<string, DocValue>): DocValue => ({
  type: "map",
  fields: fieldsOf(record),
});
const doc = fieldsOf;

function rejection(run: () => unknown): { fieldPath: string; message: string } {
  try {
    run();
  } catch (e) {
    if (!isDocumentValueError(e)) throw e;
    return { fieldPath: e.fieldPath, message: e.message };
  }
  throw new Error("expected a DocumentValueError");
}

describe("applyUpdate", () => {
  const existing = doc({
    name: str("Ada"),
    address: map({ city: str("London"), zip: str("N1") }),
    count: int(1n),
    tags: arr(str("a")),
  });

  it("sets, replaces and deletes nested fields, leaving the rest", () => {
    const result = applyUpdate(existing, [
      { fieldPath: ["address", "city"], value: str("Paris") },
      { fieldPath: ["address", "zip"], delete: true },
      { fieldPath: ["name"] }, // in the mask, absent from the data: deleted
      { fieldPath: ["tags"], value: arr() },
    ]);
    expect(result).toEqual(
      doc({ address: map({ city: str("Paris") }), count: int(1n), tags: arr() }),
    );
  });

  it("does not mutate the existing document, and shares untouched subtrees", () => {
    const before = structuredClone(existing);
    const result = applyUpdate(existing, [{ fieldPath: ["count"], value: int(2n) }]);
    expect(existing).toEqual(before);
    expect(result.get("address")).toBe(existing.get("address"));
  });

  it("creates missing maps on a dotted path, and replaces non-maps on the way", () => {
    const result = applyUpdate(existing, [
      { fieldPath: ["a", "b", "c"], value: int(1n) },
      { fieldPath: ["count", "x"], value: NULL },
      { fieldPath: ["address", "geo", "lat"], value: int(5n) },
    ]);
    expect(result.get("a")).toEqual(map({ b: map({ c: int(1n) }) }));
    expect(result.get("count")).toEqual(map({ x: NULL }));
    expect(result.get("address")).toEqual(
      map({ city: str("London"), zip: str("N1"), geo: map({ lat: int(5n) }) }),
    );
  });

  it("leaves an empty map after deleting its last field, and ignores deletes below non-maps", () => {
    const result = applyUpdate(doc({ a: map({ b: NULL }), n: int(1n) }), [
      { fieldPath: ["a", "b"], delete: true },
      { fieldPath: ["n", "x"], delete: true },
      { fieldPath: ["missing", "x"], delete: true },
    ]);
    expect(result).toEqual(doc({ a: map({}), n: int(1n) }));
  });

  it("applies transforms at nested paths, with the request time", () => {
    const requestTime = { seconds: 100n, nanos: 5 };
    const result = applyUpdate(
      existing,
      [
        { fieldPath: ["count"], transform: increment(2) },
        { fieldPath: ["stats", "views"], transform: increment(1.5) },
        { fieldPath: ["address", "updated"], transform: serverTimestamp() },
      ],
      { requestTime },
    );
    expect(getField(result, ["count"])).toEqual(int(3n));
    expect(getField(result, ["stats", "views"])).toEqual({ type: "double", value: 1.5 });
    expect(getField(result, ["address", "updated"])).toEqual({
      type: "timestamp",
      seconds: 100n,
      nanos: 5,
    });
  });

  it.each<[string, FieldUpdate[], string, string]>([
    [
      "an empty path",
      [{ fieldPath: [] }],
      "",
      "invalid update at the update: a field path must have at least one segment",
    ],
    [
      "a reserved name",
      [{ fieldPath: ["a", "__b__"], value: NULL }],
      "a.__b__",
      "invalid field name at a.__b__: names matching __.*__ are reserved",
    ],
    [
      "an empty name",
      [{ fieldPath: ["a", ""], value: NULL }],
      "a.``",
      "invalid field name at a.``: field names must not be empty",
    ],
    [
      "the same path twice",
      [
        { fieldPath: ["a"], value: NULL },
        { fieldPath: ["a"], delete: true },
      ],
      "a",
      "invalid update at a: the field path is given twice",
    ],
    [
      "a path inside another",
      [
        { fieldPath: ["a", "b c"], value: NULL },
        { fieldPath: ["a"], value: NULL },
      ],
      "a.`b c`",
      "invalid update at a.`b c`: it overlaps a, which is also being written",
    ],
    [
      "a value and a transform together",
      [{ fieldPath: ["n"], value: NULL, transform: increment(1) }],
      "n",
      "invalid update at n: give only one of value, transform and delete",
    ],
    [
      "nesting past 20 levels",
      [{ fieldPath: Array.from({ length: 21 }, (_, i) => `f${i}`), value: map({}) }],
      Array.from({ length: 21 }, (_, i) => `f${i}`).join("."),
      `invalid update at ${Array.from({ length: 21 }, (_, i) => `f${i}`).join(".")}: maps and arrays may be nested at most 20 levels deep`,
    ],
  ])("rejects %s", (_name, updates, fieldPath, message) => {
    expect(rejection(() => applyUpdate(existing, updates))).toEqual({ fieldPath, message });
  });

  it("allows maps exactly 20 levels deep", () => {
    // 21 segments: 20 maps on the way, holding a scalar.
    const path = Array.from({ length: 21 }, (_, i) => `f${i}`);
    const result = applyUpdate(new Map(), [{ fieldPath: path, value: int(1n) }]);
    expect(getField(result, path)).toEqual(int(1n));
    expect(() =>
      applyUpdate(new Map(), [{ fieldPath: path.slice(1), value: map({}) }]),
    ).not.toThrow();
  });
});

describe("mergeSet", () => {
  const existing: DocFields = doc({
    name: str("Ada"),
    address: map({ city: str("London"), zip: str("N1"), geo: map({ lat: int(1n) }) }),
    tags: arr(str("a"), str("b")),
    prefs: map({ theme: str("dark") }),
  });

  it("merges maps deeply and replaces arrays and scalars", () => {
    const incoming = doc({
      address: map({ city: str("Paris"), geo: map({ lng: int(2n) }) }),
      tags: arr(str("c")),
      age: int(36n),
    });
    expect(mergeSet(existing, incoming)).toEqual(
      doc({
        name: str("Ada"),
        address: map({
          city: str("Paris"),
          zip: str("N1"),
          geo: map({ lat: int(1n), lng: int(2n) }),
        }),
        tags: arr(str("c")),
        prefs: map({ theme: str("dark") }),
        age: int(36n),
      }),
    );
  });

  it("replaces a field with an empty map, and a non-map with a map", () => {
    const result = mergeSet(existing, doc({ prefs: map({}), name: map({ first: str("Ada") }) }));
    expect(result.get("prefs")).toEqual(map({}));
    expect(result.get("name")).toEqual(map({ first: str("Ada") }));
  });

  it("with mergeFields, writes only those paths, whole, and deletes those missing from the data", () => {
    const incoming = doc({
      address: map({ city: str("Paris"), geo: map({ lng: int(2n) }) }),
      name: str("ignored"),
    });
    const result = mergeSet(existing, incoming, [
      ["address", "geo"],
      ["prefs", "theme"],
    ]);
    expect(result).toEqual(
      doc({
        name: str("Ada"),
        address: map({ city: str("London"), zip: str("N1"), geo: map({ lng: int(2n) }) }),
        tags: arr(str("a"), str("b")),
        prefs: map({}),
      }),
    );
  });

  it("rejects overlapping mergeFields", () => {
    expect(rejection(() => mergeSet(existing, new Map(), [["a"], ["a", "b"]])).message).toBe(
      "invalid update at a.b: it overlaps a, which is also being written",
    );
  });
});
