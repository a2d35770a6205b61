import { describe, expect, it } from "vitest";
import { fakeFetch, PROJECT, URL_BASE } from "../../test/fake-fetch.js";
import { createClient } from "../client.js";
import {
  arrayRemove,
  arrayUnion,
  deleteField,
  increment,
  serverTimestamp,
} from "../values/field-value.js";
import { leafPaths, setWrite, updateWrite } from "./write-data.js";

const { db } = createClient({
  url: URL_BASE,
  project: PROJECT,
  fetch: fakeFetch(() => ({})).fetch,
});
const ref = db.doc("users/ada");

describe("setDoc writes", () => {
  it("replace the whole document without a mask", () => {
    expect(setWrite(ref, { name: "Ada", age: 36 })).toEqual({
      update: {
        name: "users/ada",
        fields: { name: { stringValue: "Ada" }, age: { integerValue: "36" } },
      },
    });
  });

  describe("with merge", () => {
    it("mask every leaf path, quoting segments that are not identifiers", () => {
      const write = setWrite(
        ref,
        { name: "Ada", address: { city: "London", "post code": "N1" }, "a.b": 1 },
        { merge: true },
      );
      expect(write.updateMask).toEqual({
        fieldPaths: ["name", "address.city", "address.`post code`", "`a.b`"],
      });
    });

    it("treat an empty map as a leaf, mask deleteField() and leave transforms out", () => {
      const data = { tags: {}, gone: deleteField(), n: increment(2), at: serverTimestamp() };
      const write = setWrite(ref, data, { merge: true });
      expect(write.updateMask).toEqual({ fieldPaths: ["tags", "gone"] });
      expect(write.update?.fields).toEqual({ tags: { mapValue: { fields: {} } } });
      expect(write.updateTransforms).toEqual([
        { fieldPath: "n", increment: { integerValue: "2" } },
        { fieldPath: "at", setToServerValue: "REQUEST_TIME" },
      ]);
    });

    it("compute nested leaves", () => {
      expect(leafPaths({ a: { b: { c: 1, d: [1] } }, e: null }, [])).toEqual([
        ["a", "b", "c"],
        ["a", "b", "d"],
        ["e"],
      ]);
    });
  });

  describe("with mergeFields", () => {
    it("mask only the named paths and send only their values and transforms", () => {
      const data = { a: { b: 1, c: 2 }, d: 3, e: increment(1), f: increment(1) };
      const write = setWrite(ref, data, { mergeFields: ["a.b", "e"] });
      expect(write.updateMask).toEqual({ fieldPaths: ["a.b", "e"] });
      expect(write.update?.fields).toEqual({
        a: { mapValue: { fields: { b: { integerValue: "1" } } } },
      });
      expect(write.updateTransforms).toEqual([
        { fieldPath: "e", increment: { integerValue: "1" } },
      ]);
    });

    it("refuse a path missing from the data", () => {
      expect(() => setWrite(ref, { a: 1 }, { mergeFields: ["b"] })).toThrow(
        "'b' is in mergeFields but missing from the data",
      );
    });
  });

  it("refuse deleteField() without merge", () => {
    expect(() => setWrite(ref, { a: deleteField() })).toThrow(/deleteField\(\) can only be used/);
  });
});

describe("updateDoc writes", () => {
  it("read keys as dotted paths, mask each key, and require the document to exist", () => {
    const write = updateWrite(ref, {
      "address.city": "Paris",
      nickname: deleteField(),
      visits: increment(1.5),
      tags: arrayUnion("a", 1),
      old: arrayRemove("x"),
    });
    expect(write).toEqual({
      update: {
        name: "users/ada",
        fields: { address: { mapValue: { fields: { city: { stringValue: "Paris" } } } } },
      },
      updateMask: { fieldPaths: ["address.city", "nickname"] },
      updateTransforms: [
        { fieldPath: "visits", increment: { doubleValue: 1.5 } },
        {
          fieldPath: "tags",
          appendMissingElements: { values: [{ stringValue: "a" }, { integerValue: "1" }] },
        },
        { fieldPath: "old", removeAllFromArray: { values: [{ stringValue: "x" }] } },
      ],
      currentDocument: { exists: true },
    });
  });

  it("place a transform nested in a value at its full path", () => {
    const write = updateWrite(ref, { stats: { seen: serverTimestamp(), n: 1 } });
    expect(write.updateMask).toEqual({ fieldPaths: ["stats"] });
    expect(write.updateTransforms).toEqual([
      { fieldPath: "stats.seen", setToServerValue: "REQUEST_TIME" },
    ]);
  });

  it("refuse conflicting paths and a nested deleteField()", () => {
    expect(() => updateWrite(ref, { a: 1, "a.b": 2 })).toThrow("conflicts with field 'a'");
    expect(() => updateWrite(ref, { a: { b: deleteField() } })).toThrow(/top level/);
  });

  it("name the path of an undefined value", () => {
    expect(() => updateWrite(ref, { "profile.age": undefined })).toThrow(
      "(found in field profile.age)",
    );
  });
});
