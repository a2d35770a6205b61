import { describe, expect, it } from "vitest";
import { fakeFetch, PROJECT, URL_BASE } from "../../test/fake-fetch.js";
import { thrown } from "../../test/thrown.js";
import { createClient } from "../client.js";
import { fromWireValue } from "./decode.js";
import { encodeFields, toWireValue } from "./encode.js";
import { serverTimestamp } from "./field-value.js";
import { GeoPoint, Timestamp, parseTimestamp } from "./value-types.js";

const { db } = createClient({
  url: URL_BASE,
  project: PROJECT,
  fetch: fakeFetch(() => ({})).fetch,
});
const roundTrip = (v: unknown) => fromWireValue(toWireValue(v), db);

describe("the value codec", () => {
  describe("numbers", () => {
    it("sends safe integers as integerValue strings and everything else as doubleValue", () => {
      expect(toWireValue(42)).toEqual({ integerValue: "42" });
      expect(toWireValue(-7)).toEqual({ integerValue: "-7" });
      expect(toWireValue(1.5)).toEqual({ doubleValue: 1.5 });
      expect(toWireValue(2 ** 53)).toEqual({ doubleValue: 2 ** 53 });
      expect(toWireValue(-0)).toEqual({ doubleValue: "-0" });
      expect(toWireValue(NaN)).toEqual({ doubleValue: "NaN" });
      expect(toWireValue(-Infinity)).toEqual({ doubleValue: "-Infinity" });
    });

    it("sends bigints as 64-bit integers and refuses those outside the range", () => {
      expect(toWireValue(2n ** 63n - 1n)).toEqual({ integerValue: "9223372036854775807" });
      expect(thrown(() => toWireValue(2n ** 63n)).message).toContain("64-bit integer range");
    });

    it("reads integers back as numbers when safe and as bigints beyond 2^53", () => {
      expect(roundTrip(42)).toBe(42);
      expect(roundTrip(2n ** 53n + 1n)).toBe(2n ** 53n + 1n);
      expect(roundTrip(5n)).toBe(5);
      expect(fromWireValue({ doubleValue: "Infinity" }, db)).toBe(Infinity);
      expect(Number.isNaN(roundTrip(NaN))).toBe(true);
      expect(Object.is(roundTrip(-0), -0)).toBe(true);
    });

    it("keeps the sign of -0 through JSON, which writes the number -0 as 0", () => {
      const sent = JSON.parse(JSON.stringify(toWireValue(-0))) as ReturnType<typeof toWireValue>;
      expect(Object.is(fromWireValue(sent, db), -0)).toBe(true);
    });
  });

  it("round-trips every value type", () => {
    const value = {
      s: "héllo",
      n: 1,
      d: 0.25,
      b: true,
      z: null,
      at: new Timestamp(1714564800, 123456789),
      bytes: new Uint8Array([0, 1, 254, 255]),
      geo: new GeoPoint(48.85, 2.29),
      ref: db.doc("users/ada"),
      list: [1, "two", { three: 3 }],
      map: { nested: { deep: [] }, empty: {} },
    };
    const back = roundTrip(value) as Record<string, unknown>;
    expect(back).toEqual({ ...value, ref: expect.anything() });
    expect((back.ref as typeof value.ref).isEqual(value.ref)).toBe(true);
    expect(back.at).toBeInstanceOf(Timestamp);
    expect(back.bytes).toBeInstanceOf(Uint8Array);
  });

  it("writes references as full document names", () => {
    expect(toWireValue(db.doc("users/ada"))).toEqual({
      referenceValue: `projects/${PROJECT}/databases/(default)/documents/users/ada`,
    });
  });

  it("writes a Date as a timestamp and reads it back as a Timestamp", () => {
    const date = new Date("2024-05-01T12:00:00.120Z");
    expect(toWireValue(date)).toEqual({ timestampValue: "2024-05-01T12:00:00.120000000Z" });
    expect((roundTrip(date) as Timestamp).toDate()).toEqual(date);
  });

  it("keeps a field named __proto__ an ordinary field", () => {
    const data = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    const back = roundTrip(data) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toEqual({ x: 1 });
  });

  describe("when a value has no encoding", () => {
    it("rejects undefined, naming the field path as Firebase does", () => {
      const e = thrown(() =>
        encodeFields({ address: { city: undefined } }, { method: "setDoc()" }),
      );
      expect(e.code).toBe("invalid-argument");
      expect(e.status).toBe(0);
      expect(e.message).toBe(
        "Function setDoc() called with invalid data. Unsupported field value: undefined (found in field address.city)",
      );
      expect(e.details).toEqual({ fieldPath: "address.city" });
    });

    it("names array elements by index", () => {
      const e = thrown(() => encodeFields({ tags: ["a", undefined] }, { method: "setDoc()" }));
      expect(e.message).toContain("(found in field tags[1])");
    });

    it("rejects a Date outside Firestore's years 1..9999, naming the field path", () => {
      const e = thrown(() =>
        encodeFields(
          { event: { at: new Date("+010000-01-01T00:00:00Z") } },
          { method: "setDoc()" },
        ),
      );
      expect(e.message).toBe(
        "Function setDoc() called with invalid data. the Date +010000-01-01T00:00:00.000Z is outside 0001-01-01..9999-12-31 (found in field event.at)",
      );
      expect(e.details).toEqual({ fieldPath: "event.at" });
    });

    it("rejects class instances, functions, nested arrays and FieldValues outside writes", () => {
      class Money {}
      const bad = (v: unknown) => thrown(() => toWireValue({ v })).message;
      expect(bad(new Money())).toContain("a custom Money object");
      expect(bad(() => 1)).toContain("a function");
      expect(bad([[1]])).toContain("Nested arrays are not supported");
      expect(bad(serverTimestamp())).toContain("serverTimestamp() cannot be used here");
    });
  });
});

describe("Timestamp", () => {
  it("converts from and to Date and milliseconds", () => {
    const t = Timestamp.fromDate(new Date("1969-12-31T23:59:59.500Z"));
    expect([t.seconds, t.nanoseconds]).toEqual([-1, 500_000_000]);
    expect(t.toMillis()).toBe(-500);
    expect(Timestamp.fromMillis(1.5).nanoseconds).toBe(1_500_000);
  });

  it("parses RFC 3339 with offsets, nine fraction digits and years before 100", () => {
    expect(parseTimestamp("2024-05-01T14:00:00.000000001+02:00")).toEqual(
      new Timestamp(1714564800, 1),
    );
    expect(parseTimestamp("0050-01-01T00:00:00Z").toDate().getUTCFullYear()).toBe(50);
  });

  it("compares with < and > in time order", () => {
    expect(new Timestamp(-5, 0) < new Timestamp(1, 0)).toBe(true);
    expect(new Timestamp(1, 2) > new Timestamp(1, 1)).toBe(true);
  });

  it("refuses nanoseconds out of range", () => {
    expect(thrown(() => new Timestamp(0, 1e9)).code).toBe("invalid-argument");
  });
});
