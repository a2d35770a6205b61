import { createPromptGuard, fixedSecretValues } from "@winky/prompt-guard";
import { startScriptedOpenAI, type ScriptedOpenAI } from "@winky/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createChatModel } from "./chat-model.js";
import { askForObject, StructuredAnswerError } from "./structured-answer.js";
import { BudgetExceededError, UsageMeter } from "./usage-meter.js";

/** Structured answers from a real ChatOpenAI against the scripted OpenAI-compatible server. */
describe("asking a model for a validated object", () => {
  let server: ScriptedOpenAI;
  // Assembled at run time, so no file holds a key-shaped literal.
  const planted = ["winky", "planted", "value", "Qx7"].join("-") + "9f3KpL2";
  const guard = createPromptGuard({ secrets: fixedSecretValues({ DEPLOY_TOKEN: planted }) });
  const Answer = z.object({ title: z.string(), count: z.number().int() });
  const validate = (v: unknown) => {
    const a = Answer.parse(v);
    if (a.count < 1) throw new Error("count: must be at least 1");
    return a;
  };
  const ask = (meter: UsageMeter, content = "make one") =>
    askForObject({
      model: createChatModel(
        {
          baseURL: server.url,
          apiKey: server.apiKey,
          model: "gpt-4o-mini",
        },
        { guard, maxRetries: 0 },
      ),
      schema: Answer,
      validate,
      name: "answer",
      messages: [{ role: "user", content }],
      meter,
      node: "plan",
    });

  beforeAll(async () => {
    server = await startScriptedOpenAI();
  });
  beforeEach(() => server.reset());
  afterAll(async () => {
    await server.close();
  });

  it("returns a valid answer and charges its tokens to the node", async () => {
    server.enqueue({
      json: { title: "Notes", count: 2 },
      usage: { prompt_tokens: 1000, completion_tokens: 500 },
    });
    const meter = new UsageMeter({ inputPerMillion: 1, outputPerMillion: 2 });
    expect(await ask(meter)).toEqual({ value: { title: "Notes", count: 2 }, attempts: 1 });
    expect(meter.byNode()).toEqual({
      plan: { calls: 1, inputTokens: 1000, outputTokens: 500, dollars: 0.002 },
    });
  });

  it("sends a malformed or invalid answer back with what was wrong, then takes the fix", async () => {
    server.enqueue({ content: "here you go: {title" }, { json: { title: "Notes", count: 0 } });
    server.enqueue({ json: { title: "Notes", count: 3 } });
    const meter = new UsageMeter({ inputPerMillion: 0, outputPerMillion: 0 });
    const failing = ask(meter);
    await expect(failing).rejects.toBeInstanceOf(StructuredAnswerError);
    await expect(failing).rejects.toThrow(/count: must be at least 1/);
    expect(JSON.stringify(server.requests[1]!.body)).toContain("the answer is not JSON");
    expect(meter.total().calls).toBe(2);
    // The queue's third answer is valid: a fresh ask succeeds at once.
    expect((await ask(meter)).attempts).toBe(1);
  });

  it("stops a run that goes over its token budget, and starts no call after", async () => {
    server.enqueue({
      json: { title: "A", count: 1 },
      usage: { prompt_tokens: 900, completion_tokens: 200 },
    });
    const meter = new UsageMeter({ inputPerMillion: 0, outputPerMillion: 0 }, { maxTokens: 1000 });
    await expect(ask(meter)).rejects.toBeInstanceOf(BudgetExceededError);
    await expect(ask(meter)).rejects.toThrow(/used 1100 tokens; its budget is 1000/);
    expect(server.requests).toHaveLength(1);
  });

  it("sends no secret the guard knows, even in the prompt", async () => {
    server.enqueue({ json: { title: "A", count: 1 } });
    const meter = new UsageMeter({ inputPerMillion: 0, outputPerMillion: 0 });
    await ask(meter, `deploy with token ${planted} and OPENAI_API_KEY=sk-${"a1B2".repeat(12)}`);
    expect(server.requestsContaining(planted)).toEqual([]);
    expect(server.requestsContaining("a1B2a1B2a1B2")).toEqual([]);
    expect(JSON.stringify(server.requests[0]!.body)).toContain("[redacted: secret DEPLOY_TOKEN]");
  });
});
