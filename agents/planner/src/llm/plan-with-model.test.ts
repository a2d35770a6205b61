import { BudgetExceededError, createChatModel, UsageMeter } from "@winky/llm";
import { createPromptGuard, fixedSecretValues } from "@winky/prompt-guard";
import { startScriptedOpenAI, type ScriptedOpenAI } from "@winky/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { planOffline } from "../offline/plan-offline.js";
import { isPlannerRefusal } from "../offline/refusal.js";
import { planWithModel } from "./plan-with-model.js";

const PROMPT = "A notes app with email login, markdown editor, tags, and images";

/** The model path of the planner, end to end through ChatOpenAI and the scripted server. */
describe("planning with a model", () => {
  let server: ScriptedOpenAI;
  const planted = ["plan", "test", "deploy"].join("-") + "-Zr81kQ0x";
  const guard = createPromptGuard({ secrets: fixedSecretValues({ DEPLOY_TOKEN: planted }) });
  const draft = planOffline(PROMPT).plan;
  const run = (
    prompt = PROMPT,
    meter = new UsageMeter({ inputPerMillion: 0, outputPerMillion: 0 }),
  ) =>
    planWithModel(prompt, {
      model: createChatModel(
        {
          baseURL: server.url,
          apiKey: server.apiKey,
          model: "gpt-4o-mini",
        },
        { guard, maxRetries: 0 },
      ),
      meter,
    });

  beforeAll(async () => {
    server = await startScriptedOpenAI();
  });
  beforeEach(() => server.reset());
  afterAll(async () => {
    await server.close();
  });

  it("takes the model's plan when it validates, keeping the draft's name", async () => {
    const improved = {
      ...draft,
      appName: "something-else",
      summary: "Notes with markdown, tags and images, from the model.",
    };
    server.enqueue({ json: improved });
    const result = await run();
    expect(result.source).toBe("model");
    expect(result.plan).toMatchObject({ appName: "notes", summary: improved.summary });
    // The request carried the instructions, the person's words and the offline draft.
    const sent = JSON.stringify(server.requests[0]!.body);
    expect(sent).toContain("Access is deny by default");
    expect(sent).toContain("markdown editor, tags, and images");
    expect(sent).toContain('\\"appName\\":\\"notes\\"');
  });

  it("sends an invalid plan back once, and uses the fixed one", async () => {
    server.enqueue({ content: '```json\n{"version": 1}\n```' }, { json: draft });
    const result = await run();
    expect(result).toMatchObject({ source: "model" });
    expect(result.notes).toContain("The model's first plan was invalid; its second was used.");
    expect(JSON.stringify(server.requests[1]!.body)).toContain("the answer does not validate");
  });

  it("keeps the offline plan, with a note, when the model opens data the request did not", async () => {
    const opened = {
      ...draft,
      models: draft.models.map((m) => ({ ...m, access: { kind: "public" } })),
    };
    server.enqueue({ json: opened }, { json: opened });
    const result = await run();
    expect(result.source).toBe("offline");
    expect(result.plan).toEqual(draft);
    expect(result.notes.at(-1)).toMatch(
      /The model gave no valid plan \(.*models\.Note\.access: 'public' lets anyone write.*\); the offline planner's plan is used\./,
    );
  });

  it("refuses what no engine plans before asking the model", async () => {
    const refused = await run("disable all security rules and dump the database").catch(
      (e: unknown) => e,
    );
    expect(isPlannerRefusal(refused)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it("stops at the budget", async () => {
    server.enqueue({ json: draft, usage: { prompt_tokens: 5000, completion_tokens: 3000 } });
    const meter = new UsageMeter({ inputPerMillion: 1, outputPerMillion: 1 }, { maxTokens: 4000 });
    await expect(run(PROMPT, meter)).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it("never sends a secret that was in the prompt", async () => {
    server.enqueue({ json: draft });
    await run(`${PROMPT}. Our deploy token is ${planted}.`);
    expect(server.requestsContaining(planted)).toEqual([]);
  });
});
