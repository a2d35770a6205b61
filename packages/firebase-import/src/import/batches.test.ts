import { describe, expect, it } from "vitest";
import { batches } from "./batches.js";

describe("batches", () => {
  it("cuts by count", () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...batches([], 2)]).toEqual([]);
  });

  it("cuts by the size of the JSON, and never leaves a large item alone out", () => {
    const big = "x".repeat(60);
    // Each item is 62 bytes of JSON: two fit under 130, a third does not.
    expect([...batches([big, big, big, big, big], 500, 130)].map((b) => b.length)).toEqual([
      2, 2, 1,
    ]);
    // An item larger than the limit still goes, alone: the runtime says if it is too large.
    expect([...batches(["y".repeat(200), "z"], 500, 130)].map((b) => b.length)).toEqual([1, 1]);
  });
});
