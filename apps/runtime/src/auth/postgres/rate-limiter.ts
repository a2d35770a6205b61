import { createHash } from "node:crypto";
import type pg from "pg";
import { systemClock, type Clock, type RateDecision, type RateLimiter } from "../core/index.js";

/**
 * A {@link RateLimiter} shared by every runtime process, over `runtime.rate_limit_hits`.
 *
 * Fixed windows, one row per key: a key's window opens at its first counted hit and lasts
 * `windowMs`; the next hit after it closes opens a new one. Windows anchored at the first hit
 * rather than at multiples of `windowMs` keep the core's lockout exact: the lock is one hit
 * with limit 1, so it lasts its full duration instead of ending at the next clock-aligned
 * boundary, which could be a millisecond away. As with any fixed window, up to twice `limit`
 * can pass in `windowMs` across two windows (the interface allows it).
 *
 * Each hit is one upsert whose `WHERE` refuses it atomically, so concurrent hits from several
 * processes never overshoot and refused hits are not recorded. Keys are stored as their SHA-256,
 * as they hold emails. Time comes from the clock, not the database, so it follows a test's
 * manual clock; processes' clocks should agree to within a second or so.
 */
export class PostgresRateLimiter implements RateLimiter {
  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock = systemClock,
  ) {}

  /** @throws Error when `limit` is not an integer ≥ 1 or `windowMs` is not positive. */
  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    check(limit, windowMs);
    const now = this.clock.now();
    const expired = new Date(now.getTime() - windowMs);
    const expiresAt = new Date(now.getTime() + windowMs);
    // $3 is the latest window start that has closed. In SET, `h.` is the row before the update.
    const { rows } = await this.pool.query(
      `insert into runtime.rate_limit_hits as h (key, window_start, count, expires_at)
       values ($1, $2, 1, $4)
       on conflict (key) do update set
         window_start = case when h.window_start <= $3 then $2 else h.window_start end,
         count = case when h.window_start <= $3 then 1 else h.count + 1 end,
         expires_at = greatest(h.expires_at, $4)
       where h.window_start <= $3 or h.count < $5
       returning 1`,
      [hashKey(key), now, expired, expiresAt, limit],
    );
    if (rows.length === 1) return { allowed: true, retryAfterMs: 0 };
    // Refused: nothing was written. Read when the window closes; the row may have moved on
    // since, in which case the next hit is allowed and the smallest wait is the honest answer.
    const decision = await this.peek(key, limit, windowMs);
    return decision.allowed ? { allowed: false, retryAfterMs: 1 } : decision;
  }

  /** @throws Error when `limit` is not an integer ≥ 1 or `windowMs` is not positive. */
  async peek(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    check(limit, windowMs);
    const { rows } = await this.pool.query<{ window_start: Date; count: number }>(
      `select window_start, count from runtime.rate_limit_hits where key = $1`,
      [hashKey(key)],
    );
    const row = rows[0];
    const now = this.clock.now().getTime();
    const closesAt = row ? row.window_start.getTime() + windowMs : now;
    if (!row || closesAt <= now || row.count < limit) return { allowed: true, retryAfterMs: 0 };
    return { allowed: false, retryAfterMs: closesAt - now };
  }

  async reset(key: string): Promise<void> {
    await this.pool.query(`delete from runtime.rate_limit_hits where key = $1`, [hashKey(key)]);
  }

  /**
   * Deletes rows whose every window has closed, for a periodic job (rows of idle keys stay
   * otherwise; they are harmless but pile up).
   *
   * @returns how many rows were deleted.
   */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `delete from runtime.rate_limit_hits where expires_at <= $1`,
      [this.clock.now()],
    );
    return rowCount ?? 0;
  }
}

// A plain hash suffices: the point is that the table lists no addresses, and whoever can read
// it can read runtime.users too.
function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function check(limit: number, windowMs: number): void {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`rate limit must be ≥ 1, got ${limit}`);
  if (!(windowMs > 0)) throw new Error(`rate window must be > 0 ms, got ${windowMs}`);
}
