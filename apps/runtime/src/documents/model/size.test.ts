import { describe, expect, it } from "vitest";
import { isDocumentTooLargeError } from "./errors.js";
import {
  assertDocumentSize,
  documentNameSize,
  documentSize,
  MAX_DOCUMENT_BYTES,
  valueSize,
} from "./size.js";
import { fieldsOf, type DocValue } from "./value.js";

const str = (value: string): DocValue => ({ type: "string", value });

describe("storage size", () => {
  it("of the documented task example is 147 bytes", () => {
    // users/jeff/tasks/my_task_id: 6 + 5 + 6 + 11 + 16 = 44 for the name.
    const path = "users/jeff/tasks/my_task_id";
    expect(documentNameSize(path)).toBe(44);
    const fields = fieldsOf({
      type: str("Personal"), // 5 + 9
      done: { type: "boolean", value: false }, // 5 + 1
      priority: { type: "integer", value: 1n }, // 9 + 8
      description: str("Learn Cloud Firestore"), // 12 + 22
    });
    expect(documentSize(path, fields)).toBe(44 + 71 + 32);
  });

  it.each<[string, DocValue, number]>([
    ["null", { type: "null" }, 1],
    ["a boolean", { type: "boolean", value: true }, 1],
    ["an integer", { type: "integer", value: 2n ** 62n }, 8],
    ["a double", { type: "double", value: NaN }, 8],
    ["a timestamp", { type: "timestamp", seconds: 0n, nanos: 1 }, 8],
    ["a geopoint", { type: "geopoint", latitude: 1, longitude: 2 }, 16],
    ["an ASCII string", str("abc"), 4],
    ["a unicode string", str("é😀"), 2 + 4 + 1],
    ["bytes", { type: "bytes", value: new Uint8Array(10) }, 10],
    ["a reference", { type: "reference", value: "users/alice" }, 6 + 6 + 16],
    ["an array", { type: "array", values: [str("a"), { type: "null" }] }, 2 + 1],
    ["an empty map", { type: "map", fields: new Map() }, 0],
    [
      "a map",
      { type: "map", fields: fieldsOf({ ab: str("x"), c: { type: "null" } }) },
      3 + 2 + 2 + 1,
    ],
  ])("of %s", (_name, value, size) => {
    expect(valueSize(value)).toBe(size);
  });

  it("accepts a document of exactly 1 MiB and rejects one byte more", () => {
    const path = "c/d"; // 2 + 2 + 16 = 20
    const body = (bytes: number) =>
      fieldsOf({ b: { type: "bytes", value: new Uint8Array(bytes) } });
    const exact = MAX_DOCUMENT_BYTES - 20 - 32 - 2; // "b" costs 2
    expect(documentSize(path, body(exact))).toBe(MAX_DOCUMENT_BYTES);
    expect(() => assertDocumentSize(path, body(exact))).not.toThrow();

    let error: unknown;
    try {
      assertDocumentSize(path, body(exact + 1));
    } catch (e) {
      error = e;
    }
    expect(isDocumentTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ path, size: 1_048_577, limit: 1_048_576 });
    expect((error as Error).message).toBe(
      "document c/d is too large: its storage size is 1048577 bytes and the limit is 1048576 bytes",
    );
  });
});
