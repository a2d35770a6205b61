import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { MailMessage } from "../core/index.js";
import { MAIL_QUEUED_CHANNEL, PostgresOutbox } from "./outbox.js";
import { createProject, useAuthDatabase } from "./testing.js";

const mail = (to: string): MailMessage => ({
  projectId: "mailer",
  kind: "password-reset",
  to,
  subject: "Reset your Test App password",
  text: "https://app.example.test/auth/action?mode=resetPassword&oobCode=secret",
  html: "<p>link</p>",
});

describe("PostgresOutbox", () => {
  const db = useAuthDatabase("auth_outbox");
  let outbox: PostgresOutbox;
  beforeAll(async () => {
    await createProject(db.pool(), "mailer");
    outbox = new PostgresOutbox(db.pool());
  });

  it("hands pending mails to the sender oldest first, with every field", async () => {
    await outbox.enqueue(mail("first@example.com"));
    await outbox.enqueue(mail("second@example.com"));
    const pending = await outbox.pending(10);
    expect(pending.map((e) => e.message)).toEqual([
      mail("first@example.com"),
      mail("second@example.com"),
    ]);
    expect(pending[0]).toMatchObject({ attempts: 0, lastError: null });
    expect((await outbox.pending(1)).map((e) => e.message.to)).toEqual(["first@example.com"]);
  });

  it("keeps a failed mail pending with its error, and drops a sent one from pending", async () => {
    const [first, second] = await outbox.pending(2);
    await outbox.markFailed(first!.id, `421 try later ${"x".repeat(2000)}`);
    expect(await outbox.markSent(second!.id)).toBe(true);
    expect(await outbox.markSent(second!.id)).toBe(false);
    const pending = await outbox.pending(10);
    expect(pending.map((e) => e.id)).toEqual([first!.id]);
    expect(pending[0]?.attempts).toBe(1);
    expect(pending[0]?.lastError).toHaveLength(1000);
  });

  it("purges sent mails older than the given time and never unsent ones", async () => {
    const [first] = await outbox.pending(1);
    expect(await outbox.purgeSent(new Date(Date.now() + 60_000))).toBe(1);
    expect((await outbox.pending(10)).map((e) => e.id)).toEqual([first!.id]);
    await outbox.markSent(first!.id);
    expect(await outbox.purgeSent(new Date(Date.now() - 60_000))).toBe(0);
    const { rows } = await db.pool().query("select count(*)::int as n from runtime.mail_outbox");
    expect(rows[0].n).toBe(1);
  });

  it("refuses a mail for a project that does not exist", async () => {
    await expect(
      outbox.enqueue({ ...mail("a@example.com"), projectId: "nowhere" }),
    ).rejects.toMatchObject({ code: "23503" });
  });

  it("shows one project's newest mails for the dev mailbox, and no other project's", async () => {
    await createProject(db.pool(), "other-mailer");
    await outbox.enqueue(mail("newest@example.com"));
    await outbox.enqueue({ ...mail("elsewhere@example.com"), projectId: "other-mailer" });
    const recent = await outbox.recent("mailer", 1);
    expect(recent.map((m) => m.to)).toEqual(["newest@example.com"]);
    expect(recent[0]!.createdAt).toBeInstanceOf(Date);
    expect((await outbox.recent("other-mailer", 10)).map((m) => m.to)).toEqual([
      "elsewhere@example.com",
    ]);
  });

  it("notifies the mail senders' channel when a mail is queued, and not when it is refused", async () => {
    const listener = new pg.Client({ connectionString: db.url() });
    await listener.connect();
    try {
      const payloads: Array<string | undefined> = [];
      listener.on("notification", (n) => payloads.push(n.payload));
      await listener.query(`listen ${MAIL_QUEUED_CHANNEL}`);
      await expect(
        outbox.enqueue({ ...mail("a@example.com"), projectId: "nowhere" }),
      ).rejects.toMatchObject({ code: "23503" });
      await outbox.enqueue(mail("notified@example.com"));
      // Notifications arrive in commit order: once the marker is in, the others would be.
      await listener.query(`notify ${MAIL_QUEUED_CHANNEL}, 'marker'`);
      const deadline = Date.now() + 10_000;
      while (payloads.length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      // One notification for the queued mail, none for the refused one, then the marker.
      expect(payloads).toEqual(["", "marker"]);
    } finally {
      await listener.end();
    }
  });
});
