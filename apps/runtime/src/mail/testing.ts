// Test support for this folder's integration tests: a real SMTP server on a free port.
import { SMTPServer } from "smtp-server";
import { parseMime, type ParsedMail } from "./mime.js";

/** One mail the server accepted, as it arrived. */
export interface ReceivedMail extends ParsedMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  /** The user the client authenticated as, if it did. */
  user: string | null;
}

/** How the server answers a DATA command. */
export type DataReply =
  | { kind: "accept" }
  /** Reply with this SMTP code and text, e.g. 451 "try again later". */
  | { kind: "reject"; code: number; text: string }
  /** Never answer: the client waits until it gives up or aborts. */
  | { kind: "hang" };

export interface TestSmtpServer {
  readonly port: number;
  /** `smtp://[user:pass@]127.0.0.1:<port>`. */
  url(credentials?: { user: string; pass: string }): string;
  /** Every accepted mail, in arrival order. */
  readonly received: ReceivedMail[];
  /** How many DATA commands arrived, accepted or not. */
  dataCommands(): number;
  /** Answers the next DATA commands with these replies, in order, then with the default. */
  replyNext(...replies: DataReply[]): void;
  /** The answer once the queued ones are used up (at first: accept). */
  replyByDefault(reply: DataReply): void;
  close(): Promise<void>;
}

export interface TestSmtpServerOptions {
  /** Require AUTH with these credentials (PLAIN or LOGIN, over plain TCP). */
  auth?: { user: string; pass: string };
  /** Rejects a wrong login with a reply that quotes the password, as a careless server might. */
  echoPasswordOnBadLogin?: boolean;
  /** Listen on this port (0 or absent: a free one). */
  port?: number;
  /** Wait this long before accepting a mail, so concurrent clients overlap. */
  acceptDelayMs?: number;
}

/** Starts an SMTP server on 127.0.0.1 that accepts every mail until told otherwise. */
export async function startTestSmtpServer(
  options: TestSmtpServerOptions = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let dataCommands = 0;
  const queuedReplies: DataReply[] = [];
  let defaultReply: DataReply = { kind: "accept" };
  const server = new SMTPServer({
    // No certificate the client would trust: plain TCP, where the client sends AUTH as is.
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    logger: false,
    // Held connections must not keep close() waiting for its default 30 s.
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      if (expected && auth.username === expected.user && auth.password === expected.pass) {
        callback(null, { user: auth.username });
        return;
      }
      const text = options.echoPasswordOnBadLogin
        ? `no user ${auth.username ?? ""} with password ${auth.password ?? ""}`
        : "invalid username or password";
      callback(Object.assign(new Error(text), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      dataCommands++;
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const reply = queuedReplies.shift() ?? defaultReply;
        if (reply.kind === "hang") return;
        if (reply.kind === "reject") {
          callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
          return;
        }
        if (options.acceptDelayMs) await new Promise((r) => setTimeout(r, options.acceptDelayMs));
        const { mailFrom, rcptTo } = session.envelope;
        received.push({
          ...parseMime(Buffer.concat(chunks).toString("utf8")),
          envelopeFrom: mailFrom ? mailFrom.address : null,
          envelopeTo: rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : null,
        });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("SMTP server has no TCP port");
  const port = address.port;
  return {
    port,
    url: (credentials) =>
      credentials
        ? `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@127.0.0.1:${port}`
        : `smtp://127.0.0.1:${port}`,
    received,
    dataCommands: () => dataCommands,
    replyNext: (...replies) => {
      queuedReplies.push(...replies);
    },
    replyByDefault: (reply) => {
      defaultReply = reply;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `condition` until it holds, or fails after `timeoutMs` with `what`. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
