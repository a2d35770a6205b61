/** Where the SMTP sender connects, from `WINKY_SMTP_URL`. */
export interface SmtpEndpoint {
  host: string;
  port: number;
  /** TLS from the first byte (`smtps://`); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Absent when the URL names no user: the sender does not authenticate. */
  auth?: { user: string; pass: string };
}

/** The submission port for `smtp://` (RFC 6409) and implicit TLS for `smtps://` (RFC 8314). */
const DEFAULT_PORTS = { "smtp:": 587, "smtps:": 465 } as const;

const SMTP_URL_SHAPE = "must be smtp://[user:password@]host[:port] or smtps://…";

/**
 * Why `url` is not a usable `WINKY_SMTP_URL`, or `null` when it is. The reason never quotes the
 * URL, which may carry a password.
 */
export function smtpUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return SMTP_URL_SHAPE;
  }
  if (!(parsed.protocol in DEFAULT_PORTS)) return SMTP_URL_SHAPE;
  if (!parsed.hostname) return `${SMTP_URL_SHAPE} (the host is missing)`;
  // Nodemailer reads options from a query string; ignoring them silently would surprise more
  // than refusing them, and a path has no meaning for SMTP.
  if (parsed.search || (parsed.pathname !== "" && parsed.pathname !== "/")) {
    return `${SMTP_URL_SHAPE} (no path or query)`;
  }
  if (parsed.password && !parsed.username) return `${SMTP_URL_SHAPE} (a password needs a user)`;
  try {
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.password);
  } catch {
    return `${SMTP_URL_SHAPE} (the user or password is not valid percent-encoding)`;
  }
  return null;
}

/**
 * The endpoint a valid `WINKY_SMTP_URL` names; user and password are percent-decoded, so
 * `smtp://me%40example.com:p%40ss@host` logs in as `me@example.com`.
 *
 * @throws Error (without the URL) when {@link smtpUrlProblem} finds one; `env.ts` checks first.
 */
export function parseSmtpUrl(url: string): SmtpEndpoint {
  const problem = smtpUrlProblem(url);
  if (problem) throw new Error(`WINKY_SMTP_URL ${problem}`);
  const parsed = new URL(url);
  const protocol = parsed.protocol as keyof typeof DEFAULT_PORTS;
  const endpoint: SmtpEndpoint = {
    // WHATWG URLs keep IPv6 literals bracketed; sockets want them bare.
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: parsed.port ? Number(parsed.port) : DEFAULT_PORTS[protocol],
    secure: protocol === "smtps:",
  };
  if (parsed.username) {
    endpoint.auth = {
      user: decodeURIComponent(parsed.username),
      pass: decodeURIComponent(parsed.password),
    };
  }
  return endpoint;
}

/** `smtp://host:port`, for logs: the URL without its credentials. */
export function describeSmtpEndpoint(endpoint: SmtpEndpoint): string {
  const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
  return `${endpoint.secure ? "smtps" : "smtp"}://${host}:${endpoint.port}`;
}

// One mailbox, bare or with a display name: `no-reply@example.com`, `Winky <no-reply@example.com>`.
// No line breaks (they would inject headers) and no lists.
const ADDRESS = String.raw`[^\s<>@,;"]+@[^\s<>@,;"]+`;
const MAIL_FROM = new RegExp(String.raw`^(?:${ADDRESS}|[^<>\r\n]*<${ADDRESS}>)$`);

/** Whether `value` is one sender address a `From:` header can carry as is. */
export function isMailFromAddress(value: string): boolean {
  return MAIL_FROM.test(value.trim());
}
