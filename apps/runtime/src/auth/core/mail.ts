/**
 * The mails auth sends. Links: `sign-up`, `verify-email`, `password-reset`, `link-email` (adds
 * an email and password to an account, e.g. an anonymous one), `email-change` (to the new
 * address). Notices: `sign-up-attempt` and `email-in-use` go to an address that already has an
 * account, `email-changed` to the old address once a change is applied.
 */
export type MailKind =
  | "sign-up"
  | "sign-up-attempt"
  | "verify-email"
  | "password-reset"
  | "link-email"
  | "email-change"
  | "email-changed"
  | "email-in-use";

/** The kinds that carry no link: notices about an address. */
export const NOTICE_MAIL_KINDS: ReadonlySet<MailKind> = new Set([
  "sign-up-attempt",
  "email-changed",
  "email-in-use",
]);

/** One mail, as the outbox table stores it and the SMTP sender or dev mailbox delivers it. */
export interface MailMessage {
  projectId: string;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Where mails go: a table a sender drains (SMTP where configured, the dev mailbox endpoint
 * otherwise). Enqueueing in the same transaction as the token keeps "token made, mail lost"
 * out of reach. Message bodies carry live links: whoever stores them treats them as secrets.
 */
export interface Outbox {
  enqueue(message: MailMessage): Promise<void>;
}

/** Where links point and how the project is named in mails. */
export interface MailSettings {
  /** The page that handles email links, e.g. `https://app.example.com/auth/action`. */
  actionBaseUrl: string;
  /** The name mails sign with. */
  appName: string;
}

/** The `mode` query parameter of each link, in the style of Firebase's action links. */
const LINK_MODES = {
  "sign-up": "confirmSignUp",
  "verify-email": "verifyEmail",
  "password-reset": "resetPassword",
  "link-email": "confirmLinkEmail",
  "email-change": "verifyAndChangeEmail",
} as const;

/** The purposes that carry a link. */
export type LinkPurpose = keyof typeof LINK_MODES;

/**
 * The link a mail carries: `<actionBaseUrl>?mode=…&oobCode=<token>&project=<projectId>`,
 * keeping any query the base URL already has.
 */
export function actionLink(
  settings: MailSettings,
  purpose: LinkPurpose,
  projectId: string,
  token: string,
): string {
  const url = new URL(settings.actionBaseUrl);
  url.searchParams.set("mode", LINK_MODES[purpose]);
  url.searchParams.set("oobCode", token);
  url.searchParams.set("project", projectId);
  return url.toString();
}

interface Copy {
  subject: string;
  lines: string[];
  link?: { href: string; label: string };
}

const COPY = {
  "sign-up": (app: string, href: string, validFor: string): Copy => ({
    subject: `Confirm your ${app} account`,
    lines: [
      `Someone, hopefully you, signed up for ${app} with this address.`,
      `Open the link to confirm it and finish creating your account. It works for ${validFor}.`,
      "If it was not you, ignore this mail: no account is created.",
    ],
    link: { href, label: "Confirm my account" },
  }),
  "verify-email": (app: string, href: string, validFor: string): Copy => ({
    subject: `Verify your email for ${app}`,
    lines: [`Open the link to verify this address for ${app}. It works for ${validFor}.`],
    link: { href, label: "Verify my email" },
  }),
  "password-reset": (app: string, href: string, validFor: string): Copy => ({
    subject: `Reset your ${app} password`,
    lines: [
      `Someone asked to reset the password of your ${app} account.`,
      `Open the link to choose a new one. It works for ${validFor}, once.`,
      "If it was not you, ignore this mail: your password stays the same.",
    ],
    link: { href, label: "Reset my password" },
  }),
  "link-email": (app: string, href: string, validFor: string): Copy => ({
    subject: `Confirm your email for ${app}`,
    lines: [
      `Someone, hopefully you, asked to sign in to ${app} with this address and a password.`,
      `Open the link to confirm it. It works for ${validFor}.`,
      "If it was not you, ignore this mail: nothing changes.",
    ],
    link: { href, label: "Confirm my email" },
  }),
  "email-change": (app: string, href: string, validFor: string): Copy => ({
    subject: `Confirm your new email for ${app}`,
    lines: [
      `Someone, hopefully you, asked to make this the email of their ${app} account.`,
      `Open the link to confirm the change. It works for ${validFor}.`,
      "If it was not you, ignore this mail: nothing changes.",
    ],
    link: { href, label: "Change my email" },
  }),
} as const;

/**
 * Builds the mail for a link (`sign-up`, `verify-email`, `password-reset`), as plain text and
 * minimal HTML with the same content.
 */
export function buildLinkMail(
  settings: MailSettings,
  purpose: LinkPurpose,
  input: { projectId: string; to: string; token: string; validForMs: number },
): MailMessage {
  const href = actionLink(settings, purpose, input.projectId, input.token);
  const copy = COPY[purpose](settings.appName, href, describeDuration(input.validForMs));
  return { projectId: input.projectId, kind: purpose, to: input.to, ...render(copy, settings) };
}

/**
 * The mail sent instead of a confirmation when someone signs up with an address that already
 * has an account: the owner learns of it, the person signing up learns nothing (see README.md).
 */
export function buildSignUpAttemptMail(
  settings: MailSettings,
  input: { projectId: string; to: string },
): MailMessage {
  const app = settings.appName;
  const copy: Copy = {
    subject: `Someone tried to sign up for ${app} with your email`,
    lines: [
      `Someone tried to create a ${app} account with this address, which already has one.`,
      "If it was you, sign in instead, or reset your password if you have forgotten it.",
      "If it was not you, you can ignore this mail: nothing has changed.",
    ],
  };
  return {
    projectId: input.projectId,
    kind: "sign-up-attempt",
    to: input.to,
    ...render(copy, settings),
  };
}

/**
 * The notice sent instead of a link when an address that already has an account is asked for
 * in a link or an email change: its owner learns of it, the requester learns nothing.
 */
export function buildEmailInUseMail(
  settings: MailSettings,
  input: { projectId: string; to: string },
): MailMessage {
  const app = settings.appName;
  return notice(settings, input, "email-in-use", {
    subject: `Someone tried to use your email for another ${app} account`,
    lines: [
      `Someone tried to add this address to a ${app} account, but it already has one: yours.`,
      "Nothing has changed. If it was you, sign in to your existing account instead.",
    ],
  });
}

/** The notice to the old address once an email change is applied. */
export function buildEmailChangedMail(
  settings: MailSettings,
  input: { projectId: string; to: string },
): MailMessage {
  const app = settings.appName;
  return notice(settings, input, "email-changed", {
    subject: `The email of your ${app} account was changed`,
    lines: [
      `The email of your ${app} account is no longer this address: a change was confirmed.`,
      "If it was not you, reply to this mail or contact the app's support at once.",
    ],
  });
}

function notice(
  settings: MailSettings,
  input: { projectId: string; to: string },
  kind: MailKind,
  copy: Copy,
): MailMessage {
  return { projectId: input.projectId, kind, to: input.to, ...render(copy, settings) };
}

/** What may be logged about a mail: never its body, which carries the token. */
export function describeMail(message: MailMessage): {
  kind: MailKind;
  to: string;
  subject: string;
} {
  return { kind: message.kind, to: message.to, subject: message.subject };
}

function render(
  copy: Copy,
  settings: MailSettings,
): { subject: string; text: string; html: string } {
  const signature = `— ${settings.appName}`;
  const text = [...copy.lines, ...(copy.link ? ["", copy.link.href] : []), "", signature].join(
    "\n",
  );
  const paragraphs = copy.lines.map((line) => `<p>${escapeHtml(line)}</p>`);
  const link = copy.link
    ? [`<p><a href="${escapeHtml(copy.link.href)}">${escapeHtml(copy.link.label)}</a></p>`]
    : [];
  const html = [
    "<!doctype html>",
    '<html><body style="font-family:sans-serif">',
    ...paragraphs,
    ...link,
    `<p>${escapeHtml(signature)}</p>`,
    "</body></html>",
  ].join("\n");
  return { subject: copy.subject, text, html };
}

/** "1 hour", "24 hours", "30 minutes": how long a link works, in the mail's words. */
function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 !== 0) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
