import { generateApp } from "@winky/coder";
import { createDb, migrate, teams, type DatabaseHandle } from "@winky/db";
import { planOffline, validatePlan } from "@winky/planner";
import { createPromptGuard, fixedSecretValues } from "@winky/prompt-guard";
import { startScriptedOpenAI, useTestDatabase, type ScriptedOpenAI } from "@winky/testing";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCheckpointer } from "../pipeline/checkpointer.js";
import { buildPipeline } from "../pipeline/graph.js";
import { failing, PASS, scriptedSteps } from "../pipeline/pipeline.test-bed.js";
import { PostgresRunLog } from "../runs/run-log.js";
import { RunService } from "../runs/run-service.js";
import { withModelEngine } from "./model-engine.js";

const PROMPT = "A notes app with email login, markdown editor, tags, and images";
// Assembled at run time: no file holds a key-shaped literal.
const STORED = ["sk", "live", "Zq81Lm4Pw0XcVb7N"].join("_");
const IN_PROMPT = ["Qm9v", "ZW4z", "RkFr", "ZUtl", "eTEy", "MzQ1", "Njc4", "OTBh"].join("");

/**
 * The model path of a run end to end, through ChatOpenAI and the guard, against the scripted
 * OpenAI-compatible server: the plan from structured output (a malformed first answer sent back),
 * the templated app edited with tool calls, a failed check repaired by the model, usage logged per
 * node, a budget overrun stopping the run cleanly — and no planted secret in any request.
 */
describe("a run with the model engine", () => {
  const database = useTestDatabase("orchestrator_model_engine");
  let server: ScriptedOpenAI;
  let handle: DatabaseHandle;
  let pool: pg.Pool;
  let teamId: string;
  const draft = planOffline(PROMPT).plan;
  const call = (name: string, args: Record<string, unknown>) => ({
    toolCalls: [{ name, arguments: args }],
  });

  const service = async (budget: { maxTokens?: number }) => {
    const { steps } = scriptedSteps({
      test: [failing("renders the title: expected My Notes"), PASS],
    });
    const offline = {
      ...steps,
      // The templates' app, and a key someone pasted into a file of it.
      code: async (state: { appPlan?: Record<string, unknown> }) => ({
        files: {
          ...generateApp(validatePlan(state.appPlan)).files,
          "src/payments.ts": `export const stripeKey = "${STORED}";\n`,
        },
      }),
    };
    const steps2 = withModelEngine(offline, {
      config: {
        baseURL: server.url,
        apiKey: server.apiKey,
        model: "gpt-4o-mini",
        prices: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
        budget,
      },
      guard: createPromptGuard({ secrets: fixedSecretValues({ STRIPE_SECRET_KEY: STORED }) }),
      pool,
    });
    const log = new PostgresRunLog(pool);
    const pipeline = buildPipeline(steps2, { log, checkpointer: await createCheckpointer(pool) });
    return new RunService(pool, pipeline, log);
  };
  const usage = async (runId: string) =>
    (
      await pool.query<{ node: string; usage: { calls: number; inputTokens: number } }>(
        `select node, payload->'usage' as usage from run_events
          where run_id = $1 and payload ? 'usage' order by seq`,
        [runId],
      )
    ).rows;

  beforeAll(async () => {
    server = await startScriptedOpenAI();
    await migrate(database.url);
    handle = createDb(database.url, { maxConnections: 2 });
    pool = new pg.Pool({ connectionString: database.url });
    const [team] = await handle.db
      .insert(teams)
      .values({ slug: "local", name: "Local" })
      .returning();
    teamId = team!.id;
  });
  beforeEach(() => server.reset());
  afterAll(async () => {
    await server?.close();
    await pool?.end();
    await handle?.close();
  });

  it("plans, edits and repairs with the model, and no secret reaches it", async () => {
    const s = await service({ maxTokens: 200_000 });
    server.enqueue(
      { content: "{ not json", usage: { prompt_tokens: 3000, completion_tokens: 10 } },
      { json: { ...draft, summary: "Markdown notes with tags and pictures." } },
      // Round 0: the model reads the file with the key, then edits the README.
      call("read_file", { path: "src/payments.ts" }),
      call("replace_in_file", {
        path: "README.md",
        search: `# ${draft.title}`,
        replace: "# My Notes",
      }),
      call("finish", { summary: "named the app My Notes" }),
      // Round 1: the failed test's findings come back; the model edits again.
      call("create_file", {
        path: "src/lib/title.ts",
        content: 'export const title = "My Notes";\n',
      }),
      call("finish", { summary: "added the title" }),
      // The review: the model reads the diff from the templated app.
      { json: { ok: true, findings: [] } },
    );
    const id = await s.create({
      teamId,
      appSlug: "notes",
      appName: "Notes",
      prompt: `${PROMPT}. Token ${IN_PROMPT}`,
      engine: "model",
    });
    expect(await s.start(id)).toMatchObject({ status: "awaiting_plan_approval" });
    const state = await s.state(id);
    expect(state?.appPlan).toMatchObject({
      appName: "notes",
      summary: "Markdown notes with tags and pictures.",
    });
    expect(await s.answer(id, { approved: true, by: "ada" })).toMatchObject({
      status: "awaiting_approval",
    });
    const files = (await s.state(id))!.files!;
    expect(files["README.md"]).toContain("# My Notes");
    expect(files["src/lib/title.ts"]).toBe('export const title = "My Notes";\n');
    expect(server.pending).toBe(0);
    // The review was shown the model's edits.
    expect(server.requestsContaining('+export const title = \\"My Notes\\";')).toHaveLength(1);
    // The repair round was told what failed.
    expect(server.requestsContaining("renders the title: expected My Notes")).toHaveLength(2);
    // Usage per node, in the run's log.
    const logged = await usage(id);
    expect(logged.map((u) => u.node)).toEqual(["plan", "code", "code", "review"]);
    expect(logged[0]!.usage).toMatchObject({ calls: 2 });
    // Planted in the store (and a file), and in the prompt: in no request.
    expect(server.requestsContaining(STORED)).toEqual([]);
    expect(server.requestsContaining(IN_PROMPT)).toEqual([]);
    // …because the guard took them out, not because they were never sent.
    expect(
      server.requestsContaining("[redacted: secret STRIPE_SECRET_KEY]").length,
    ).toBeGreaterThan(0);
    expect(
      server.requestsContaining("markdown editor, tags, and images. Token [redacted:").length,
    ).toBeGreaterThan(0);
  });

  it("stops a run that goes over its budget, saying which limit", async () => {
    const s = await service({ maxTokens: 1000 });
    server.enqueue({ json: draft, usage: { prompt_tokens: 1500, completion_tokens: 100 } });
    const id = await s.create({
      teamId,
      appSlug: "notes-2",
      appName: "Notes",
      prompt: PROMPT,
      engine: "model",
    });
    expect(await s.start(id)).toMatchObject({
      status: "failed",
      error: {
        code: "budget-exceeded",
        node: "plan",
        message: expect.stringMatching(/1600 tokens; its budget is 1000/),
      },
    });
    // The spent tokens are in the log even though the step failed.
    expect((await usage(id)).map((u) => u.node)).toEqual(["plan"]);
  });
});
