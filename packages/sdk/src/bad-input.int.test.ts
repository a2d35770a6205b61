// Bad writes through the SDK over HTTP: invalid paths, unsupported values and documents over
// 1 MiB. Each is refused with invalid-argument and a message naming what is wrong — by the SDK
// before sending anything (status 0) or by the runtime (status 400) — and nothing is written.
import { beforeAll, describe, expect, it } from "vitest";
import {
  ALLOW_ALL_RULES,
  countOf,
  countingFetch,
  failure,
  useTestClient,
} from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  deleteField,
  getDoc,
  increment,
  serverTimestamp,
  setDoc,
  updateDoc,
  writeBatch,
  type DocumentData,
} from "./index.js";

describe("bad input against a real runtime", () => {
  const runtime = useTestRuntime("sdk-bad-input", ALLOW_ALL_RULES);
  /** Commits the SDK sent: a refusal by the SDK sends none. */
  const commits = countingFetch("documents:commit");
  const client = useTestClient(runtime, { fetch: commits.fetch });
  const count = (collection: string) => countOf(client.current.db.collection(collection));

  beforeAll(async () => {
    await setDoc(client.current.db.doc("items/keep"), { n: 1, tags: ["a"] });
  });

  describe("invalid paths", () => {
    it("are refused by the SDK when the shape is wrong", () => {
      const { db } = client.current;
      expect(() => db.doc("items")).toThrow(
        'invalid document path "items": a document path has an even number of segments, this one has 1',
      );
      expect(() => db.doc("items//x")).toThrow(
        'invalid document path "items//x": a segment is empty',
      );
      expect(() => db.doc("items/../items/keep")).toThrow('a segment is ".."');
      expect(() => db.collection("items/keep")).toThrow("a collection path has an odd number");
      expect(() => db.collectionGroup("a/b")).toThrow(
        'collectionGroup(): "a/b" is not a collection id',
      );
    });

    it.each([
      ["a reserved id", "items/__x__", "segment 2 is invalid: ids matching __.*__ are reserved"],
      ["an id over 1,500 bytes", `items/${"é".repeat(751)}`, "it is 1502 bytes; the limit is 1500"],
      [
        "a reserved collection id",
        "__c__/x",
        "segment 1 is invalid: ids matching __.*__ are reserved",
      ],
    ])("are refused by the runtime for %s, on writes and reads", async (_, path, rule) => {
      const before = commits.count;
      const write = await failure(setDoc(client.current.db.doc(path), { a: 1 }));
      expect(write).toMatchObject({ code: "invalid-argument", status: 400 });
      expect(write.message).toContain(`writes[0].update.name: invalid document path`);
      expect(write.message).toContain(rule);
      expect(commits.count).toBe(before + 1);
      const get = await failure(getDoc(client.current.db.doc(path)));
      expect(get).toMatchObject({ code: "invalid-argument", status: 400 });
      expect(get.message).toContain(rule);
      expect(await count("items")).toBe(1);
    });
  });

  describe("unsupported values", () => {
    class Money {}
    it.each<[string, DocumentData, string]>([
      [
        "undefined",
        { a: { city: undefined } },
        "Unsupported field value: undefined (found in field a.city)",
      ],
      ["a function", { f: () => 1 }, "Unsupported field value: a function (found in field f)"],
      [
        "a class instance",
        { m: new Money() },
        "Unsupported field value: a custom Money object (found in field m)",
      ],
      [
        "a Map",
        { m: new Map() },
        "Unsupported field value: a custom Map object (found in field m)",
      ],
      ["a symbol", { s: Symbol("s") }, "Unsupported field value: a symbol (found in field s)"],
      [
        "a nested array",
        { list: [1, [2]] },
        "Nested arrays are not supported (found in field list[1])",
      ],
      [
        "a bigint over int64",
        { big: 2n ** 63n },
        "9223372036854775808 is outside the 64-bit integer range (found in field big)",
      ],
      ["an invalid Date", { at: new Date("nope") }, "the Date is invalid (found in field at)"],
      [
        "a Date after 9999",
        { at: new Date("+010000-01-01T00:00:00Z") },
        "the Date +010000-01-01T00:00:00.000Z is outside 0001-01-01..9999-12-31 (found in field at)",
      ],
      [
        "an empty field name",
        { m: { "": 1 } },
        "a field name must not be empty (found in field m.)",
      ],
      [
        "a FieldValue in an array",
        { list: [serverTimestamp()] },
        "serverTimestamp() is not supported inside arrays (found in field list[0])",
      ],
      [
        "deleteField() without merge",
        { x: deleteField() },
        "deleteField() can only be used with update() and set() with {merge:true} (found in field x)",
      ],
    ])("refuses %s in the SDK, sending nothing", async (_, data, message) => {
      const before = commits.count;
      const e = await failure(setDoc(client.current.db.doc("items/bad"), data));
      expect(e).toMatchObject({ code: "invalid-argument", status: 0 });
      expect(e.message).toBe(`Function setDoc() called with invalid data. ${message}`);
      expect(commits.count).toBe(before);
    });

    it("refuses conflicting update paths and a non-numeric increment in the SDK", async () => {
      const keep = client.current.db.doc("items/keep");
      const e = await failure(updateDoc(keep, { "a.b": 1, a: 2 }));
      expect(e).toMatchObject({ code: "invalid-argument", status: 0 });
      expect(e.message).toBe("updateDoc(): field 'a' conflicts with field 'a.b'");
      const inc = await failure(updateDoc(keep, { n: increment("1" as never) }));
      expect(inc.message).toBe("increment() needs a number or a bigint (found in field n)");
      expect((await getDoc(keep)).data()).toEqual({ n: 1, tags: ["a"] });
    });

    it.each<[string, DocumentData, string]>([
      [
        "a reserved field name",
        { a: { __b__: 1 } },
        "invalid field name at a.__b__: names matching __.*__ are reserved",
      ],
      [
        "a field name over 1,500 bytes",
        { ["k".repeat(1501)]: 1 },
        "the name is 1501 bytes; the limit is 1500",
      ],
      [
        "a lone surrogate",
        { s: "a\uD800b" },
        "invalid stringValue at s: the string is not valid Unicode (lone surrogate)",
      ],
      [
        "maps nested 30 deep",
        { deep: nest(30) },
        "maps and arrays may be nested at most 20 levels deep",
      ],
    ])("refuses %s in the runtime, writing nothing", async (_, data, message) => {
      const keep = client.current.db.doc("items/keep");
      const e = await failure(updateDoc(keep, { n: 2, ...data }));
      expect(e).toMatchObject({ code: "invalid-argument", status: 400 });
      expect(e.message).toContain("writes[0].update.fields");
      expect(e.message).toContain(message);
      expect((await getDoc(keep)).data()).toEqual({ n: 1, tags: ["a"] });
      expect(await count("items")).toBe(1);
    });
  });

  describe("documents over 1 MiB", () => {
    // Firestore's storage size of sizes/big with one field s holding a string of L characters:
    // name (6 + 4 + 16) + field name (1 + 1) + string (L + 1) + 32 = L + 61 bytes.
    const LIMIT = 1_048_576;
    const fits = "x".repeat(LIMIT - 61);
    const tooBig = "x".repeat(LIMIT - 61 + 1);
    const tooLarge = (bytes: number) =>
      `document sizes/big is too large: its storage size is ${bytes} bytes and the limit is ${LIMIT} bytes`;

    it("refuses a document one byte over, writing nothing", async () => {
      const ref = client.current.db.doc("sizes/big");
      const e = await failure(setDoc(ref, { s: tooBig }));
      expect(e).toMatchObject({
        code: "invalid-argument",
        status: 400,
        message: tooLarge(LIMIT + 1),
      });
      expect((await getDoc(ref)).exists()).toBe(false);
    });

    it("accepts exactly 1 MiB, then refuses an update that grows it", async () => {
      const ref = client.current.db.doc("sizes/big");
      await setDoc(ref, { s: fits });
      expect(((await getDoc(ref)).get("s") as string).length).toBe(fits.length);
      // A field t holding true adds (1 + 1) + 1 bytes.
      const e = await failure(updateDoc(ref, { t: true }));
      expect(e).toMatchObject({ code: "invalid-argument", message: tooLarge(LIMIT + 3) });
      expect((await getDoc(ref)).get("t")).toBeUndefined();
    });

    it("refuses a batch holding one oversized document, writing none of it", async () => {
      const batch = writeBatch(client.current.db)
        .set(client.current.db.doc("sizes/small"), { s: "fine" })
        .set(client.current.db.doc("sizes/big"), { s: tooBig });
      const e = await failure(batch.commit());
      expect(e).toMatchObject({ code: "invalid-argument", message: tooLarge(LIMIT + 1) });
      expect((await getDoc(client.current.db.doc("sizes/small"))).exists()).toBe(false);
      expect(((await getDoc(client.current.db.doc("sizes/big"))).get("s") as string).length).toBe(
        fits.length,
      );
    });
  });
});

/** Maps nested `depth` levels: { l: { l: … { leaf: true } } }. */
function nest(depth: number): DocumentData {
  let value: DocumentData = { leaf: true };
  for (let i = 1; i < depth; i++) value = { l: value };
  return value;
}
