// Writes through the SDK over HTTP, with Firestore's semantics: set replaces, set with merge
// touches only the leaves it names, update takes dot-paths and replaces what they name, and
// the transforms (serverTimestamp, increment, arrayUnion, arrayRemove, deleteField) apply to
// whatever the field holds, or does not hold, at commit time.
import { describe, expect, it } from "vitest";
import { ALLOW_ALL_RULES, useTestClient } from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  Timestamp,
  arrayRemove,
  arrayUnion,
  deleteDoc,
  deleteField,
  getDoc,
  increment,
  serverTimestamp,
  setDoc,
  updateDoc,
  writeBatch,
  type DocumentData,
  type DocumentReference,
} from "./index.js";

describe("writes against a real runtime", () => {
  const runtime = useTestRuntime("sdk-writes", ALLOW_ALL_RULES);
  const client = useTestClient(runtime);
  let n = 0;
  /** A new document holding `data`. */
  async function docWith(data: DocumentData): Promise<DocumentReference> {
    const ref = client.current.db.doc(`docs/d${++n}`);
    await setDoc(ref, data);
    return ref;
  }
  const read = async (ref: DocumentReference) => (await getDoc(ref)).data();

  describe("set", () => {
    it("replaces the whole document", async () => {
      const ref = await docWith({ a: 1, b: { c: 2 } });
      await setDoc(ref, { d: 3 });
      expect(await read(ref)).toEqual({ d: 3 });
    });

    it("with merge sets only the leaves given, keeping their siblings", async () => {
      const ref = await docWith({ name: "Ada", address: { city: "London", zip: "N1" }, x: 1 });
      await setDoc(ref, { address: { city: "Paris" }, age: 36 }, { merge: true });
      expect(await read(ref)).toEqual({
        name: "Ada",
        address: { city: "Paris", zip: "N1" },
        x: 1,
        age: 36,
      });
      // An empty map is a leaf: it replaces the field.
      await setDoc(ref, { address: {}, x: deleteField() }, { merge: true });
      expect(await read(ref)).toEqual({ name: "Ada", address: {}, age: 36 });
    });

    it("with merge creates a missing document and deletes nested fields", async () => {
      const ref = client.current.db.doc("docs/merged-new");
      await setDoc(ref, { a: { b: 1, c: 2 } }, { merge: true });
      await setDoc(ref, { a: { b: deleteField() } }, { merge: true });
      expect(await read(ref)).toEqual({ a: { c: 2 } });
    });

    it("with mergeFields writes only the named paths", async () => {
      const ref = await docWith({ a: 1, b: { c: 2, d: 3 } });
      await setDoc(ref, { a: 9, b: { c: 8, d: 7 }, e: 6 }, { mergeFields: ["b.c", "e"] });
      expect(await read(ref)).toEqual({ a: 1, b: { c: 8, d: 3 }, e: 6 });
    });
  });

  describe("update", () => {
    it("sets dot-paths, creating the maps on the way", async () => {
      const ref = await docWith({ a: { keep: true } });
      await updateDoc(ref, { "a.b.c": 1, "x.y": "z" });
      expect(await read(ref)).toEqual({ a: { keep: true, b: { c: 1 } }, x: { y: "z" } });
    });

    it("replaces a map given whole, and deletes dot-paths with deleteField()", async () => {
      const ref = await docWith({ a: { b: 1, c: 2 }, d: { e: 1, f: 2 }, g: 1 });
      await updateDoc(ref, { a: { z: 0 }, "d.e": deleteField(), g: deleteField() });
      expect(await read(ref)).toEqual({ a: { z: 0 }, d: { f: 2 } });
    });

    it("refuses a missing document, writing nothing", async () => {
      const ref = client.current.db.doc("docs/never");
      const e = await updateDoc(ref, { a: 1 }).catch((x: unknown) => x);
      expect(e).toMatchObject({
        code: "not-found",
        status: 404,
        message: "no document at docs/never",
      });
      expect((await getDoc(ref)).exists()).toBe(false);
    });
  });

  describe("delete", () => {
    it("succeeds on a missing document, and leaves subcollections alone", async () => {
      await deleteDoc(client.current.db.doc("docs/not-there"));
      const parent = await docWith({ a: 1 });
      const child = parent.collection("children").doc("c1");
      await setDoc(child, { b: 2 });
      await deleteDoc(parent);
      expect((await getDoc(parent)).exists()).toBe(false);
      expect(await read(child)).toEqual({ b: 2 });
    });
  });

  describe("transforms", () => {
    it("increment adds, turning integers into doubles when a double is added", async () => {
      const ref = await docWith({ int: 1, double: 1.5, big: 2n ** 60n, neg: 5 });
      await updateDoc(ref, {
        int: increment(0.5),
        double: increment(1),
        big: increment(1),
        neg: increment(-7),
      });
      expect(await read(ref)).toEqual({ int: 1.5, double: 2.5, big: 2n ** 60n + 1n, neg: -2 });
    });

    it("increment saturates at the 64-bit integer limits", async () => {
      const ref = await docWith({ max: 2n ** 63n - 1n, min: -(2n ** 63n) });
      await updateDoc(ref, { max: increment(1), min: increment(-1) });
      expect(await read(ref)).toEqual({ max: 2n ** 63n - 1n, min: -(2n ** 63n) });
    });

    it("increment sets the operand on a missing or non-numeric field", async () => {
      const ref = await docWith({ text: "seven" });
      await updateDoc(ref, { text: increment(7), missing: increment(2), "m.n": increment(3) });
      expect(await read(ref)).toEqual({ text: 7, missing: 2, m: { n: 3 } });
      const created = client.current.db.doc("docs/counter");
      await setDoc(created, { hits: increment(1) }, { merge: true });
      expect(await read(created)).toEqual({ hits: 1 });
    });

    it("arrayUnion appends only the elements missing, maps compared by value", async () => {
      const ref = await docWith({ tags: ["a", { k: 1 }], text: "x" });
      await updateDoc(ref, {
        tags: arrayUnion("b", { k: 1 }, "a", "b"),
        text: arrayUnion(1, 1),
        none: arrayUnion("new"),
      });
      expect(await read(ref)).toEqual({ tags: ["a", { k: 1 }, "b"], text: [1], none: ["new"] });
    });

    it("arrayRemove removes every instance, and empties a missing or non-array field", async () => {
      const ref = await docWith({ tags: ["a", "b", "a", { k: 1 }, "c"], text: "x" });
      await updateDoc(ref, {
        tags: arrayRemove("a", { k: 1 }, "zzz"),
        text: arrayRemove("x"),
        none: arrayRemove("y"),
      });
      expect(await read(ref)).toEqual({ tags: ["b", "c"], text: [], none: [] });
    });

    it("serverTimestamp is the commit time, the same for every write of a batch", async () => {
      const a = client.current.db.doc("docs/stamped-a");
      const b = client.current.db.doc("docs/stamped-b");
      await writeBatch(client.current.db)
        .set(a, { at: serverTimestamp(), nested: { at: serverTimestamp() } })
        .set(b, { at: serverTimestamp() }, { merge: true })
        .commit();
      const [snapA, snapB] = await Promise.all([getDoc(a), getDoc(b)]);
      const at = snapA.get("at") as Timestamp;
      expect(at).toBeInstanceOf(Timestamp);
      expect(at.isEqual(snapA.updateTime!)).toBe(true);
      expect((snapA.get("nested.at") as Timestamp).isEqual(at)).toBe(true);
      expect((snapB.get("at") as Timestamp).isEqual(at)).toBe(true);
    });
  });
});
