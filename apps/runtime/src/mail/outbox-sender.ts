import type pg from "pg";
import { describeMail } from "../auth/core/index.js";
import { claimNextDueMail, type ClaimedMail } from "./outbox-claims.js";
import { isMailSendError, type MailTransport } from "./mail-transport.js";
import { QueuedMailListener } from "./queued-mail-listener.js";
import { DEFAULT_RETRY_POLICY, retryDelayMs, type MailRetryPolicy } from "./retry-policy.js";

/** What the sender logs with; pino and Fastify's logger fit as they are. */
export interface MailSenderLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OutboxSenderOptions {
  /** Claims and outcomes go through it; the caller owns (and ends) it. */
  pool: pg.Pool;
  /** For the LISTEN connection, which cannot come from the pool's rotation. */
  databaseUrl: string;
  transport: MailTransport;
  logger: MailSenderLogger;
  policy?: Partial<MailRetryPolicy>;
}

/**
 * Drains `runtime.mail_outbox` through a {@link MailTransport}. Every runtime process runs one;
 * row locks (`for update skip locked`, held from claim to outcome) keep any two from sending
 * the same mail. It sends one mail at a time, oldest due first, and sleeps when none is due
 * until a mail is queued (LISTEN), the next retry is due, or the poll interval passes.
 *
 * Failures are recorded on the row (`attempts`, `last_error`, `next_attempt_at` with
 * exponential backoff). A mail whose last allowed attempt failed is dead: it stays unsent with
 * `attempts = maxAttempts` and its last error, and no sender claims it again.
 */
export class OutboxSender {
  private readonly policy: MailRetryPolicy;
  private readonly listener: QueuedMailListener;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private stopped = false;
  /** Set by every wake-up; a pass that saw one runs again instead of sleeping. */
  private woken = false;
  private interruptSleep: (() => void) | undefined;
  private inFlight: AbortController | undefined;

  constructor(private readonly options: OutboxSenderOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    this.listener = new QueuedMailListener(
      options.databaseUrl,
      () => this.wake(),
      (error) =>
        options.logger.warn(
          { err: error.message },
          "mail sender lost its database notifications; reconnecting",
        ),
    );
  }

  /**
   * Starts listening and sending; resolves once the listener is connected.
   *
   * @throws the database's error when the listener cannot connect.
   */
  async start(): Promise<void> {
    if (this.loop) throw new Error("the outbox sender is already started");
    await this.listener.start();
    this.loop = this.run();
  }

  /**
   * Stops promptly: an idle sender stops at once; a send in flight is aborted and its mail
   * released without counting the attempt (it may still have reached the server: delivery is
   * at least once). Resolves when no connection of the sender's is left in use.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.inFlight?.abort();
    this.interruptSleep?.();
    await Promise.all([this.loop, this.listener.close()]);
    this.stopped = true;
  }

  /**
   * `idle` while asleep between passes, `busy` while looking for or sending mail, `stopped`
   * before `start` and after `stop`.
   */
  status(): "idle" | "busy" | "stopped" {
    if (!this.loop || this.stopped) return "stopped";
    return this.interruptSleep ? "idle" : "busy";
  }

  /** Looks for due mail now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.interruptSleep?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      let sleepMs = this.policy.pollIntervalMs;
      try {
        const nextRetryInMs = await this.drain();
        if (nextRetryInMs !== null) sleepMs = Math.min(sleepMs, nextRetryInMs);
      } catch (error) {
        // The database is away or refused an outcome: wait a poll interval rather than spin.
        // A mail whose outcome was lost is still unsent and gets resent.
        this.options.logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          "mail sender cannot reach the outbox; retrying",
        );
      }
      if (!this.woken && !this.stopping) await this.sleep(sleepMs);
    }
  }

  /**
   * Sends due mail, oldest first, until none is left (or the sender stops).
   *
   * @returns milliseconds until the next scheduled retry, or `null` for none (or stopping).
   */
  private async drain(): Promise<number | null> {
    while (!this.stopping) {
      const claim = await claimNextDueMail(this.options.pool, this.policy.maxAttempts);
      if (!claim.mail) return claim.nextRetryInMs;
      await this.deliver(claim.mail);
    }
    return null;
  }

  private async deliver(mail: ClaimedMail): Promise<void> {
    const abort = new AbortController();
    this.inFlight = abort;
    let failure: unknown;
    try {
      // stop() may have run between the claim and here, with nothing yet to abort.
      if (this.stopping) abort.abort();
      await this.options.transport.send(mail.message, abort.signal);
    } catch (error) {
      failure = error;
    } finally {
      this.inFlight = undefined;
    }
    if (failure === undefined) {
      await mail.markSent();
      this.options.logger.info({ mailId: mail.id, ...describeMail(mail.message) }, "mail sent");
    } else if (abort.signal.aborted) {
      await mail.release();
    } else {
      await this.recordFailure(mail, failure);
    }
  }

  private async recordFailure(claim: ClaimedMail, failure: unknown): Promise<void> {
    // The transport's errors are redacted; anything else is a bug whose text we cannot vouch
    // for, so the row gets a placeholder and only the log gets its message.
    const reason = isMailSendError(failure) ? failure.message : "unexpected error (see the log)";
    const failedAttempts = claim.attempts + 1;
    const retryInMs = retryDelayMs(this.policy, failedAttempts);
    const attempts = await claim.markFailed(reason, retryInMs);
    const details = { mailId: claim.id, ...describeMail(claim.message), attempts, error: reason };
    if (!isMailSendError(failure)) {
      this.options.logger.error(
        { ...details, err: failure instanceof Error ? failure.message : String(failure) },
        "mail transport failed unexpectedly",
      );
    }
    if (attempts >= this.policy.maxAttempts) {
      this.options.logger.error(details, "mail not sent; giving up after the last attempt");
    } else {
      this.options.logger.warn({ ...details, retryInMs }, "mail not sent; will retry");
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.interruptSleep = done;
    }).finally(() => (this.interruptSleep = undefined));
  }
}
