import { migrate, teams, createDb, type DatabaseHandle } from "@winky/db";
import { eventually, testRedisUrl, useTestDatabase, useTestRedis } from "@winky/testing";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCheckpointer } from "../pipeline/checkpointer.js";
import { buildPipeline } from "../pipeline/graph.js";
import { PASS, failing, scriptedSteps } from "../pipeline/pipeline.test-bed.js";
import type { PipelineSteps } from "../pipeline/steps.js";
import { PostgresRunLog } from "../runs/run-log.js";
import { RunService } from "../runs/run-service.js";
import { QueuedRunControl, type QueuedRunControlOptions } from "./queued-run-control.js";
import type { Actor } from "./run-control.js";
import { startRunWorker } from "./run-worker.js";

const ada: Actor = { kind: "user", label: "ada@example.com" };

/**
 * Runs through the queue on real PostgreSQL and Redis, steps scripted: the API records a change
 * and queues a job, a worker moves the run. Cancels abort the step, retries continue it.
 */
describe("runs on the BullMQ queue", () => {
  const database = useTestDatabase("orchestrator_run_worker");
  const { prefix } = useTestRedis("run-worker");
  let handle: DatabaseHandle;
  let pool: pg.Pool;
  let teamId: string;
  let steps: PipelineSteps;
  let control: QueuedRunControl;
  let controlOptions: QueuedRunControlOptions;
  let worker: Awaited<ReturnType<typeof startRunWorker>>;
  const connection = () => new Redis(testRedisUrl(), { maxRetriesPerRequest: null });

  const status = async (id: string) =>
    (await pool.query("select status, error from runs where id = $1", [id])).rows[0] as {
      status: string;
      error: { code: string } | null;
    };
  const reaches = (id: string, wanted: string) =>
    eventually(async () => expect((await status(id)).status).toBe(wanted), { timeoutMs: 20_000 });
  const create = (prompt = "a notes app") =>
    control.create({ teamId, prompt, appSlug: "notes", appName: "Notes", engine: "offline" });

  beforeAll(async () => {
    await migrate(database.url);
    handle = createDb(database.url, { maxConnections: 2 });
    pool = new pg.Pool({ connectionString: database.url, max: 8 });
    const [team] = await handle.db.insert(teams).values({ slug: "t", name: "T" }).returning();
    teamId = team!.id;
    steps = scriptedSteps({}).steps;
    const log = new PostgresRunLog(pool);
    // Each test swaps `steps`; the pipeline calls through to the current one.
    const through = new Proxy({} as PipelineSteps, {
      get: (_t, name: keyof PipelineSteps) => (s: never, c: never) => steps[name](s, c),
    });
    const pipeline = buildPipeline(through, { log, checkpointer: await createCheckpointer(pool) });
    const service = new RunService(pool, pipeline, log);
    const shared = { connection: connection(), prefix };
    controlOptions = {
      pool,
      ...shared,
      log,
      reader: service,
      defaultEngine: "offline",
      jobOptions: { attempts: 3, backoff: { type: "fixed", delay: 200 } },
    };
    control = new QueuedRunControl(controlOptions);
    worker = await startRunWorker({
      pool,
      databaseUrl: database.url,
      connection: connection(),
      prefix,
      serviceFor: (engine) => {
        if (engine === "model") throw new Error("this worker has no model configured");
        return service;
      },
      concurrency: 2,
    });
  });
  afterAll(async () => {
    await worker?.close();
    await control?.close();
    await pool?.end();
    await handle?.close();
  });

  it("moves a run through its gates as decisions arrive, each decided once", async () => {
    steps = scriptedSteps({}).steps;
    const { runId, appId } = await create();
    expect(appId).toMatch(/^[0-9a-f-]{36}$/);
    await reaches(runId, "awaiting_plan_approval");
    await control.decide(runId, { approved: true }, ada);
    await expect(control.decide(runId, { approved: true }, ada)).rejects.toMatchObject({
      name: "RunStateError",
      code: "not-waiting",
    });
    await reaches(runId, "awaiting_approval");
    await control.decide(runId, { approved: true, comment: "ship it" }, ada);
    await reaches(runId, "succeeded");
    const { rows } = await pool.query(
      "select kind, status, reason from approvals where run_id = $1 order by requested_at",
      [runId],
    );
    expect(rows).toEqual([
      { kind: "plan", status: "approved", reason: null },
      { kind: "release", status: "approved", reason: "ship it" },
    ]);
    await expect(control.cancel(runId, ada)).rejects.toMatchObject({ code: "finished" });
    await expect(control.retry(runId, ada)).rejects.toMatchObject({ code: "succeeded" });
  });

  it("cancels a run inside a step (the step's signal aborts), then retries it from there", async () => {
    let aborted = false;
    const { steps: base } = scriptedSteps({});
    let hang = true;
    steps = {
      ...base,
      test: (_s, ctx) =>
        hang
          ? new Promise((_resolve, reject) => {
              ctx.signal?.addEventListener("abort", () => {
                aborted = true;
                reject(ctx.signal!.reason as Error);
              });
            })
          : Promise.resolve(PASS),
    };
    const { runId } = await create();
    await reaches(runId, "awaiting_plan_approval");
    await control.decide(runId, { approved: true }, ada);
    await reaches(runId, "testing");
    await control.cancel(runId, ada);
    await eventually(() => expect(aborted).toBe(true), { timeoutMs: 10_000 });
    expect(await status(runId)).toMatchObject({
      status: "cancelled",
      error: { code: "cancelled" },
    });
    await expect(control.cancel(runId, ada)).rejects.toMatchObject({ code: "finished" });

    hang = false;
    expect(await control.retry(runId, ada)).toEqual({ runId, resumed: true });
    await reaches(runId, "awaiting_approval");
    await control.decide(runId, { approved: true }, ada);
    await reaches(runId, "succeeded");
    const started = await pool.query<{ node: string }>(
      "select node from run_events where run_id = $1 and type = 'node.started' order by seq",
      [runId],
    );
    // The cancelled test starts again; nothing before it does.
    expect(started.rows.map((r) => r.node)).toEqual([
      "plan",
      "preview",
      "code",
      "test",
      "test",
      "review",
      "smoke",
      "commit",
      "deploy",
    ]);
  });

  it("retries a service that was down, and runs a failed run's prompt again as a new run", async () => {
    let down = 2;
    const { steps: base } = scriptedSteps({ test: [failing("a test fails")] });
    steps = {
      ...base,
      code: async (s, c) => {
        if (down-- > 0)
          throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
        return base.code(s, c);
      },
    };
    const { runId } = await create();
    await reaches(runId, "awaiting_plan_approval");
    await control.decide(runId, { approved: true }, ada);
    // Two refused connections were retried; then the checks failed the run for real.
    await reaches(runId, "failed");
    expect((await status(runId)).error).toMatchObject({ code: "checks-failed" });
    const again = await control.retry(runId, ada);
    expect(again.resumed).toBe(false);
    expect(again.runId).not.toBe(runId);
    const { rows } = await pool.query("select retry_of, prompt from runs where id = $1", [
      again.runId,
    ]);
    expect(rows[0]).toEqual({ retry_of: runId, prompt: "a notes app" });
    await reaches(again.runId, "awaiting_plan_approval");
    await control.cancel(again.runId, ada);
    const pending = await pool.query(
      "select count(*)::int as n from approvals where run_id = $1 and status = 'pending'",
      [again.runId],
    );
    expect(pending.rows[0].n).toBe(0);
  });

  it("fails a run whose services stay down once its retries are spent", async () => {
    const { steps: base } = scriptedSteps({});
    steps = {
      ...base,
      plan: async () => {
        throw Object.assign(new Error("docker socket refused"), { code: "ECONNREFUSED" });
      },
    };
    const { runId } = await create();
    await reaches(runId, "failed");
    expect((await status(runId)).error).toMatchObject({
      code: "infrastructure",
      message: expect.stringContaining("docker socket refused"),
    });
  });

  it("refuses the model engine where none is configured, and fails a run no worker can move", async () => {
    await expect(
      control.create({
        teamId,
        prompt: "a notes app",
        appSlug: "n",
        appName: "N",
        engine: "model",
      }),
    ).rejects.toThrow(/^engine: the model engine is not configured here/);
    const { rows } = await pool.query<{ id: string }>(
      `insert into runs (app_id, team_id, prompt, engine)
       select app_id, team_id, prompt, 'model' from runs limit 1 returning id`,
    );
    const runId = rows[0]!.id;
    await control.queue.add("start", { action: "start", runId }, { attempts: 5 });
    await reaches(runId, "failed");
    expect((await status(runId)).error).toEqual({
      code: "engine-unavailable",
      message: "this worker has no model configured",
    });
  });

  it("asks a gate again when a cancel removed its decision before a worker applied it", async () => {
    steps = scriptedSteps({}).steps;
    const { runId } = await create();
    await reaches(runId, "awaiting_plan_approval");
    // The decision goes to a queue no worker serves, and the cancel removes it from there.
    const idle = new QueuedRunControl({ ...controlOptions, prefix: `${prefix}idle:` });
    try {
      await idle.decide(runId, { approved: true }, ada);
      await idle.cancel(runId, ada);
      expect(await idle.queue.getJobCounts("waiting", "delayed")).toEqual({
        waiting: 0,
        delayed: 0,
      });
    } finally {
      await idle.close();
    }
    expect(await control.retry(runId, ada)).toEqual({ runId, resumed: true });
    await reaches(runId, "awaiting_plan_approval");
    const pending = await pool.query(
      "select kind from approvals where run_id = $1 and status = 'pending'",
      [runId],
    );
    expect(pending.rows).toEqual([{ kind: "plan" }]);
    await control.decide(runId, { approved: true }, ada);
    await reaches(runId, "awaiting_approval");
  });

  it("retries an ended run once, and leaves regression runs to the scheduler", async () => {
    steps = scriptedSteps({ test: [failing("a test fails")] }).steps;
    const { runId } = await create();
    await reaches(runId, "awaiting_plan_approval");
    await control.decide(runId, { approved: true }, ada);
    await reaches(runId, "failed");
    const first = await control.retry(runId, ada);
    expect(first.resumed).toBe(false);
    await expect(control.retry(runId, ada)).rejects.toThrow(/was retried already/);
    await control.cancel(first.runId, ada);
    const { rows } = await pool.query<{ id: string }>(
      `insert into runs (app_id, team_id, prompt, engine, kind, status, finished_at)
       select app_id, team_id, 'Regression: smoke', 'offline', 'regression', 'failed', now()
       from runs where id = $1 returning id`,
      [runId],
    );
    await expect(control.retry(rows[0]!.id, ada)).rejects.toMatchObject({ code: "not-generation" });
    await expect(control.cancel(rows[0]!.id, ada)).rejects.toMatchObject({
      code: "not-generation",
    });
  });

  it("fails a job that is not a run job at once, without retrying it", async () => {
    const job = await control.queue.add(
      "start",
      { action: "start", runId: "not-a-uuid" },
      {
        attempts: 5,
      },
    );
    await eventually(async () => expect(await job.getState()).toBe("failed"), {
      timeoutMs: 10_000,
    });
    const failed = await control.queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/not a run job: runId must be a run's UUID/);
  });
});
