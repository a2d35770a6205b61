import { beforeEach, describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "./rate-limit.memory.js";
import { ManualClock } from "./testing/memory-auth.js";
import { describeRateLimiter } from "./testing/store-conformance.js";

describeRateLimiter("MemoryRateLimiter", (clock) => new MemoryRateLimiter(clock));

describe("MemoryRateLimiter's sliding window", () => {
  let clock: ManualClock;
  let limiter: MemoryRateLimiter;
  beforeEach(() => {
    clock = new ManualClock();
    limiter = new MemoryRateLimiter(clock);
  });

  it("frees one slot at a time as the oldest events leave the window", async () => {
    await limiter.hit("k", 2, 60_000); // t=0
    clock.advance(20_000);
    await limiter.hit("k", 2, 60_000); // t=20s
    clock.advance(10_000);
    expect(await limiter.hit("k", 2, 60_000)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    clock.advance(30_000); // t=60s: the first event has left
    expect(await limiter.hit("k", 2, 60_000)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(await limiter.hit("k", 2, 60_000)).toEqual({ allowed: false, retryAfterMs: 20_000 });
  });

  it("does not count refused hits, so hammering does not extend the wait", async () => {
    await limiter.hit("k", 1, 60_000);
    for (let i = 0; i < 50; i++) {
      clock.advance(1000);
      await limiter.hit("k", 1, 60_000);
    }
    clock.advance(10_000);
    expect((await limiter.hit("k", 1, 60_000)).allowed).toBe(true);
  });

  it("refuses a limit below 1 as a programming error", async () => {
    await expect(limiter.hit("k", 0, 1000)).rejects.toThrow(/rate limit must be ≥ 1/);
  });

  it("forgets idle keys over time", async () => {
    for (let i = 0; i < 999; i++) await limiter.hit(`k${i}`, 1, 1000);
    clock.advance(2000);
    await limiter.hit("trigger", 1, 1000); // the 1000th hit sweeps
    expect((limiter as unknown as { logs: Map<string, unknown> }).logs.size).toBe(1);
  });
});
