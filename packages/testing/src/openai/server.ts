import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { asChatBody, headersOf, parseJson, rawText, readBody, send } from "./http.js";
import { completionBody, errorBody, streamChunks } from "./responses.js";
import { Script, lastUserText } from "./script.js";
import type {
  ChatCompletionBody,
  RecordedRequest,
  ReplySource,
  ScriptRule,
  ScriptedError,
  ScriptedOpenAIOptions,
  ScriptedReply,
} from "./types.js";

/** A running scripted OpenAI-compatible server (see `startScriptedOpenAI`). */
export interface ScriptedOpenAI {
  /** `http://127.0.0.1:<port>/v1`: ChatOpenAI's `configuration.baseURL`. */
  readonly url: string;
  /** The key to give the client: `options.apiKey`, or a fixed unchecked one. */
  readonly apiKey: string;
  /** Every request so far, in arrival order (a live array; `reset()` empties it in place). */
  readonly requests: readonly RecordedRequest[];
  /** Replies still queued plus uses left of limited rules: 0 once the script was all used. */
  readonly pending: number;
  /** Adds replies to the queue, consumed in order by requests no rule matched. */
  enqueue(...replies: ReplySource[]): void;
  /** Adds a rule, tried before the queue (rules in the order added). */
  script(rule: ScriptRule): void;
  /** Every request as the text received: request line, raw headers, raw body (one per request). */
  receivedText(): string[];
  /**
   * The requests in which `text` appears anywhere (request line, any header, body), raw or
   * JSON-escaped: `expect(server.requestsContaining(secret)).toEqual([])`.
   */
  requestsContaining(text: string): RecordedRequest[];
  /** Forgets the queue, the rules and the recorded requests. */
  reset(): void;
  /** Stops the server: open connections are cut and in-flight work stops. */
  close(): Promise<void>;
}

/**
 * Starts a local server on 127.0.0.1 (a free port) speaking the part of OpenAI's API that
 * `@langchain/openai`'s `ChatOpenAI` uses: `POST /v1/chat/completions` (JSON, or SSE with
 * `stream: true`) and `GET /v1/models`. It answers from a script and records every request,
 * so the LLM path is tested end to end through the real client with no model reachable.
 * Unscripted requests get a 500 naming the exhausted script, so such a test cannot pass.
 */
export async function startScriptedOpenAI(
  options: ScriptedOpenAIOptions = {},
): Promise<ScriptedOpenAI> {
  const script = new Script();
  script.enqueue(options.replies ?? []);
  for (const rule of options.rules ?? []) script.addRule(rule);
  const requests: RecordedRequest[] = [];
  const rawTexts = new WeakMap<RecordedRequest, string>();
  // Each request's controller, with the promise of its response's "close".
  const inFlight = new Map<AbortController, Promise<void>>();
  const models = options.models ?? ["gpt-4o-mini"];
  let seq = 0;

  const server = createServer((req, res) => {
    const controller = new AbortController();
    const closed = new Promise<void>((resolve) => {
      res.once("close", () => {
        inFlight.delete(controller);
        if (!res.writableFinished) controller.abort();
        resolve();
      });
    });
    inFlight.set(controller, closed);
    handle(req, res, controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted) return;
      if (!res.headersSent)
        send(res, undefined, 500, errorBody({ status: 500, message: String(error) }));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal) {
    const rawBody = await readBody(req);
    const record: RecordedRequest = {
      seq: seq++,
      receivedAt: new Date(),
      method: req.method ?? "",
      path: req.url ?? "",
      headers: headersOf(req),
      rawBody,
      body: parseJson(rawBody),
      aborted: false,
    };
    requests.push(record);
    rawTexts.set(record, rawText(req, rawBody));
    res.once("close", () => {
      if (!res.writableFinished) record.aborted = true;
    });
    const answer = (outcome: RecordedRequest["outcome"], status: number, body: object) => {
      record.outcome = outcome;
      send(res, record, status, body);
    };

    if (
      options.apiKey !== undefined &&
      record.headers.authorization !== `Bearer ${options.apiKey}`
    ) {
      const message = "Incorrect API key provided (scripted OpenAI server).";
      return answer(
        "unauthorized",
        401,
        errorBody({ status: 401, message, code: "invalid_api_key" }),
      );
    }
    const path = record.path.split("?")[0] ?? "";
    if (req.method === "GET" && path === "/v1/models") {
      const data = models.map((id) => ({ id, object: "model", created: 0, owned_by: "scripted" }));
      return answer("models", 200, { object: "list", data });
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      const message = `Unknown request URL: ${req.method} ${record.path} (the scripted OpenAI server speaks POST /v1/chat/completions and GET /v1/models).`;
      return answer("not-found", 404, errorBody({ status: 404, message, code: "unknown_url" }));
    }
    const chat = asChatBody(record.body);
    if (typeof chat === "string") {
      return answer("invalid", 400, errorBody({ status: 400, message: chat }));
    }
    record.chat = chat;
    const reply = script.take(chat);
    if (!reply) {
      const message =
        `Scripted OpenAI server: the script ran out. Request #${record.seq} ` +
        `(model ${chat.model}, last user message ${JSON.stringify(lastUserText(chat).slice(0, 200))}) ` +
        `matched no rule and the reply queue is empty. Enqueue a reply or add a rule for it.`;
      return answer(
        "exhausted",
        500,
        errorBody({ status: 500, message, code: "script_exhausted" }),
      );
    }
    record.outcome = "replied";
    record.reply = reply;
    await serve(res, record, chat, reply, signal);
  }

  async function serve(
    res: ServerResponse,
    record: RecordedRequest,
    chat: ChatCompletionBody,
    reply: ScriptedReply,
    signal: AbortSignal,
  ) {
    const n = record.seq;
    if (reply.delayMs) await sleep(reply.delayMs, undefined, { signal });
    if (reply.error) return sendError(res, record, reply.error);
    if (chat.stream !== true) return send(res, record, 200, completionBody(chat, n, reply));
    record.status = 200;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "x-request-id": `req_scripted_${n}`,
    });
    const chunks = streamChunks(chat, n, reply);
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs, undefined, { signal });
      signal.throwIfAborted();
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end("data: [DONE]\n\n");
  }

  function sendError(res: ServerResponse, record: RecordedRequest, error: ScriptedError) {
    const headers: Record<string, string> = { ...error.headers };
    if (error.retryAfter !== undefined) headers["retry-after"] = String(error.retryAfter);
    send(res, record, error.status, errorBody(error), headers);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey: options.apiKey ?? "sk-scripted-openai-test-key",
    requests,
    get pending() {
      return script.pending;
    },
    enqueue: (...replies) => script.enqueue(replies),
    script: (rule) => script.addRule(rule),
    receivedText: () => requests.map((r) => rawTexts.get(r) ?? ""),
    requestsContaining(text) {
      const escaped = JSON.stringify(text).slice(1, -1);
      return requests.filter((r) => {
        const raw = rawTexts.get(r) ?? "";
        return raw.includes(text) || raw.includes(escaped);
      });
    },
    reset() {
      script.clear();
      requests.length = 0;
      seq = 0;
    },
    async close() {
      const responses = [...inFlight.values()];
      for (const controller of inFlight.keys()) controller.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([closed, ...responses]);
    },
  };
}
