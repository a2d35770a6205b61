import { AuthError } from "./errors.js";
import { HOUR, MINUTE } from "./primitives.js";

/** The answer of a {@link RateLimiter}. */
export interface RateDecision {
  allowed: boolean;
  /** 0 when allowed; otherwise how long until the same call would be allowed. */
  retryAfterMs: number;
}

/**
 * Counts events per key in a time window. Implementations take a clock, so tests move time.
 * An exact sliding window is the reference ({@link MemoryRateLimiter}); a shared store may use
 * fixed windows instead, which can let up to twice `limit` through across a window boundary.
 */
export interface RateLimiter {
  /**
   * Records one event for `key` if that keeps the events of the last `windowMs` at most
   * `limit` (`limit` ≥ 1), and says whether it did. Refused events are not recorded, so a
   * client that keeps hammering is let in again once its window has passed.
   */
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  /** What `hit` would answer, without recording anything. */
  peek(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  /** Forgets every event of `key`. Idempotent. */
  reset(key: string): Promise<void>;
}

/** A number of events per window. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/** Every limit {@link SignInGuard} applies; all configurable. */
export interface AuthLimits {
  /** Sign-in attempts from one IP, whatever the email. Default 100 per 15 min. */
  signInPerIp: RateRule;
  /** Sign-in attempts for one email, from anywhere. Default 20 per 15 min. */
  signInPerEmail: RateRule;
  /** `failures` failed sign-ins for an email within `windowMs` lock it for `durationMs`. */
  lockout: { failures: number; windowMs: number; durationMs: number };
  /** Sign-ups from one IP. Default 10 per hour. */
  signUpPerIp: RateRule;
  /** Mails (verification, reset) requested for one address. Default 5 per hour. */
  mailPerEmail: RateRule;
  /** Mails requested from one IP. Default 20 per hour. */
  mailPerIp: RateRule;
}

/** The default limits: lockout after 5 failures in 15 minutes, for 15 minutes. */
export const DEFAULT_AUTH_LIMITS: Readonly<AuthLimits> = Object.freeze({
  signInPerIp: { limit: 100, windowMs: 15 * MINUTE },
  signInPerEmail: { limit: 20, windowMs: 15 * MINUTE },
  lockout: { failures: 5, windowMs: 15 * MINUTE, durationMs: 15 * MINUTE },
  signUpPerIp: { limit: 10, windowMs: HOUR },
  mailPerEmail: { limit: 5, windowMs: HOUR },
  mailPerIp: { limit: 20, windowMs: HOUR },
});

/**
 * Rate limits and lockout for the email/password flows. Everything keyed by email is keyed the
 * same whether or not an account exists, so a refusal says nothing about the address. The
 * email must be the comparison key (`emailKey`), so case variants share one counter.
 *
 * Lockout is per email, as specified: someone can lock a victim out for 15 minutes by failing
 * on purpose. The per-IP limit slows that down, and a password reset lifts the lock.
 */
export class SignInGuard {
  private readonly limits: AuthLimits;

  constructor(
    private readonly limiter: RateLimiter,
    limits: Partial<AuthLimits> = {},
  ) {
    this.limits = { ...DEFAULT_AUTH_LIMITS, ...limits };
  }

  /**
   * Counts a sign-in attempt against the per-IP and per-email limits and checks the lock.
   *
   * @throws AuthError `too-many-attempts` (with `retryAfterMs`) when any limit or a lock applies.
   */
  async beforeSignIn(projectId: string, ip: string, email: string): Promise<void> {
    const { signInPerIp, signInPerEmail, lockout } = this.limits;
    await this.require(
      this.limiter.hit(`signin-ip:${projectId}:${ip}`, signInPerIp.limit, signInPerIp.windowMs),
    );
    await this.require(this.limiter.peek(this.lockKey(projectId, email), 1, lockout.durationMs));
    const perEmail = `signin-email:${projectId}:${email}`;
    await this.require(this.limiter.hit(perEmail, signInPerEmail.limit, signInPerEmail.windowMs));
  }

  /**
   * Counts an identity-provider sign-in (redirect start, ID token) against the per-IP sign-in
   * limit it shares with password sign-ins. There is no email to key on, nor a password to guess.
   *
   * @throws AuthError `too-many-attempts` when the IP has signed in too often.
   */
  async beforeIdpSignIn(projectId: string, ip: string): Promise<void> {
    const { limit, windowMs } = this.limits.signInPerIp;
    await this.require(this.limiter.hit(`signin-ip:${projectId}:${ip}`, limit, windowMs));
  }

  /** Counts a failed sign-in; the one that reaches the threshold starts the lock. */
  async signInFailed(projectId: string, email: string): Promise<void> {
    const { failures, windowMs, durationMs } = this.limits.lockout;
    const key = this.failureKey(projectId, email);
    await this.limiter.hit(key, failures, windowMs);
    if (!(await this.limiter.peek(key, failures, windowMs)).allowed) {
      // The lock is one recorded event that blocks its key until it leaves the window.
      await this.limiter.hit(this.lockKey(projectId, email), 1, durationMs);
      await this.limiter.reset(key);
    }
  }

  /** A successful sign-in forgets the failures. */
  async signInSucceeded(projectId: string, email: string): Promise<void> {
    await this.limiter.reset(this.failureKey(projectId, email));
  }

  /** Lifts a lock and forgets the failures: a password reset proved the mailbox. */
  async clearLockout(projectId: string, email: string): Promise<void> {
    await this.limiter.reset(this.failureKey(projectId, email));
    await this.limiter.reset(this.lockKey(projectId, email));
  }

  /**
   * Counts a sign-up (or anonymous sign-in) from this IP.
   *
   * @throws AuthError `too-many-attempts` when the IP has signed up too often.
   */
  async beforeSignUp(projectId: string, ip: string): Promise<void> {
    const { limit, windowMs } = this.limits.signUpPerIp;
    await this.require(this.limiter.hit(`signup-ip:${projectId}:${ip}`, limit, windowMs));
  }

  /**
   * Counts a mail requested for this address from this IP.
   *
   * @throws AuthError `too-many-attempts` when mails for this address or IP are too frequent.
   */
  async beforeMail(projectId: string, ip: string, email: string): Promise<void> {
    const { mailPerIp, mailPerEmail } = this.limits;
    await this.require(
      this.limiter.hit(`mail-ip:${projectId}:${ip}`, mailPerIp.limit, mailPerIp.windowMs),
    );
    await this.require(
      this.limiter.hit(
        `mail-email:${projectId}:${email}`,
        mailPerEmail.limit,
        mailPerEmail.windowMs,
      ),
    );
  }

  private failureKey(projectId: string, email: string): string {
    return `signin-failures:${projectId}:${email}`;
  }

  private lockKey(projectId: string, email: string): string {
    return `signin-lock:${projectId}:${email}`;
  }

  private async require(decision: Promise<RateDecision>): Promise<void> {
    const { allowed, retryAfterMs } = await decision;
    if (!allowed) throw new AuthError("too-many-attempts", undefined, { retryAfterMs });
  }
}
