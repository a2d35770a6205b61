import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, retryDelayMs } from "./retry-policy.js";

describe("retryDelayMs", () => {
  it("waits 10 s after the first failure and doubles after each further one", () => {
    const delays = [1, 2, 3, 4, 5].map((n) => retryDelayMs(DEFAULT_RETRY_POLICY, n));
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it("never waits longer than an hour", () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 12)).toBe(3_600_000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 5_000)).toBe(3_600_000);
  });

  it("gives up within about an hour and a half with the default policy", () => {
    const waits = Array.from({ length: DEFAULT_RETRY_POLICY.maxAttempts - 1 }, (_, i) =>
      retryDelayMs(DEFAULT_RETRY_POLICY, i + 1),
    );
    expect(waits.reduce((a, b) => a + b, 0)).toBe(5_110_000);
  });
});
