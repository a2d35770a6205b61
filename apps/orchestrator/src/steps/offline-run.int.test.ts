import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AdminClient } from "@winky/admin-client";
import { createDb, migrate, teams, type DatabaseHandle } from "@winky/db";
import { TEST_ADMIN_KEY } from "@winky/runtime/testing";
import { chromiumPath, describeWithDocker, useTestDatabase } from "@winky/testing";
import Dockerode from "dockerode";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureBuilderImage } from "../checks/checks.test-bed.js";
import { createCheckpointer } from "../pipeline/checkpointer.js";
import { buildPipeline } from "../pipeline/graph.js";
import { PostgresRunLog } from "../runs/run-log.js";
import { RunService } from "../runs/run-service.js";
import { startGenerationRuntime, type GenerationRuntime } from "./generation-runtime.test-bed.js";
import { createOfflineSteps } from "./offline-engine.js";

const exec = promisify(execFile);
/** The acceptance prompts, each a run of its own on the same runtime. */
const PROMPTS = [
  { slug: "notes", prompt: "A notes app with email login, markdown editor, tags, and images" },
  { slug: "shop", prompt: "E-commerce prototype: products, cart, checkout, admin panel" },
  { slug: "chat", prompt: "Chat app with rooms, messages, and push notifications" },
];

/**
 * The acceptance path of a generation run with the offline engine, every component real: a
 * prompt planned, previewed (PNGs from Chromium), coded, type-checked, built and unit-tested
 * in a builder container, reviewed, smoke-tested in Chromium in another container against the
 * run's own runtime project, approved, committed to Git and deployed to a runtime project
 * whose site then serves the app. The runtime has the change feed (live queries) and runs functions in Docker sandboxes, and their
 * triggers through the event path (dispatcher, queue on Redis, worker), as in production: the
 * shop's checkout callable and the chat's notification trigger really run in the smoke.
 */
describeWithDocker("a run of the offline engine, prompt to deployed app", () => {
  const runtimeDb = useTestDatabase("orchestrator_e2e_runtime");
  const platformDb = useTestDatabase("orchestrator_e2e_platform");
  let generation: GenerationRuntime;
  let handle: DatabaseHandle;
  let pool: pg.Pool;
  let dir: string;
  let service: RunService;
  let teamId: string;

  beforeAll(async () => {
    const image = await ensureBuilderImage();
    dir = await mkdtemp(path.join(tmpdir(), "winky-e2e-"));
    generation = await startGenerationRuntime(runtimeDb.url, dir);
    const { url } = generation;
    await migrate(platformDb.url);
    handle = createDb(platformDb.url, { maxConnections: 2 });
    pool = new pg.Pool({ connectionString: platformDb.url });
    const [team] = await handle.db
      .insert(teams)
      .values({ slug: "local", name: "Local" })
      .returning();
    teamId = team!.id;
    const log = new PostgresRunLog(pool);
    const steps = createOfflineSteps({
      docker: new Dockerode(),
      builderImage: image,
      admin: new AdminClient(url, TEST_ADMIN_KEY),
      operatorKey: TEST_ADMIN_KEY,
      runtimeUrl: url,
      siteUrl: (p) => `${url}/v1/projects/${p}/hosting/`,
      dataDir: dir,
      chromiumPath: chromiumPath(),
    });
    const pipeline = buildPipeline(steps, { log, checkpointer: await createCheckpointer(pool) });
    service = new RunService(pool, pipeline, log);
  }, 900_000);
  afterAll(async () => {
    await generation?.close();
    await pool?.end();
    await handle?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(PROMPTS)(
    "goes from the $slug prompt to a tested, committed, deployed app",
    async ({ slug, prompt }) => {
      const runId = await service.create({
        teamId,
        appSlug: slug,
        appName: slug.charAt(0).toUpperCase() + slug.slice(1),
        prompt,
        engine: "offline",
      });
      const planned = await service.start(runId);
      expect(planned).toMatchObject({ status: "awaiting_plan_approval" });
      const checked = await service.answer(runId, { approved: true, by: "ada" });
      expect(checked, JSON.stringify(checked, null, 2)).toMatchObject({
        status: "awaiting_approval",
      });
      const done = await service.answer(runId, { approved: true, by: "ada" });
      expect(done, JSON.stringify(done, null, 2)).toMatchObject({ status: "succeeded" });
      if (done.status !== "succeeded") return;

      const { state } = done;
      expect(state.testReport).toMatchObject({ ok: true });
      expect(state.testReport!.passed).toBeGreaterThan(0);
      expect(state.reviewReport).toMatchObject({ ok: true, findings: [] });
      expect(state.smokeReport).toMatchObject({ ok: true, failed: 0 });
      const appName = (state.appPlan as { appName: string }).appName;
      const repo = path.join(dir, "repos", appName);
      const head = (await exec("git", ["rev-parse", "HEAD"], { cwd: repo })).stdout.trim();
      expect(state.commitInfo).toEqual({ repo, sha: head });
      const page = await fetch(state.deployment!.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const row = await pool.query("select status, finished_at from runs where id = $1", [runId]);
      expect(row.rows[0]).toMatchObject({ status: "succeeded", finished_at: expect.any(Date) });
    },
    900_000,
  );
});
