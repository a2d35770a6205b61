import { describe, expect, it } from "vitest";
import {
  applyTransform,
  arrayRemove,
  arrayUnion,
  increment,
  maximum,
  minimum,
  serverTimestamp,
} from "./transforms.js";
import { INT64_MAX, INT64_MIN, type DocValue } from "./value.js";

const NULL: DocValue = { type: "null" };
const int = (value: bigint): DocValue => ({ type: "integer", value });
const dbl = (value: number): DocValue => ({ type: "double", value });
const str = (value: string): DocValue => ({ type: "string", value });
const arr = (...values: DocValue[]): DocValue => ({ type: "array", values });
const context = { requestTime: { seconds: 1714564800n, nanos: 123_456_000 } };

describe("field transforms", () => {
  it("serverTimestamp writes the request time, whatever was there", () => {
    expect(applyTransform(str("x"), serverTimestamp(), context)).toEqual({
      type: "timestamp",
      seconds: 1714564800n,
      nanos: 123_456_000,
    });
    expect(() => applyTransform(undefined, serverTimestamp())).toThrow(TypeError);
  });

  describe("increment", () => {
    it("makes integer operands from safe integers and doubles from the rest", () => {
      expect(increment(2)).toEqual({ kind: "increment", operand: int(2n) });
      expect(increment(2n ** 60n)).toEqual({ kind: "increment", operand: int(2n ** 60n) });
      expect(increment(0.5)).toEqual({ kind: "increment", operand: dbl(0.5) });
      expect(increment(-0)).toEqual({ kind: "increment", operand: dbl(-0) });
    });

    it.each<[string, DocValue | undefined, DocValue, DocValue]>([
      ["integer + integer stays an integer", int(40n), int(2n), int(42n)],
      ["integer + double is a double", int(1n), dbl(0.5), dbl(1.5)],
      ["double + integer is a double", dbl(0.25), int(1n), dbl(1.25)],
      ["double + double", dbl(0.1), dbl(0.2), dbl(0.1 + 0.2)],
      ["saturates at the int64 maximum", int(INT64_MAX - 1n), int(5n), int(INT64_MAX)],
      ["saturates at the int64 minimum", int(INT64_MIN + 1n), int(-5n), int(INT64_MIN)],
      ["keeps large integers exact", int(2n ** 53n), int(1n), int(2n ** 53n + 1n)],
      ["a missing field becomes the operand", undefined, int(3n), int(3n)],
      ["a string becomes the operand", str("7"), dbl(1.5), dbl(1.5)],
      ["null becomes the operand", NULL, int(-1n), int(-1n)],
      ["NaN stays NaN", dbl(NaN), int(1n), dbl(NaN)],
    ])("%s", (_name, current, operand, result) => {
      expect(applyTransform(current, { kind: "increment", operand })).toEqual(result);
    });

    it("rejects a non-numeric operand, naming the field", () => {
      expect(() =>
        applyTransform(int(1n), { kind: "increment", operand: str("1") }, {}, "stats.views"),
      ).toThrow("invalid increment at stats.views: the operand must be an integer or a double");
    });
  });

  describe("maximum and minimum", () => {
    it.each<[string, DocValue | undefined, "maximum" | "minimum", DocValue, DocValue]>([
      ["maximum takes the larger", int(3n), "maximum", int(5n), int(5n)],
      ["maximum keeps the larger stored value", int(7n), "maximum", dbl(5.5), int(7n)],
      ["maximum keeps the stored value on a tie", int(3n), "maximum", dbl(3), int(3n)],
      ["maximum keeps a stored -0 against 0", dbl(-0), "maximum", int(0n), dbl(-0)],
      ["maximum with NaN is NaN", int(3n), "maximum", dbl(NaN), dbl(NaN)],
      ["minimum takes the smaller", dbl(2.5), "minimum", int(2n), int(2n)],
      ["minimum of stored NaN is NaN", dbl(NaN), "minimum", int(2n), dbl(NaN)],
      ["a missing field becomes the operand", undefined, "minimum", int(9n), int(9n)],
      ["a non-number becomes the operand", str("x"), "maximum", int(9n), int(9n)],
    ])("%s", (_name, current, kind, operand, result) => {
      expect(applyTransform(current, { kind, operand })).toEqual(result);
    });

    it("build their operands like increment", () => {
      expect(maximum(1)).toEqual({ kind: "maximum", operand: int(1n) });
      expect(minimum(1.5)).toEqual({ kind: "minimum", operand: dbl(1.5) });
    });
  });

  describe("arrayUnion", () => {
    it("appends missing elements in order, treating 1 and 1.0 as equal", () => {
      const current = arr(int(1n), str("a"));
      const union = arrayUnion([dbl(1), str("b"), int(2n), dbl(2), str("b")]);
      expect(applyTransform(current, union)).toEqual(arr(int(1n), str("a"), str("b"), int(2n)));
    });

    it("keeps existing duplicates, and matches NaN and null", () => {
      const current = arr(NULL, NULL, dbl(NaN));
      expect(applyTransform(current, arrayUnion([NULL, dbl(NaN)]))).toEqual(current);
    });

    it("starts from [] for a missing or non-array field", () => {
      expect(applyTransform(undefined, arrayUnion([int(1n), int(1n)]))).toEqual(arr(int(1n)));
      expect(applyTransform(str("x"), arrayUnion([str("x")]))).toEqual(arr(str("x")));
    });

    it("rejects an array element", () => {
      expect(() => applyTransform(undefined, arrayUnion([arr()]), {}, "tags")).toThrow(
        "invalid arrayUnion at tags: an array cannot directly contain an array",
      );
    });
  });

  describe("arrayRemove", () => {
    it("removes every equal element, integers and doubles alike", () => {
      const current = arr(int(1n), dbl(1), str("a"), int(2n), dbl(1), dbl(NaN));
      expect(applyTransform(current, arrayRemove([int(1n), dbl(NaN)]))).toEqual(
        arr(str("a"), int(2n)),
      );
    });

    it("leaves a missing or non-array field as []", () => {
      expect(applyTransform(undefined, arrayRemove([int(1n)]))).toEqual(arr());
      expect(applyTransform(int(1n), arrayRemove([int(1n)]))).toEqual(arr());
    });

    it("does not change the array it was given", () => {
      const current = arr(int(1n), int(2n));
      applyTransform(current, arrayRemove([int(1n)]));
      applyTransform(current, arrayUnion([int(3n)]));
      expect(current).toEqual(arr(int(1n), int(2n)));
    });
  });
});
