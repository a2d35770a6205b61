import { HumanMessage, SystemMessage, type AIMessageChunk } from "@langchain/core/messages";
import { ChatOpenAI, type ChatOpenAIFields } from "@langchain/openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startScriptedOpenAI, type ScriptedOpenAI } from "./index.js";

// The real ChatOpenAI (and the `openai` client under it) against the scripted server: what
// it sends, and that what the server answers parses into the messages the code under test sees.
let server: ScriptedOpenAI;
const model = (fields: ChatOpenAIFields = {}) =>
  new ChatOpenAI({
    model: "gpt-4o-mini",
    apiKey: server.apiKey,
    configuration: { baseURL: server.url },
    maxRetries: 0,
    ...fields,
  });

beforeAll(async () => {
  server = await startScriptedOpenAI({ apiKey: "sk-test-bearer-key" });
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe("startScriptedOpenAI through ChatOpenAI", () => {
  it("answers a plain invoke with the queued content and the scripted usage", async () => {
    server.enqueue({ content: "Hello there.", usage: { prompt_tokens: 12, completion_tokens: 3 } });
    const message = await model().invoke([
      new SystemMessage("Be brief."),
      new HumanMessage("Say hello"),
    ]);
    expect(message.content).toBe("Hello there.");
    expect(message.usage_metadata).toMatchObject({
      input_tokens: 12,
      output_tokens: 3,
      total_tokens: 15,
    });
    expect(message.response_metadata).toMatchObject({ finish_reason: "stop" });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v1/chat/completions", status: 200 });
    expect(request?.headers.authorization).toBe("Bearer sk-test-bearer-key");
    expect(request?.chat).toMatchObject({
      model: "gpt-4o-mini",
      stream: false,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Say hello" },
      ],
    });
    expect(server.pending).toBe(0);
  });

  it("estimates usage when none is scripted, so token accounting always has numbers", async () => {
    server.enqueue({ content: "twelve chars" });
    const message = await model().invoke("count me");
    const usage = message.usage_metadata;
    expect(usage?.output_tokens).toBe(3);
    expect(usage?.input_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.input_tokens ?? 0) + 3);
  });

  it("streams content word by word, then the usage chunk the client asked for", async () => {
    server.enqueue({
      content: "One two three.",
      usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
    });
    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await model().stream("Count")) chunks.push(chunk);
    const texts = chunks.map((c) => c.content).filter((c) => c !== "");
    expect(texts).toEqual(["One ", "two ", "three."]);
    const full = chunks.reduce((a, b) => a.concat(b));
    expect(full.content).toBe("One two three.");
    expect(full.usage_metadata).toMatchObject({
      input_tokens: 5,
      output_tokens: 4,
      total_tokens: 9,
    });
    expect(server.requests[0]?.chat).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("chooses a reply by rule: model, last user message, tools, before the queue", async () => {
    server.script({ match: { lastUserMessageIncludes: "weather" }, reply: { content: "Sunny." } });
    server.script({ match: { model: "gpt-4.1" }, reply: { content: "From 4.1." }, times: 1 });
    server.script({
      match: (request) => request.messages.length > 2,
      reply: (request) => ({ content: `You sent ${request.messages.length} messages.` }),
    });
    server.enqueue({ content: "From the queue." });
    expect((await model().invoke("What's the weather?")).content).toBe("Sunny.");
    expect((await model({ model: "gpt-4.1" }).invoke("Hi")).content).toBe("From 4.1.");
    expect((await model().invoke(["a", "b", "c"].map((t) => new HumanMessage(t)))).content).toBe(
      "You sent 3 messages.",
    );
    expect((await model({ model: "gpt-4.1" }).invoke("Hi")).content).toBe("From the queue.");
    expect((await model().invoke("And the weather now?")).content).toBe("Sunny.");
    expect(server.pending).toBe(0);
  });

  it("answers 500 naming the exhausted script, and records it, when nothing is scripted", async () => {
    const error = await model()
      .invoke("Unscripted question")
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ status: 500 });
    expect(String(error)).toContain("the script ran out");
    expect(String(error)).toContain('"Unscripted question"');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ outcome: "exhausted", status: 500 });
  });

  it("records every request and finds a planted secret in any of them", async () => {
    const secret = 'planted-"secret"-9f2c';
    server.enqueue({ content: "first" }, { content: "second" });
    await model().invoke("nothing to hide");
    await model().invoke(`leaking ${secret} here`);
    expect(server.requests.map((r) => r.seq)).toEqual([0, 1]);
    expect(server.requests.every((r) => r.receivedAt instanceof Date)).toBe(true);
    expect(server.requestsContaining(secret).map((r) => r.seq)).toEqual([1]);
    expect(server.requestsContaining("sk-test-bearer-key")).toHaveLength(2);
    expect(server.requestsContaining("never-sent")).toEqual([]);
    const [firstText] = server.receivedText();
    expect(firstText).toMatch(/^POST \/v1\/chat\/completions HTTP\/1\.1\r\n/);
    expect(firstText).toContain("nothing to hide");
    expect(firstText).not.toContain(secret);
  });

  it("refuses a wrong key with OpenAI's 401 error, recorded", async () => {
    server.enqueue({ content: "never served" });
    const error = await model({ apiKey: "sk-wrong" })
      .invoke("Hi")
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ status: 401 });
    expect(server.requests[0]).toMatchObject({ outcome: "unauthorized", status: 401 });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-wrong");
    expect(server.pending).toBe(1);
  });
});
