import { afterEach, describe, expect, it, vi } from "vitest";
import { startHousekeeping } from "./housekeeping.js";

describe("housekeeping", () => {
  afterEach(() => vi.useRealTimers());

  it("runs every task each period, logs a failure by name only, and stops", async () => {
    vi.useFakeTimers();
    const ran: string[] = [];
    const warnings: string[] = [];
    const stop = startHousekeeping(
      [
        { name: "a", run: async () => ran.push("a") },
        { name: "b", run: () => Promise.reject(new Error("row with secret token")) },
        { name: "c", run: async () => ran.push("c") },
      ],
      (m) => warnings.push(m),
      1_000,
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(["a", "c"]);
    expect(warnings).toEqual(["housekeeping: b failed; retrying later"]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ran).toEqual(["a", "c", "a", "c"]);
    stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ran).toHaveLength(4);
  });
});
