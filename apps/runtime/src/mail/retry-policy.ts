/** How often the sender tries a mail, and how long it waits in between. */
export interface MailRetryPolicy {
  /** Attempts per mail; after the last failure the mail stays in the outbox, never retried. */
  maxAttempts: number;
  /** The wait after the first failure; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
  /**
   * How long an idle sender sleeps before looking again without being woken. Queued mail wakes
   * it at once and a scheduled retry at its time, so this only bounds how late it notices a
   * lost notification or mail another process claimed and then dropped.
   */
  pollIntervalMs: number;
}

/**
 * Ten attempts over about 85 minutes (10 s, 20 s, 40 s … 43 min): a relay restart or a short
 * outage delays mail by seconds, while an outage longer than the links the mails carry (the
 * shortest works for an hour) ends in a dead mail an operator can see instead of a retry loop.
 */
export const DEFAULT_RETRY_POLICY: Readonly<MailRetryPolicy> = Object.freeze({
  maxAttempts: 10,
  baseDelayMs: 10_000,
  maxDelayMs: 60 * 60_000,
  pollIntervalMs: 30_000,
});

/**
 * The wait before the next attempt once `failedAttempts` attempts have failed:
 * `baseDelayMs · 2^(failedAttempts − 1)`, at most `maxDelayMs`.
 */
export function retryDelayMs(
  policy: Pick<MailRetryPolicy, "baseDelayMs" | "maxDelayMs">,
  failedAttempts: number,
): number {
  const doublings = Math.max(0, failedAttempts - 1);
  // 2^doublings overflows to Infinity long after it passes any sane cap; min() handles both.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** doublings);
}
