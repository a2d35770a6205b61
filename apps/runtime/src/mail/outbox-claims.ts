import type pg from "pg";
import type { MailMessage } from "../auth/core/index.js";
import {
  MAIL_QUEUED_CHANNEL,
  MAX_ERROR_LENGTH,
  toMailMessage,
  type MailMessageRow,
} from "../auth/postgres/outbox.js";

/**
 * One due mail, locked in its own transaction until exactly one of `markSent`, `markFailed` or
 * `release` is called. While it is held, every other sender's claim skips the row.
 *
 * Its `message` carries a live link: log `describeMail(message)` and the id, never the message.
 */
export interface ClaimedMail {
  /** The row's identity (a bigint, as a string). */
  readonly id: string;
  readonly message: MailMessage;
  /** Attempts before this one. */
  readonly attempts: number;
  /** Records the delivery and commits. */
  markSent(): Promise<void>;
  /**
   * Records a failed attempt (`error` must not quote the body or a credential), schedules the
   * next one `retryInMs` from now, and commits.
   *
   * @returns the attempts made so far, this one included.
   */
  markFailed(error: string, retryInMs: number): Promise<number>;
  /**
   * Rolls back: the attempt did not happen (the sender stopped) and the mail is due as before.
   * Notifies the other senders, which would otherwise notice it only at their next poll.
   */
  release(): Promise<void>;
}

interface DueRow extends MailMessageRow {
  id: string;
  attempts: number;
}

// `skip locked` makes concurrent senders, in this process or another, take different rows
// instead of queueing behind one another; the lock lasts until the mail's outcome commits, so
// no two senders ever hold the same mail. A row another sender marked sent after this
// statement's snapshot is re-checked, as its new version, when locked, and no longer matches.
const CLAIM_NEXT_DUE = `
  select id, project_id, kind, "to", subject, text, html, attempts
  from runtime.mail_outbox
  where sent_at is null and attempts < $1 and next_attempt_at <= now()
  order by id
  limit 1
  for update skip locked`;

/** What a claim found: a due mail, or none and when the next retry is scheduled. */
export type ClaimResult =
  | { mail: ClaimedMail }
  | {
      mail: null;
      /** Milliseconds until the earliest scheduled retry; `null` when none is scheduled. */
      nextRetryInMs: number | null;
    };

// Measured with the claim's now(), in its transaction: a mail that was not due for the claim is
// counted here, however little time has passed, and one that was due but locked by another
// sender is not (that sender settles it).
const NEXT_RETRY = `
  select (extract(epoch from min(next_attempt_at) - now()) * 1000)::float8 as ms
  from runtime.mail_outbox
  where sent_at is null and attempts < $1 and next_attempt_at > now()`;

/**
 * Locks the oldest mail that is due (unsent, under `maxAttempts` attempts, `next_attempt_at`
 * passed) and that no other sender holds. A claimed mail keeps one pooled connection until it
 * is settled.
 */
export async function claimNextDueMail(pool: pg.Pool, maxAttempts: number): Promise<ClaimResult> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const row = (await client.query<DueRow>(CLAIM_NEXT_DUE, [maxAttempts])).rows[0];
    if (row) return { mail: new PostgresClaimedMail(client, row) };
    const { rows } = await client.query<{ ms: number | null }>(NEXT_RETRY, [maxAttempts]);
    await client.query("rollback");
    client.release();
    const ms = rows[0]?.ms;
    return { mail: null, nextRetryInMs: ms === null || ms === undefined ? null : Math.ceil(ms) };
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}

class PostgresClaimedMail implements ClaimedMail {
  readonly id: string;
  readonly message: MailMessage;
  readonly attempts: number;
  private settled = false;

  constructor(
    private readonly client: pg.PoolClient,
    row: DueRow,
  ) {
    this.id = row.id;
    this.attempts = row.attempts;
    this.message = toMailMessage(row);
  }

  async markSent(): Promise<void> {
    // clock_timestamp(), not now(): now() is when the claim began, before the send.
    await this.settle(
      `update runtime.mail_outbox
       set sent_at = clock_timestamp(), attempts = attempts + 1, last_error = null
       where id = $1`,
      [this.id],
    );
  }

  async markFailed(error: string, retryInMs: number): Promise<number> {
    const rows = await this.settle<{ attempts: number }>(
      `update runtime.mail_outbox
       set attempts = attempts + 1, last_error = $2,
           next_attempt_at = clock_timestamp() + $3 * interval '1 millisecond'
       where id = $1
       returning attempts`,
      [this.id, error.slice(0, MAX_ERROR_LENGTH), retryInMs],
    );
    return rows[0]?.attempts ?? this.attempts + 1;
  }

  async release(): Promise<void> {
    await this.settle<never>(null, []);
  }

  /**
   * Runs `sql` and commits; for `null`, rolls back and then notifies (a notification inside the
   * rolled-back transaction would be dropped). Frees the connection either way.
   */
  private async settle<R extends pg.QueryResultRow>(
    sql: string | null,
    params: unknown[],
  ): Promise<R[]> {
    if (this.settled) throw new Error(`mail ${this.id} is already settled`);
    this.settled = true;
    try {
      let rows: R[] = [];
      if (sql === null) {
        await this.client.query("rollback");
        await this.client.query(`select pg_notify('${MAIL_QUEUED_CHANNEL}', '')`);
      } else {
        rows = (await this.client.query<R>(sql, params)).rows;
        await this.client.query("commit");
      }
      this.client.release();
      return rows;
    } catch (error) {
      // A broken connection must not go back to the pool mid-transaction.
      this.client.release(error as Error);
      throw error;
    }
  }
}
