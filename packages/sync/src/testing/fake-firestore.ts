import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { WireFields } from "../sync-adapter.js";
import { invalidFields } from "./firestore-values.js";

/** A commit the server accepted, as it arrived. */
export interface RecordedCommit {
  writes: Array<{ update?: { name: string; fields: WireFields }; delete?: string }>;
  authorization: string | undefined;
}

/** A failure the server was told to answer with, instead of doing the next commit. */
export interface InjectedFailure {
  status: number;
  retryAfter?: string;
  message?: string;
}

const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  503: "UNAVAILABLE",
};

/**
 * A local server that speaks Firestore's REST `documents:commit` (and nothing else): checks a
 * body as Firestore would (at most 500 writes, full document names in the URL's project and
 * database, Value JSON), applies it atomically to its own documents and records it. Tests tell
 * it to fail the next requests, or to refuse any commit that writes a given document.
 */
export class FakeFirestore {
  /** Accepted commits, in order. */
  readonly commits: RecordedCommit[] = [];
  /** Every request's answer status, refusals included. */
  readonly statuses: number[] = [];
  readonly documents = new Map<string, WireFields>();
  private failures: InjectedFailure[] = [];
  private readonly refused = new Map<string, string>();
  private server: Server | undefined;
  url = "";

  static async start(): Promise<FakeFirestore> {
    const fake = new FakeFirestore();
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server!.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The next `count` requests are answered with `failure` and change nothing. */
  failNext(count: number, failure: InjectedFailure): void {
    this.failures.push(...Array.from({ length: count }, () => failure));
  }

  /** Any commit writing `path` (below `documents/`) is refused with a 400 and `message`. */
  refuse(path: string, message: string): void {
    this.refused.set(path, message);
  }

  /** The documents written so far, as path (below `documents/`) → fields. */
  snapshot(): Map<string, WireFields> {
    return new Map(this.documents);
  }

  close(): Promise<void> {
    // fetch keeps connections alive; without this, close waits for them to time out
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = (status: number, body: object, headers: Record<string, string> = {}) => {
      this.statuses.push(status);
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, message: string, headers?: Record<string, string>) =>
      answer(
        status,
        { error: { code: status, message, status: STATUS[status] ?? "UNKNOWN" } },
        headers,
      );

    const match = /^\/v1\/(projects\/[^/]+\/databases\/[^/]+\/documents):commit$/.exec(
      req.url ?? "",
    );
    if (req.method !== "POST" || !match) return fail(404, `no route ${req.method} ${req.url}`);
    const injected = this.failures.shift();
    if (injected) {
      const headers: Record<string, string> = injected.retryAfter
        ? { "retry-after": injected.retryAfter }
        : {};
      return fail(injected.status, injected.message ?? "injected failure", headers);
    }
    if (!req.headers.authorization?.startsWith("Bearer ")) {
      return fail(401, "Request is missing required authentication credential.");
    }
    const root = decodeURIComponent(match[1]!);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return fail(400, "Invalid JSON payload received.");
    }
    const problem = invalidCommit(body, root);
    if (problem) return fail(400, problem);
    const writes = (body as { writes: RecordedCommit["writes"] }).writes;
    for (const write of writes) {
      const path = (write.update?.name ?? write.delete!).slice(root.length + 1);
      const message = this.refused.get(path);
      if (message) return fail(400, message);
    }
    for (const write of writes) {
      if (write.update)
        this.documents.set(write.update.name.slice(root.length + 1), write.update.fields);
      else this.documents.delete(write.delete!.slice(root.length + 1));
    }
    this.commits.push({ writes, authorization: req.headers.authorization });
    const commitTime = new Date().toISOString();
    answer(200, { writeResults: writes.map(() => ({ updateTime: commitTime })), commitTime });
  }
}

/** What Firestore would say is wrong with a commit body, or undefined. */
function invalidCommit(body: unknown, root: string): string | undefined {
  const writes = (body as { writes?: unknown } | null)?.writes;
  if (!Array.isArray(writes) || writes.length === 0) return "writes: a non-empty list is required";
  if (writes.length > 500) return "maximum 500 writes allowed per request";
  for (const [i, w] of writes.entries()) {
    const write = w as { update?: { name?: unknown; fields?: unknown }; delete?: unknown };
    if (Object.keys(write).length !== 1) return `writes[${i}]: exactly one operation is required`;
    const name = write.update ? write.update.name : write.delete;
    if (typeof name !== "string" || !name.startsWith(`${root}/`)) {
      return `writes[${i}]: document name '${String(name)}' is not in ${root}`;
    }
    if (name.slice(root.length + 1).split("/").length % 2 !== 0) {
      return `writes[${i}]: '${name}' is not a document name`;
    }
    if (write.update) {
      const problem = invalidFields(write.update.fields ?? {}, root, "");
      if (problem) return `writes[${i}].update.fields: ${problem}`;
    }
  }
  return undefined;
}
