import { ChatOpenAI, type ChatOpenAIFields } from "@langchain/openai";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../eventually.js";
import { startScriptedOpenAI, type ScriptedOpenAI } from "./index.js";

// Errors, retries, timeouts and aborts as ChatOpenAI 1.6 meets them, and the raw endpoints.
let server: ScriptedOpenAI;
const model = (fields: ChatOpenAIFields = {}) =>
  new ChatOpenAI({
    model: "gpt-4o-mini",
    apiKey: server.apiKey,
    configuration: { baseURL: server.url },
    maxRetries: 0,
    ...fields,
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error as Error & { status?: number },
  );

beforeAll(async () => {
  server = await startScriptedOpenAI();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe("errors and timing through ChatOpenAI", () => {
  it("retries a 429 carrying retry-after and then succeeds (maxRetries)", async () => {
    server.enqueue(
      { error: { status: 429, message: "Rate limit reached.", retryAfter: 0 } },
      { content: "After the wait." },
    );
    const message = await model({ maxRetries: 2 }).invoke("Hi");
    expect(message.content).toBe("After the wait.");
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
    // LangChain retries (a new request); the openai client under it has maxRetries 0.
    expect(server.requests[1]?.headers["x-stainless-retry-count"]).toBe("0");
  }, 15_000);

  it("does not retry a 429 without retry-after: LangChain fails it at once", async () => {
    server.enqueue({ error: { status: 429, message: "Slow down." } }, { content: "unused" });
    const error = await failure(model({ maxRetries: 2 }).invoke("Hi"));
    expect(error.status).toBe(429);
    expect(server.requests).toHaveLength(1);
    expect(server.pending).toBe(1);
  });

  it("surfaces a 400 as an error with OpenAI's message, type and code", async () => {
    server.enqueue({
      error: { status: 400, message: "Invalid 'messages'.", code: "invalid_value", param: "x" },
    });
    const error = await failure(model({ maxRetries: 3 }).invoke("Hi"));
    expect(error).toMatchObject({
      status: 400,
      type: "invalid_request_error",
      code: "invalid_value",
      param: "x",
    });
    expect(error.message).toContain("Invalid 'messages'.");
    expect(server.requests).toHaveLength(1);
  });

  it("surfaces an error reply to a streaming request before any chunk", async () => {
    server.enqueue({ error: { status: 400, message: "Bad stream.", code: "bad" } });
    const error = await failure(
      (async () => {
        for await (const _chunk of await model().stream("Hi")) throw new Error("got a chunk");
      })(),
    );
    expect(error).toMatchObject({ status: 400, code: "bad" });
    expect(server.requests[0]?.chat?.stream).toBe(true);
  });

  it("answers a 500 that the client retries, then the next reply", async () => {
    server.enqueue({ error: { status: 500, message: "Upstream hiccup." } }, { content: "Fine." });
    expect((await model({ maxRetries: 1 }).invoke("Hi")).content).toBe("Fine.");
    expect(server.requests.map((r) => r.status)).toEqual([500, 200]);
  }, 15_000);

  it("lets the client's timeout abort a slow reply, and stops the server's work", async () => {
    server.enqueue({ content: "Too late.", delayMs: 30_000 });
    const error = await failure(model({ timeout: 200 }).invoke("Hi"));
    expect(error.name).toBe("TimeoutError");
    const [request] = await eventually(() => {
      expect(server.requests[0]?.aborted).toBe(true);
      return server.requests;
    });
    expect(request?.outcome).toBe("replied");
    expect(request?.status).toBeUndefined();
  });

  it("stops a stream when the caller aborts it halfway", async () => {
    server.enqueue({ content: "one two three four five six", chunkDelayMs: 100 });
    const controller = new AbortController();
    const seen: string[] = [];
    const stream = await model().stream("Count", { signal: controller.signal });
    await failure(
      (async () => {
        for await (const chunk of stream) {
          if (typeof chunk.content === "string" && chunk.content) seen.push(chunk.content);
          if (seen.length === 2) controller.abort();
        }
      })(),
    );
    expect(seen).toEqual(["one ", "two "]);
    await eventually(() => expect(server.requests[0]?.aborted).toBe(true));
    expect(server.requests[0]?.status).toBe(200);
  });
});

describe("the raw endpoints", () => {
  it("lists the configured models for GET /v1/models through the openai client", async () => {
    const other = await startScriptedOpenAI({ models: ["planner-model", "coder-model"] });
    try {
      const client = new OpenAI({ apiKey: other.apiKey, baseURL: other.url, maxRetries: 0 });
      const ids: string[] = [];
      for await (const entry of client.models.list()) ids.push(entry.id);
      expect(ids).toEqual(["planner-model", "coder-model"]);
      expect(other.requests[0]).toMatchObject({ method: "GET", outcome: "models" });
    } finally {
      await other.close();
    }
  });

  it("answers an unknown endpoint with a 404 and a bad body with a 400, both recorded", async () => {
    const unknown = await fetch(`${server.url}/embeddings`, { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "unknown_url" } });
    const bad = await fetch(`${server.url}/chat/completions`, { method: "POST", body: "{oops" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    const noMessages = await fetch(`${server.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: [] }),
    });
    expect(noMessages.status).toBe(400);
    expect(server.requests.map((r) => [r.outcome, r.status])).toEqual([
      ["not-found", 404],
      ["invalid", 400],
      ["invalid", 400],
    ]);
    expect(server.requests[1]?.rawBody).toBe("{oops");
  });

  it("refuses a reply that is not exactly one kind where it is scripted", () => {
    expect(() => server.enqueue({ content: "a", json: {} } as never)).toThrow(/exactly one/);
    expect(() => server.enqueue({ delayMs: 10 } as never)).toThrow(/got none/);
    expect(() => server.enqueue({ error: { status: 200, message: "ok" } })).toThrow(/4xx or 5xx/);
    expect(server.pending).toBe(0);
  });

  it("cuts an in-flight request when closed", async () => {
    const other = await startScriptedOpenAI({ replies: [{ content: "never", delayMs: 30_000 }] });
    const pending = fetch(`${other.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }),
    }).then(
      () => "answered",
      (error: unknown) => error,
    );
    await eventually(() => expect(other.requests).toHaveLength(1));
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(other.requests[0]?.aborted).toBe(true);
  });
});
