import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildLinkMail, type MailMessage } from "../auth/core/index.js";
import { PostgresOutbox } from "../auth/postgres/outbox.js";
import { createProject, useAuthDatabase } from "../auth/postgres/testing.js";
import { parseSmtpUrl } from "./mail-settings.js";
import { OutboxSender, type MailSenderLogger } from "./outbox-sender.js";
import type { MailRetryPolicy } from "./retry-policy.js";
import { SmtpMailTransport } from "./smtp-transport.js";
import { startTestSmtpServer, waitFor } from "./testing.js";

const FROM = "Winky <no-reply@example.test>";
const PROJECT = "mailer";
const REJECTION = {
  kind: "reject",
  code: 451,
  text: "4.3.0 mailbox busy, try again later",
} as const;

const linkMail = (to: string): MailMessage =>
  buildLinkMail(
    { actionBaseUrl: "https://app.example.test/auth/action", appName: "Test App" },
    "password-reset",
    { projectId: PROJECT, to, token: "secret-token", validForMs: 3_600_000 },
  );

interface LogEntry {
  level: "info" | "warn" | "error";
  details: object;
  message: string;
}

interface OutboxRow {
  attempts: number;
  sent: boolean;
  last_error: string | null;
  /** Seconds from the database's now() to next_attempt_at. */
  retry_in_s: number;
}

