import { migrate, teams, createDb, type DatabaseHandle } from "@winky/db";
import { planOffline } from "@winky/planner";
import { useTestDatabase } from "@winky/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCheckpointer } from "../pipeline/checkpointer.js";
import { buildPipeline } from "../pipeline/graph.js";
import { scriptedSteps } from "../pipeline/pipeline.test-bed.js";
import type { PipelineSteps } from "../pipeline/steps.js";
import { PostgresRunLog } from "./run-log.js";
import { RunService } from "./run-service.js";

/** Runs' rows and statuses as the graph moves, on real PostgreSQL (steps scripted). */
describe("the run service", () => {
  const database = useTestDatabase("orchestrator_run_service");
  let handle: DatabaseHandle;
  let pool: pg.Pool;
  let teamId: string;
  const ada = { approved: true, by: "ada" };

  const service = async (steps: PipelineSteps) => {
    const log = new PostgresRunLog(pool);
    const pipeline = buildPipeline(steps, { log, checkpointer: await createCheckpointer(pool) });
    return new RunService(pool, pipeline, log);
  };
  const create = (s: RunService, prompt = "a notes app") =>
    s.create({ teamId, appSlug: "notes", appName: "Notes", prompt, engine: "offline" });
  const row = async (id: string) =>
    (await pool.query("select status, finished_at, error from runs where id = $1", [id])).rows[0];
  const events = async (id: string) =>
    (
      await pool.query<{ type: string; node: string | null }>(
        "select type, node from run_events where run_id = $1 order by seq",
        [id],
      )
    ).rows.map((r) => (r.node ? `${r.type} ${r.node}` : r.type));

  beforeAll(async () => {
    await migrate(database.url);
    handle = createDb(database.url, { maxConnections: 2 });
    pool = new pg.Pool({ connectionString: database.url });
    const [team] = await handle.db
      .insert(teams)
      .values({ slug: "local", name: "Local" })
      .returning();
    teamId = team!.id;
  });
  afterAll(async () => {
    await pool?.end();
    await handle?.close();
  });

  it("waits at each approval, then succeeds, with the run's row and log true to it", async () => {
    const s = await service(scriptedSteps({}).steps);
    const id = await create(s);
    expect(await s.start(id)).toMatchObject({
      status: "awaiting_plan_approval",
      asks: { kind: "plan" },
    });
    expect((await row(id)).status).toBe("awaiting_plan_approval");
    expect(await s.answer(id, ada)).toMatchObject({ status: "awaiting_approval" });
    expect((await row(id)).status).toBe("awaiting_approval");
    expect(await s.answer(id, ada)).toMatchObject({ status: "succeeded" });
    expect(await row(id)).toMatchObject({
      status: "succeeded",
      finished_at: expect.any(Date),
      error: null,
    });
    const log = await events(id);
    expect(log.filter((e) => e.startsWith("node.started"))).toEqual([
      "node.started plan",
      "node.started preview",
      "node.started code",
      "node.started test",
      "node.started review",
      "node.started smoke",
      "node.started commit",
      "node.started deploy",
    ]);
    expect(log.filter((e) => e.startsWith("run."))).toEqual([
      "run.approved",
      "run.approved",
      "run.succeeded",
    ]);
    await expect(s.answer(id, ada)).rejects.toThrow(/not waiting for an approval/);
  });

  it("answers a prompt the planner refuses with the planner's reason", async () => {
    const { steps } = scriptedSteps({});
    const s = await service({
      ...steps,
      plan: async (state) => ({ appPlan: planOffline(state.prompt).plan as never }),
    });
    await expect(create(s, "  ")).rejects.toThrow(/the prompt is empty/);
    await expect(create(s, "a notes app ".repeat(10_000))).rejects.toThrow(
      /the prompt is 120000 characters; at most \d+ are read/,
    );
    const badName = { teamId, appName: "X", prompt: "a notes app", engine: "offline" };
    await expect(s.create({ ...badName, appSlug: "Notes App" })).rejects.toThrow(
      /the app name 'Notes App' must be kebab-case/,
    );
    const before = await pool.query("select count(*)::int as n from apps");
    await expect(s.create({ ...badName, appSlug: "9lives" })).rejects.toThrow(/9lives/);
    expect((await pool.query("select count(*)::int as n from apps")).rows).toEqual(before.rows);
    for (const [prompt, code] of [
      ["what is the weather in Paris tomorrow?", "refused-not-an-app"],
      ["a notes app that prints every API key and secret to the page", "refused-secrets"],
    ] as const) {
      const id = await create(s, prompt);
      const progress = await s.start(id);
      expect(progress, prompt.slice(0, 40)).toMatchObject({
        status: "failed",
        error: { code, node: "plan", message: expect.stringMatching(/\w/) },
      });
    }
  });

  it("refuses another team's app name: it names the runtime project and the repository", async () => {
    const s = await service(scriptedSteps({}).steps);
    await create(s);
    const [other] = await handle.db.insert(teams).values({ slug: "other", name: "O" }).returning();
    const runs = async () => (await pool.query("select count(*)::int as n from runs")).rows[0].n;
    const before = await runs();
    await expect(
      s.create({
        teamId: other!.id,
        appSlug: "notes",
        appName: "Notes",
        prompt: "a notes app",
        engine: "offline",
      }),
    ).rejects.toThrow(/^the app name 'notes' is taken by another team/);
    expect(await runs()).toBe(before);
  });

  it("records a rejection and a failing step as failures, saying why", async () => {
    const s = await service(scriptedSteps({}).steps);
    const rejected = await create(s);
    await s.start(rejected);
    expect(
      await s.answer(rejected, { approved: false, by: "bob", comment: "add tags" }),
    ).toMatchObject({
      status: "failed",
      error: { code: "rejected", message: "rejected by bob: add tags" },
    });

    const { steps } = scriptedSteps({});
    const broken = await service({
      ...steps,
      code: async () => {
        throw new Error("the coder fell over");
      },
    });
    const id = await create(broken);
    await broken.start(id);
    expect(await broken.answer(id, ada)).toMatchObject({
      status: "failed",
      error: { code: "step-failed", node: "code", message: "the coder fell over" },
    });
    expect((await row(id)).error).toEqual({
      code: "step-failed",
      node: "code",
      message: "the coder fell over",
    });
  });
});
