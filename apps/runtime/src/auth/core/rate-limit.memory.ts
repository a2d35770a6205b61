import type { RateDecision, RateLimiter } from "./rate-limit.js";
import { systemClock, type Clock } from "./primitives.js";

interface Log {
  /** Event times, oldest first. */
  times: number[];
  windowMs: number;
}

/** How many hits between sweeps of idle keys, so abandoned keys do not pile up. */
const SWEEP_EVERY = 1000;

/**
 * An exact sliding-window {@link RateLimiter} in process memory: the reference implementation,
 * and good enough for a single runtime instance. Several instances need a shared store (Redis
 * or Postgres), or each would allow `limit` on its own.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, Log>();
  private hits = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    if (++this.hits % SWEEP_EVERY === 0) this.sweep();
    const decision = this.decide(key, limit, windowMs);
    if (decision.allowed) {
      const now = this.clock.now().getTime();
      const log = this.logs.get(key) ?? { times: [], windowMs };
      log.windowMs = Math.max(log.windowMs, windowMs);
      // Keep only what some window can still see, so a busy key's log stays at most `limit` long.
      log.times = log.times.filter((t) => t > now - log.windowMs);
      log.times.push(now);
      this.logs.set(key, log);
    }
    return decision;
  }

  async peek(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    return this.decide(key, limit, windowMs);
  }

  async reset(key: string): Promise<void> {
    this.logs.delete(key);
  }

  private decide(key: string, limit: number, windowMs: number): RateDecision {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`rate limit must be ≥ 1, got ${limit}`);
    const now = this.clock.now().getTime();
    const inWindow = (this.logs.get(key)?.times ?? []).filter((t) => t > now - windowMs);
    if (inWindow.length < limit) return { allowed: true, retryAfterMs: 0 };
    // Allowed again once enough of the oldest events have left the window to make room for one.
    const oldestThatMustLeave = inWindow[inWindow.length - limit] ?? now;
    return { allowed: false, retryAfterMs: oldestThatMustLeave + windowMs - now };
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [key, log] of this.logs) {
      log.times = log.times.filter((t) => t > now - log.windowMs);
      if (log.times.length === 0) this.logs.delete(key);
    }
  }
}
