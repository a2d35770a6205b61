import {
  HumanMessage,
  ToolMessage,
  type AIMessage,
  type AIMessageChunk,
} from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { startScriptedOpenAI, type ScriptedOpenAI } from "./index.js";

// withStructuredOutput (every method ChatOpenAI 1.6 has) and bindTools, through the real client.
// zod 4 is what @langchain/core 1.x expects; ChatOpenAI also takes zod 3.25+ or JSON schema.
let server: ScriptedOpenAI;
const model = () =>
  new ChatOpenAI({
    model: "gpt-4o-mini",
    apiKey: server.apiKey,
    configuration: { baseURL: server.url },
    maxRetries: 0,
  });
const Plan = z.object({
  title: z.string().describe("The app's name"),
  screens: z.array(z.string()),
});
const plan = { title: "Notes", screens: ["list", "editor"] };
const getWeather = {
  name: "get_weather",
  description: "The weather in a city",
  schema: z.object({ city: z.string() }),
};

beforeAll(async () => {
  server = await startScriptedOpenAI();
});
afterEach(() => {
  server.reset();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

describe("withStructuredOutput against the scripted server", () => {
  it("jsonSchema (the default for gpt-4o models): json comes back as content, parsed", async () => {
    server.enqueue({ json: plan });
    const result = await model().withStructuredOutput(Plan, { name: "plan" }).invoke("Plan it");
    expect(result).toEqual(plan);
    const format = server.requests[0]?.chat?.response_format;
    expect(format).toMatchObject({ type: "json_schema", json_schema: { name: "plan" } });
    expect(format?.json_schema?.schema).toMatchObject({ required: ["title", "screens"] });
  });

  it("jsonMode: json comes back as content of a json_object request", async () => {
    server.enqueue({ json: plan });
    const result = await model()
      .withStructuredOutput(Plan, { method: "jsonMode" })
      .invoke("Plan it, in JSON");
    expect(result).toEqual(plan);
    expect(server.requests[0]?.chat?.response_format).toEqual({ type: "json_object" });
  });

  it("functionCalling: json comes back as the forced tool's call, parsed", async () => {
    server.enqueue({ json: plan, usage: { prompt_tokens: 40, completion_tokens: 10 } });
    const { parsed, raw } = await model()
      .withStructuredOutput(Plan, { method: "functionCalling", name: "plan", includeRaw: true })
      .invoke("Plan it");
    expect(parsed).toEqual(plan);
    expect((raw as AIMessage).usage_metadata?.total_tokens).toBe(50);
    const chat = server.requests[0]?.chat;
    expect(chat?.tool_choice).toEqual({ type: "function", function: { name: "plan" } });
    expect(chat?.tools?.map((t) => t.function?.name)).toEqual(["plan"]);
  });

  // jsonSchema throws the ZodError of the openai client's parse; the others LangChain's
  // OutputParserException. Both name the field.
  it.each(["jsonSchema", "jsonMode", "functionCalling"] as const)(
    "%s: json that breaks the schema is an error, not a result",
    async (method) => {
      server.enqueue({ json: { title: 42, screens: [] } });
      const structured = model().withStructuredOutput(Plan, { method });
      await expect(structured.invoke("Plan it")).rejects.toThrow(/expected string/);
    },
  );
});

describe("bindTools against the scripted server", () => {
  it("parses a scripted tool call into AIMessage.tool_calls", async () => {
    server.enqueue({
      toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" }, id: "call_oslo" }],
    });
    const message = await model().bindTools([getWeather]).invoke("Weather in Oslo?");
    expect(message.tool_calls).toEqual([
      { name: "get_weather", args: { city: "Oslo" }, id: "call_oslo", type: "tool_call" },
    ]);
    expect(message.response_metadata).toMatchObject({ finish_reason: "tool_calls" });
    expect(server.requests[0]?.chat?.tools?.[0]).toMatchObject({
      type: "function",
      function: { name: "get_weather", parameters: { required: ["city"] } },
    });
  });

  it("passes tool_choice and parallel_tool_calls through as sent", async () => {
    server.enqueue({ toolCalls: [{ name: "get_weather", arguments: { city: "Rome" } }] });
    await model()
      .bindTools([getWeather], { tool_choice: "any", parallel_tool_calls: false })
      .invoke("Rome?");
    expect(server.requests[0]?.chat).toMatchObject({
      tool_choice: "required",
      parallel_tool_calls: false,
    });
  });

  it("streams tool-call deltas that the client assembles into two calls", async () => {
    server.enqueue({
      content: "Checking both.",
      toolCalls: [
        { name: "get_weather", arguments: { city: "Oslo" } },
        { name: "get_weather", arguments: { city: "Lima" } },
      ],
    });
    let full: AIMessageChunk | undefined;
    for await (const chunk of await model().bindTools([getWeather]).stream("Oslo and Lima?")) {
      full = full ? full.concat(chunk) : chunk;
    }
    expect(full?.content).toBe("Checking both.");
    expect(full?.tool_calls?.map((c) => [c.name, c.args, c.id])).toEqual([
      ["get_weather", { city: "Oslo" }, "call_0_0"],
      ["get_weather", { city: "Lima" }, "call_0_1"],
    ]);
    expect(full?.usage_metadata?.total_tokens).toBeGreaterThan(0);
  });

  it("reports malformed arguments as an invalid tool call", async () => {
    // LangChain warns when a message has raw tool calls but none parsed: expected here.
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    server.enqueue({ toolCalls: [{ name: "get_weather", arguments: '{"city": "Os' }] });
    const message = await model().bindTools([getWeather]).invoke("Oslo?");
    expect(message.tool_calls).toEqual([]);
    expect(message.invalid_tool_calls).toMatchObject([
      { name: "get_weather", args: '{"city": "Os' },
    ]);
  });

  it("sees the tool result the loop sends back, matched by a rule on the last message", async () => {
    server.script({
      match: (request) => request.messages.at(-1)?.role === "tool",
      reply: (request) => ({ content: `It is ${String(request.messages.at(-1)?.content)}.` }),
    });
    server.enqueue({ toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }] });
    const llm = model().bindTools([getWeather]);
    const history = [new HumanMessage("Weather in Oslo?")];
    const call = await llm.invoke(history);
    const [toolCall] = call.tool_calls ?? [];
    const result = new ToolMessage({ content: "rainy", tool_call_id: toolCall?.id ?? "" });
    const answer = await llm.invoke([...history, call, result]);
    expect(answer.content).toBe("It is rainy.");
    expect(server.requests[1]?.chat?.messages.slice(1)).toMatchObject([
      { role: "assistant", tool_calls: [{ id: "call_0_0", function: { name: "get_weather" } }] },
      { role: "tool", tool_call_id: "call_0_0", content: "rainy" },
    ]);
  });
});
