// Typed values at their edges, written with the SDK and read back over HTTP: what goes in comes
// back with the same type and value (sdk.int.test.ts covers one value of each type).
import { describe, expect, it } from "vitest";
import { ALLOW_ALL_RULES, useTestClient } from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  GeoPoint,
  Timestamp,
  getDoc,
  getDocs,
  query,
  setDoc,
  where,
  type DocumentData,
} from "./index.js";

describe("values against a real runtime", () => {
  const runtime = useTestRuntime("sdk-values", ALLOW_ALL_RULES);
  const client = useTestClient(runtime);
  let n = 0;
  /** Writes `data` to a new document and reads it back. */
  async function roundTrip(data: DocumentData): Promise<DocumentData> {
    const ref = client.current.db.doc(`values/v${++n}`);
    await setDoc(ref, data);
    return (await getDoc(ref)).data()!;
  }

  describe("numbers", () => {
    it("keeps 64-bit integers exact, as numbers while safe and bigints beyond", async () => {
      const data = {
        max: 2n ** 63n - 1n,
        min: -(2n ** 63n),
        safe: Number.MAX_SAFE_INTEGER,
        negativeSafe: Number.MIN_SAFE_INTEGER,
        justUnsafe: 2n ** 53n + 1n,
        zero: 0,
      };
      expect(await roundTrip(data)).toEqual({ ...data, zero: 0 });
    });

    it("keeps doubles bit for bit, including the extremes and non-finite ones", async () => {
      const data = {
        tiny: Number.MIN_VALUE,
        huge: Number.MAX_VALUE,
        third: 1 / 3,
        unsafeWhole: 2 ** 53,
        plusInfinity: Infinity,
        minusInfinity: -Infinity,
        nan: NaN,
      };
      expect(await roundTrip(data)).toEqual(data);
    });

    it("keeps the sign of -0", async () => {
      expect(Object.is((await roundTrip({ z: -0 })).z, -0)).toBe(true);
    });
  });

  describe("strings and bytes", () => {
    it("keeps every Unicode string, empty ones and astral characters included", async () => {
      const data = {
        empty: "",
        accents: "Ünïcödé",
        emoji: "👩‍💻🏳️‍🌈",
        scripts: "日本語 עברית العربية",
        controls: 'tab\tnewline\nquote"backslash\\',
        long: "x".repeat(100_000),
      };
      expect(await roundTrip(data)).toEqual(data);
    });

    // Firestore strings are any valid UTF-8; U+0000 is one, though jsonb cannot hold it: the
    // runtime stores such strings escaped.
    it("keeps a string containing U+0000", async () => {
      expect(await roundTrip({ nul: "a\u0000b" })).toEqual({ nul: "a\u0000b" });
    });

    it("keeps bytes, empty and all 256 values", async () => {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      const data = { empty: new Uint8Array(0), all };
      expect(await roundTrip(data)).toEqual(data);
    });
  });

  describe("timestamps, geopoints and references", () => {
    it("keeps timestamps from year 1 to year 9999 to the nanosecond", async () => {
      const data = {
        first: new Timestamp(-62_135_596_800, 0),
        last: new Timestamp(253_402_300_799, 999_999_999),
        beforeEpoch: new Timestamp(-1, 999_999_999),
        nanos: new Timestamp(1_700_000_000, 1),
      };
      expect(await roundTrip(data)).toEqual(data);
    });

    it("keeps geopoints at the poles and the antimeridian", async () => {
      const data = {
        north: new GeoPoint(90, 180),
        south: new GeoPoint(-90, -180),
        origin: new GeoPoint(0, 0),
        fine: new GeoPoint(48.858370123, 2.294481456),
      };
      expect(await roundTrip(data)).toEqual(data);
    });

    it("keeps references to nested documents, which queries can match", async () => {
      const target = client.current.db.doc("users/ada/posts/p1");
      const back = await roundTrip({ ref: target, refs: [target, client.current.db.doc("a/b")] });
      expect(back.ref.path).toBe("users/ada/posts/p1");
      expect(back.refs.map((r: { path: string }) => r.path)).toEqual(["users/ada/posts/p1", "a/b"]);
      const found = await getDocs(
        query(client.current.db.collection("values"), where("ref", "==", target)),
      );
      expect(found.docs.map((d) => d.get("ref").path)).toEqual(["users/ada/posts/p1"]);
    });
  });

  describe("arrays and maps", () => {
    it("keeps field names that are not identifiers, and empty and nested containers", async () => {
      const data = {
        "dotted.key": 1,
        "with space": 2,
        "back`tick": 3,
        ünï: 4,
        "123": 5,
        nested: { "a.b": { inner: "v" }, list: [{ m: [1, { deep: true }] }] },
        empty: { map: {}, list: [] },
      };
      expect(await roundTrip(data)).toEqual(data);
    });

    it("keeps maps nested 15 levels deep", async () => {
      let deep: DocumentData = { leaf: true };
      for (let i = 0; i < 14; i++) deep = { [`l${i}`]: deep };
      expect(await roundTrip({ deep })).toEqual({ deep });
    });
  });
});