describe("OutboxSender over SMTP", () => {
  const db = useAuthDatabase("mail_sender");
  let outbox: PostgresOutbox;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    await createProject(db.pool(), PROJECT);
    outbox = new PostgresOutbox(db.pool());
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await db.pool().query("delete from runtime.mail_outbox");
  });

  async function smtpServer(options?: Parameters<typeof startTestSmtpServer>[0]) {
    const server = await startTestSmtpServer(options);
    cleanups.push(() => server.close());
    return server;
  }

  /**
   * A started sender. The poll interval is an hour, so anything it sends promptly it was woken
   * for: by the outbox's notification, by its own retry timer, or by `wake()`.
   */
  async function startSender(url: string, policy: Partial<MailRetryPolicy> = {}) {
    const log: LogEntry[] = [];
    const entry =
      (level: LogEntry["level"]) =>
      (details: object, message: string): void => {
        log.push({ level, details, message });
      };
    const logger: MailSenderLogger = {
      info: entry("info"),
      warn: entry("warn"),
      error: entry("error"),
    };
    const sender = new OutboxSender({
      pool: db.pool(),
      databaseUrl: db.url(),
      transport: new SmtpMailTransport(parseSmtpUrl(url), FROM),
      logger,
      policy: { pollIntervalMs: 3_600_000, ...policy },
    });
    await sender.start();
    cleanups.push(() => sender.stop());
    return { sender, log };
  }

  async function row(to: string): Promise<OutboxRow> {
    const { rows } = await db.pool().query<OutboxRow>(
      `select attempts, sent_at is not null as sent, last_error,
              extract(epoch from next_attempt_at - now())::float8 as retry_in_s
       from runtime.mail_outbox where "to" = $1`,
      [to],
    );
    if (rows.length !== 1) throw new Error(`expected one mail to ${to}, found ${rows.length}`);
    return rows[0]!;
  }

  /** Makes every scheduled retry due now, as if its backoff had passed. */
  async function skipBackoff(): Promise<void> {
    await db
      .pool()
      .query("update runtime.mail_outbox set next_attempt_at = now() where sent_at is null");
  }

  /** Resolves "stopped", or "still running" if stopping takes longer than `withinMs`. */
  async function stopWithin(sender: OutboxSender, withinMs: number): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>(
      (r) => (timer = setTimeout(() => r("still running"), withinMs)),
    );
    const outcome = await Promise.race([sender.stop().then(() => "stopped"), late]);
    clearTimeout(timer);
    return outcome;
  }

  it("delivers a queued mail with its From, To, Subject, text and HTML, and marks it sent", async () => {
    const server = await smtpServer();
    const { log } = await startSender(server.url());
    const mail = linkMail("reader@example.com");
    await outbox.enqueue(mail);

    await waitFor("the mail to be marked sent", async () => (await row(mail.to)).sent);
    expect(server.received).toHaveLength(1);
    const [received] = server.received;
    expect(received!.headers.from).toBe(FROM);
    expect(received!.headers.to).toBe(mail.to);
    expect(received!.headers.subject).toBe(mail.subject);
    expect(received!.headers["auto-submitted"]).toBe("auto-generated");
    expect(received!.text).toBe(mail.text);
    expect(received!.html).toBe(mail.html);
    expect(received!.envelopeFrom).toBe("no-reply@example.test");
    expect(received!.envelopeTo).toEqual([mail.to]);
    expect(received!.user).toBeNull();
    expect(await row(mail.to)).toMatchObject({ attempts: 1, last_error: null });
    // The log names the mail but never carries its link.
    expect(log.map((e) => e.message)).toContain("mail sent");
    expect(JSON.stringify(log)).not.toContain("secret-token");
  });

  it("records a rejection, retries with a doubling backoff, and sends once the server accepts", async () => {
    const server = await smtpServer();
    server.replyNext(REJECTION, REJECTION);
    const { sender, log } = await startSender(server.url(), { baseDelayMs: 60_000 });
    const mail = linkMail("busy@example.com");
    await outbox.enqueue(mail);

    await waitFor("the first failure", async () => (await row(mail.to)).attempts === 1);
    const first = await row(mail.to);
    expect(first.sent).toBe(false);
    expect(first.last_error).toContain("451 4.3.0 mailbox busy, try again later");
    expect(first.retry_in_s).toBeGreaterThan(0);
    expect(first.retry_in_s).toBeLessThanOrEqual(60);

    await skipBackoff();
    sender.wake();
    await waitFor("the second failure", async () => (await row(mail.to)).attempts === 2);
    const second = await row(mail.to);
    expect(second.retry_in_s).toBeGreaterThan(60);
    expect(second.retry_in_s).toBeLessThanOrEqual(120);
    expect(
      log.filter((e) => e.message === "mail not sent; will retry").map((e) => e.details),
    ).toEqual([
      expect.objectContaining({ attempts: 1, retryInMs: 60_000 }),
      expect.objectContaining({ attempts: 2, retryInMs: 120_000 }),
    ]);

    await skipBackoff();
    sender.wake();
    await waitFor("the mail to be sent", async () => (await row(mail.to)).sent);
    expect(await row(mail.to)).toMatchObject({ attempts: 3, last_error: null });
    expect(server.received.map((m) => m.headers.to)).toEqual([mail.to]);
    expect(server.dataCommands()).toBe(3);
  });

  it("retries on its own once the backoff has passed", async () => {
    const server = await smtpServer();
    server.replyNext(REJECTION);
    await startSender(server.url(), { baseDelayMs: 200 });
    const mail = linkMail("patient@example.com");
    await outbox.enqueue(mail);

    await waitFor("the mail to be sent", async () => (await row(mail.to)).sent);
    expect(await row(mail.to)).toMatchObject({ attempts: 2, last_error: null });
  });

  it("records a server that is down, and sends once it is up", async () => {
    const gone = await startTestSmtpServer();
    const port = gone.port;
    await gone.close();
    const { sender } = await startSender(`smtp://127.0.0.1:${port}`);
    const mail = linkMail("later@example.com");
    await outbox.enqueue(mail);

    await waitFor("the failure", async () => (await row(mail.to)).attempts === 1);
    expect((await row(mail.to)).last_error).toMatch(/ECONNREFUSED/);

    const server = await smtpServer({ port });
    await skipBackoff();
    sender.wake();
    await waitFor("the mail to be sent", async () => (await row(mail.to)).sent);
    expect(server.received.map((m) => m.headers.to)).toEqual([mail.to]);
  });

  it("logs in with the credentials in the URL, percent-decoded", async () => {
    const credentials = { user: "mailer@example.test", pass: "p@ss:w/rd%" };
    const server = await smtpServer({ auth: credentials });
    await startSender(server.url(credentials));
    const mail = linkMail("authed@example.com");
    await outbox.enqueue(mail);

    await waitFor("the mail to be sent", async () => (await row(mail.to)).sent);
    expect(server.received.map((m) => m.user)).toEqual(["mailer@example.test"]);
  });

  it("records a refused login without the password, even when the server quotes it", async () => {
    const server = await smtpServer({
      auth: { user: "mailer", pass: "right-password" },
      echoPasswordOnBadLogin: true,
    });
    const { log } = await startSender(server.url({ user: "mailer", pass: "hunter2-wrong" }));
    const mail = linkMail("refused@example.com");
    await outbox.enqueue(mail);

    await waitFor("the failure", async () => (await row(mail.to)).attempts === 1);
    const { last_error: error } = await row(mail.to);
    expect(error).toMatch(/^EAUTH: .*535/);
    expect(error).toContain("***");
    expect(error).not.toContain("hunter2");
    expect(JSON.stringify(log)).not.toContain("hunter2");
    expect(server.received).toEqual([]);
  });

  it("gives up after the last attempt and never claims the dead mail again", async () => {
    const server = await smtpServer();
    server.replyByDefault(REJECTION);
    const { log } = await startSender(server.url(), { maxAttempts: 2, baseDelayMs: 1 });
    const dead = linkMail("dead@example.com");
    await outbox.enqueue(dead);
    await waitFor("the last attempt", async () => (await row(dead.to)).attempts === 2);

    // A later mail goes through; the dead one, older and first in line, is passed over.
    server.replyByDefault({ kind: "accept" });
    const alive = linkMail("alive@example.com");
    await outbox.enqueue(alive);
    await waitFor("the later mail to be sent", async () => (await row(alive.to)).sent);

    expect(await row(dead.to)).toMatchObject({ attempts: 2, sent: false });
    expect((await row(dead.to)).last_error).toContain("451");
    expect(server.received.map((m) => m.headers.to)).toEqual([alive.to]);
    expect(server.dataCommands()).toBe(3);
    expect(log.filter((e) => e.level === "error").map((e) => e.message)).toEqual([
      "mail not sent; giving up after the last attempt",
    ]);
  });

  it("never delivers a mail twice when two senders drain one outbox", async () => {
    const server = await smtpServer({ acceptDelayMs: 5 });
    const recipients = Array.from({ length: 24 }, (_, i) => `user${i}@example.com`);
    for (const to of recipients) await outbox.enqueue(linkMail(to));
    // Both start on a full outbox, so they compete for the same rows from the first claim on.
    const senders = await Promise.all([startSender(server.url()), startSender(server.url())]);

    await waitFor("every mail to be sent", async () => {
      const { rows } = await db
        .pool()
        .query<{ n: number }>(
          "select count(*)::int as n from runtime.mail_outbox where sent_at is null",
        );
      return rows[0]!.n === 0;
    });
    expect(server.received.map((m) => m.headers.to).sort()).toEqual([...recipients].sort());
    expect(server.dataCommands()).toBe(recipients.length);
    const sentBy = senders.map(({ log }) => log.filter((e) => e.message === "mail sent").length);
    expect(sentBy[0]! + sentBy[1]!).toBe(recipients.length);
  });

  it("reconnects its notifications when the database drops them, and keeps sending", async () => {
    const server = await smtpServer();
    const { log } = await startSender(server.url());
    const { rows } = await db.pool().query<{ cut: boolean }>(
      `select pg_terminate_backend(pid) as cut from pg_stat_activity
       where datname = current_database() and query = 'listen winky_mail_queued'`,
    );
    expect(rows.map((r) => r.cut)).toEqual([true]);
    await waitFor("the sender to notice", () =>
      log.some((e) => e.message === "mail sender lost its database notifications; reconnecting"),
    );

    const mail = linkMail("reconnected@example.com");
    await outbox.enqueue(mail);
    await waitFor("the mail to be sent", async () => (await row(mail.to)).sent);
  });

  it("stops promptly while idle", async () => {
    const server = await smtpServer();
    const { sender } = await startSender(server.url());
    await waitFor("the sender to go idle", () => sender.status() === "idle");
    expect(await stopWithin(sender, 10_000)).toBe("stopped");
    expect(sender.status()).toBe("stopped");
  });

  it("stops promptly mid-send and leaves the mail due, the attempt uncounted", async () => {
    const server = await smtpServer();
    server.replyNext({ kind: "hang" });
    const { sender } = await startSender(server.url());
    const mail = linkMail("interrupted@example.com");
    await outbox.enqueue(mail);
    await waitFor("the server to receive the mail", () => server.dataCommands() === 1);

    // The socket timeout is 30 s: a stop that waited for the server would be "still running".
    expect(await stopWithin(sender, 10_000)).toBe("stopped");
    expect(await row(mail.to)).toMatchObject({ attempts: 0, sent: false, last_error: null });
    expect((await row(mail.to)).retry_in_s).toBeLessThanOrEqual(0);
  });
});
