// The plain `node:http` plumbing of the scripted OpenAI server: bodies, headers, raw text.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatCompletionBody, RecordedRequest } from "./types.js";

/** Sends a JSON answer, noting its status on the record. */
export function send(
  res: ServerResponse,
  record: RecordedRequest | undefined,
  status: number,
  body: object,
  headers = {},
) {
  const json = JSON.stringify(body);
  if (record) record.status = status;
  res.writeHead(status, { ...headers, "content-type": "application/json" });
  res.end(json);
}

/** The whole body, unbounded: a test server, and every request must be recorded whole. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Lower-case names; a repeated header's values joined with `, `. */
export function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? "").toLowerCase();
    const value = req.rawHeaders[i + 1] ?? "";
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/** The request as received: request line, raw headers, body (what secret scans search). */
export function rawText(req: IncomingMessage, body: string): string {
  const head = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    head.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  return `${head.join("\r\n")}\r\n\r\n${body}`;
}

export function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The body as a chat completion request, or why it is not one (a 400's message). */
export function asChatBody(body: unknown): ChatCompletionBody | string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return "The request body must be a JSON object.";
  }
  const { model, messages } = body as Record<string, unknown>;
  if (typeof model !== "string" || model === "") return "you must provide a model parameter";
  if (!Array.isArray(messages) || messages.length === 0) {
    return "'messages' must be a non-empty array.";
  }
  return body as ChatCompletionBody;
}
