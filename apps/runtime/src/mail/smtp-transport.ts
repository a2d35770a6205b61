import nodemailer from "nodemailer";
import type { MailMessage } from "../auth/core/index.js";
import type { SmtpEndpoint } from "./mail-settings.js";
import { MailSendError, type MailTransport } from "./mail-transport.js";

/**
 * Nodemailer waits up to 2 minutes to connect and 10 minutes on an idle socket. The sender
 * holds the mail's row lock (and a pooled database connection) for the whole send, so a
 * silent server must fail fast enough to be retried instead of pinning both.
 */
const TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  dnsTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

/**
 * {@link MailTransport} over SMTP with nodemailer: one connection per mail (auth mail is rare,
 * and a fresh connection recovers from a restarted relay with nothing to reset), STARTTLS when
 * the server offers it on `smtp://`, TLS from the start on `smtps://`, certificates verified.
 */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: ReturnType<typeof nodemailer.createTransport>;
  private readonly secrets: string[];

  constructor(
    endpoint: SmtpEndpoint,
    /** The `From:` of every mail, e.g. `Winky <no-reply@example.com>`. */
    private readonly from: string,
  ) {
    this.transporter = nodemailer.createTransport({
      host: endpoint.host,
      port: endpoint.port,
      secure: endpoint.secure,
      ...(endpoint.auth ? { auth: { user: endpoint.auth.user, pass: endpoint.auth.pass } } : {}),
      ...TIMEOUTS,
    });
    this.secrets = endpoint.auth ? secretForms(endpoint.auth) : [];
  }

  /** @throws MailSendError with the server's reply or the connection failure, redacted. */
  async send(message: MailMessage, signal: AbortSignal): Promise<void> {
    try {
      await this.transporter.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // RFC 3834: out-of-office and other auto-responders must not answer machine mail.
        headers: { "Auto-Submitted": "auto-generated" },
        signal,
      });
    } catch (error) {
      throw new MailSendError(redact(describeSmtpError(error), this.secrets), signal.aborted);
    }
  }
}

/** `EENVELOPE: Can't send mail - all recipients were rejected: 451 …`, or the bare message. */
function describeSmtpError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as { code?: unknown };
  return typeof code === "string" && !error.message.startsWith(code)
    ? `${code}: ${error.message}`
    : error.message;
}

/**
 * The credentials as they could appear in an error: raw, percent-encoded as in the URL, and
 * base64 as AUTH PLAIN/LOGIN send them (a server may quote what it received).
 */
function secretForms(auth: { user: string; pass: string }): string[] {
  const base64 = (s: string) => Buffer.from(s).toString("base64");
  const forms = [auth.user, auth.pass].flatMap((s) => [s, encodeURIComponent(s), base64(s)]);
  forms.push(base64(`\u0000${auth.user}\u0000${auth.pass}`));
  // Longest first, so a password that contains the user name is not half-redacted.
  return [...new Set(forms.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of a secret with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.replaceAll(secret, "***"), text);
}
