import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignInGuard, isAuthError } from "../core/index.js";
import { ManualClock } from "../core/testing/index.js";
import { PostgresRateLimiter } from "./rate-limiter.js";
import { useAuthDatabase } from "./testing.js";

const MINUTE = 60_000;

describe("PostgresRateLimiter", () => {
  const db = useAuthDatabase("auth_rate_limit");
  // Two pools stand for two runtime processes sharing the database.
  let secondPool: pg.Pool;
  beforeAll(() => {
    secondPool = new pg.Pool({ connectionString: db.url() });
  });
  afterAll(async () => {
    await secondPool.end();
  });
  const newKey = () => `k-${randomUUID()}`;

  it("counts hits from two processes against one limit", async () => {
    const clock = new ManualClock();
    const first = new PostgresRateLimiter(db.pool(), clock);
    const second = new PostgresRateLimiter(secondPool, clock);
    const key = newKey();
    const answers = [];
    for (const limiter of [first, second, first, second]) {
      answers.push((await limiter.hit(key, 3, MINUTE)).allowed);
    }
    expect(answers).toEqual([true, true, true, false]);
    expect((await first.peek(key, 3, MINUTE)).allowed).toBe(false);
    await second.reset(key);
    expect((await first.hit(key, 3, MINUTE)).allowed).toBe(true);
  });

  it("allows exactly `limit` of many concurrent hits from both processes", async () => {
    const clock = new ManualClock();
    const limiters = [db.pool(), secondPool].map((p) => new PostgresRateLimiter(p, clock));
    const key = newKey();
    const decisions = await Promise.all(
      Array.from({ length: 20 }, (_, i) => limiters[i % 2]!.hit(key, 5, MINUTE)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    for (const refused of decisions.filter((d) => !d.allowed)) {
      expect(refused.retryAfterMs).toBe(MINUTE);
    }
  });

  it("keeps a lockout for its whole duration, whenever in the quarter-hour it starts", async () => {
    // 14:59 past the hour: a window aligned to the clock would end the lock a second later.
    const clock = new ManualClock("2030-01-01T00:14:59.000Z");
    const guard = new SignInGuard(new PostgresRateLimiter(db.pool(), clock));
    const email = `${randomUUID()}@example.com`;
    const attempt = () =>
      guard.beforeSignIn("alpha", "10.0.0.1", email).then(
        () => "allowed",
        (e: unknown) => (isAuthError(e) ? e.code : e),
      );
    for (let i = 0; i < 5; i++) {
      expect(await attempt()).toBe("allowed");
      await guard.signInFailed("alpha", email);
    }
    clock.advance(15 * MINUTE - 1);
    expect(await attempt()).toBe("too-many-attempts");
    clock.advance(1);
    expect(await attempt()).toBe("allowed");
  });

  it("stores keys as SHA-256 hashes, so the table holds no addresses", async () => {
    const limiter = new PostgresRateLimiter(db.pool(), new ManualClock());
    const key = `signin-email:alpha:${randomUUID()}@example.com`;
    await limiter.hit(key, 5, MINUTE);
    const { rows } = await db
      .pool()
      .query<{ key: string }>("select key from runtime.rate_limit_hits");
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain("example.com");
  });

  it("purges rows whose windows have all closed", async () => {
    const clock = new ManualClock("2031-01-01T00:00:00.000Z");
    const limiter = new PostgresRateLimiter(db.pool(), clock);
    const [short, long] = [newKey(), newKey()];
    await limiter.hit(short, 1, MINUTE);
    await limiter.hit(long, 1, 60 * MINUTE);
    clock.advance(MINUTE);
    expect(await limiter.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect((await limiter.peek(long, 1, 60 * MINUTE)).allowed).toBe(false);
  });

  it("refuses a limit below 1 and a window that is not positive", async () => {
    const limiter = new PostgresRateLimiter(db.pool(), new ManualClock());
    await expect(limiter.hit("k", 0, MINUTE)).rejects.toThrow("rate limit must be ≥ 1, got 0");
    await expect(limiter.peek("k", 1, 0)).rejects.toThrow("rate window must be > 0 ms, got 0");
  });
});
