import type pg from "pg";
import type { MailKind, MailMessage, Outbox } from "../core/index.js";

/**
 * The PostgreSQL channel every enqueue notifies (empty payload) once its mail is committed: mail
 * senders LISTEN on it to send at once rather than at their next poll.
 */
export const MAIL_QUEUED_CHANNEL = "winky_mail_queued";

/** Longest `last_error` kept: enough for an SMTP reply, not a dump. */
export const MAX_ERROR_LENGTH = 1000;

/**
 * One queued mail. Its `message` carries a live sign-up or reset link: log
 * `describeMail(entry.message)` and the id, never the entry or the message.
 */
export interface OutboxEntry {
  /** The row's identity (a bigint, as a string). */
  id: string;
  message: MailMessage;
  createdAt: Date;
  /** Delivery attempts so far. */
  attempts: number;
  lastError: string | null;
}

/** The columns of a `runtime.mail_outbox` row that hold its message. */
export interface MailMessageRow {
  project_id: string;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The message a `runtime.mail_outbox` row holds. */
export function toMailMessage(row: MailMessageRow): MailMessage {
  return {
    projectId: row.project_id,
    kind: row.kind,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
  };
}

interface OutboxRow extends MailMessageRow {
  id: string;
  created_at: Date;
  attempts: number;
  last_error: string | null;
}

/**
 * {@link Outbox} over `runtime.mail_outbox`, plus what a sender needs to drain it.
 *
 * The table holds mail bodies with live tokens, so it is as secret as the tokens: never log
 * its rows, keep it out of support dumps, and purge sent rows ({@link PostgresOutbox.purgeSent})
 * soon after delivery (the runtime's housekeeping purges sent mail older than a day, hourly).
 *
 * Every insert notifies {@link MAIL_QUEUED_CHANNEL}, which wakes the SMTP sender
 * (`src/mail/`) of every runtime process. That sender claims rows itself (`for update skip
 * locked`); `pending` does not claim them, so a sender built on it must run alone per database.
 * Delivery is at least once, since a crash between sending and `markSent` resends.
 */
export class PostgresOutbox implements Outbox {
  constructor(private readonly pool: pg.Pool) {}

  /** @throws the database's error when the project does not exist. */
  async enqueue(message: MailMessage): Promise<void> {
    // The notification is part of the insert's statement, hence of its transaction: PostgreSQL
    // delivers it at commit, when the row is visible to the sender it wakes, and drops it on
    // rollback.
    await this.pool.query(
      `with queued as (
         insert into runtime.mail_outbox (project_id, kind, "to", subject, text, html)
         values ($1, $2, $3, $4, $5, $6)
         returning id
       )
       select pg_notify('${MAIL_QUEUED_CHANNEL}', '') from queued`,
      [message.projectId, message.kind, message.to, message.subject, message.text, message.html],
    );
  }

  /** Up to `limit` unsent mails, oldest first. */
  async pending(limit: number): Promise<OutboxEntry[]> {
    const { rows } = await this.pool.query<OutboxRow>(
      `select id, project_id, kind, "to", subject, text, html, created_at, attempts, last_error
       from runtime.mail_outbox where sent_at is null order by id limit $1`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      message: toMailMessage(row),
      createdAt: row.created_at,
      attempts: row.attempts,
      lastError: row.last_error,
    }));
  }

  /** The newest `limit` mails of one project, sent or not: the dev mailbox shows them. */
  async recent(
    projectId: string,
    limit: number,
  ): Promise<Array<MailMessage & { createdAt: Date }>> {
    const { rows } = await this.pool.query<OutboxRow>(
      `select id, project_id, kind, "to", subject, text, html, created_at, attempts, last_error
       from runtime.mail_outbox where project_id = $1 order by id desc limit $2`,
      [projectId, limit],
    );
    return rows.map((row) => ({ ...toMailMessage(row), createdAt: row.created_at }));
  }

  /** Records a delivery; resolves false when the mail was already sent or is gone. */
  async markSent(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `update runtime.mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null
       where id = $1 and sent_at is null`,
      [id],
    );
    return rowCount === 1;
  }

  /** Records a failed attempt; the mail stays pending. `error` must not quote the body. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.pool.query(
      `update runtime.mail_outbox set attempts = attempts + 1, last_error = $2
       where id = $1 and sent_at is null`,
      [id, error.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  /**
   * Deletes mails sent before `olderThan`, for a periodic job: once delivered, a stored body is
   * only a copy of a live link waiting to leak.
   *
   * @returns how many rows were deleted.
   */
  async purgeSent(olderThan: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `delete from runtime.mail_outbox where sent_at is not null and sent_at < $1`,
      [olderThan],
    );
    return rowCount ?? 0;
  }
}
