// The runtime's mail sender: drains the auth outbox over SMTP. See README.md.
export { OutboxSender, type MailSenderLogger, type OutboxSenderOptions } from "./outbox-sender.js";
export {
  describeSmtpEndpoint,
  isMailFromAddress,
  parseSmtpUrl,
  smtpUrlProblem,
  type SmtpEndpoint,
} from "./mail-settings.js";
export { isMailSendError, MailSendError, type MailTransport } from "./mail-transport.js";
export { DEFAULT_RETRY_POLICY, retryDelayMs, type MailRetryPolicy } from "./retry-policy.js";
export { SmtpMailTransport } from "./smtp-transport.js";
