import { SyncError, type ApplyContext } from "./sync-adapter.js";

/** How transient failures are retried; every field has a default. */
export interface RetryPolicy {
  /** Attempts in all (the first one included) before the batch is given up on. */
  maxAttempts: number;
  /** The wait before the first retry; doubled for each next one. */
  baseDelayMs: number;
  /** No wait is longer, Retry-After included (a hostile or broken header cannot stall us). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** What the retry loop needs from the outside world; tests pass fakes to avoid real waits. */
export interface RetryEnv {
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
  /** Epoch milliseconds, to read an HTTP-date Retry-After. */
  now(): number;
}

export const realRetryEnv: RetryEnv = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

/**
 * The wait before retry number `retry` (1 for the first): "full jitter" exponential backoff,
 * so many mirrors hitting one overloaded backend spread out instead of retrying in step. A
 * server's `Retry-After` is a floor: it knows better when it will take writes again.
 */
export function backoffDelay(
  retry: number,
  policy: RetryPolicy,
  env: RetryEnv,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = Math.round(ceiling / 2 + (env.random() * ceiling) / 2);
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Runs `attempt` until it succeeds, it throws a non-retryable `SyncError`, or the attempts run
 * out (then the last error is thrown, still marked retryable: the mirror tries again later).
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: {
    policy: RetryPolicy;
    env: RetryEnv;
    context?: ApplyContext | undefined;
  },
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof SyncError) || !e.retryable || n >= options.policy.maxAttempts) throw e;
      const delay = backoffDelay(n, options.policy, options.env, e.retryAfterMs);
      options.context?.onRetry?.(e, delay);
      await options.env.sleep(delay);
    }
  }
}
