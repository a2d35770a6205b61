import type { MailMessage } from "../auth/core/index.js";

/**
 * Hands one mail to a mail server. The transport owns its connections: one `send` may open and
 * close its own, and nothing needs closing between sends.
 */
export interface MailTransport {
  /**
   * Resolves once the server has accepted the mail for delivery.
   *
   * @throws MailSendError when it did not; its message is safe to store and log (no
   *   credentials, no mail body). Aborting `signal` rejects promptly with `aborted: true`.
   */
  send(message: MailMessage, signal: AbortSignal): Promise<void>;
}

/**
 * A mail the server did not accept. The message is what the outbox records in `last_error`:
 * the server's reply or the connection failure, with credentials redacted.
 */
export class MailSendError extends Error {
  override readonly name = "MailSendError";

  constructor(
    message: string,
    /** The send was cancelled (the sender is stopping), not refused: it does not count. */
    readonly aborted = false,
  ) {
    super(message);
  }
}

/** Guard by name, so it holds across bundles. */
export function isMailSendError(error: unknown): error is MailSendError {
  return error instanceof Error && error.name === "MailSendError";
}
