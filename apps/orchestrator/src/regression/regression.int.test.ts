import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import { FsBlobStore } from "@winky/blob-store";
import { migrate } from "@winky/db";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { ensureBuilderImage } from "@winky/sandbox-images/ensure-images.mjs";
import { describeWithDocker, testRedisUrl, useTestDatabase, useTestRedis } from "@winky/testing";
import Dockerode from "dockerode";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { commitApp } from "../git/commit-app.js";
import {
  appHealth,
  RegressionScheduler,
  startRegressionWorker,
  type RegressionWorker,
} from "./index.js";
import {
  DENY_ALL_STORAGE_RULES,
  deployBedApp,
  insertTeam,
  regressionRecords,
  startWebhookReceiver,
  type BedApp,
  type RegressionRecords,
  type WebhookReceiver,
} from "./regression.test-bed.js";

// Incoming-webhook URLs carry their secret in the path: it must never reach the run log.
const HOOK_SECRET = "not-a-real-secret-3b1f";

/**
 * The acceptance of scheduled regression runs, every component real: PostgreSQL, Redis
 * (BullMQ), a runtime, Docker with the builder image, and a webhook receiver. Two teams: `acme`
 * with a webhook and the notes app, `quiet` without one and a copy of it. Each check is a real
 * smoke in a builder container against the app's production project: notes passes, then fails
 * once its project's storage rules deny everything; quiet-notes fails to build after a bad
 * commit.
 * (Schedules and bad payloads, which need no Docker: `regression-scheduler.int.test.ts`.)
 */
describeWithDocker("scheduled regression runs of deployed apps", () => {
  const runtimeDb = useTestDatabase("regression_runtime");
  const platformDb = useTestDatabase("regression_platform");
  const redis = useTestRedis("regression");
  let runtime: TestRuntime;
  let admin: AdminClient;
  let pool: pg.Pool;
  let dir: string;
  let hook: WebhookReceiver;
  let hookUrl: string;
  let scheduler: RegressionScheduler;
  let worker: RegressionWorker;
  let acme: string;
  let quiet: string;
  let notes: BedApp;
  let quietNotes: BedApp;
  let finishedRun: RegressionRecords["finishedRun"];
  let eventsOf: RegressionRecords["eventsOf"];

  beforeAll(async () => {
    const image = await ensureBuilderImage();
    dir = await mkdtemp(path.join(tmpdir(), "winky-regression-"));
    runtime = await createTestRuntime(runtimeDb.url, {
      blobs: new FsBlobStore(path.join(dir, "blobs")),
    });
    const runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    admin = new AdminClient(runtimeUrl, TEST_ADMIN_KEY);
    await migrate(platformDb.url);
    pool = new pg.Pool({ connectionString: platformDb.url, max: 4 });
    ({ finishedRun, eventsOf } = regressionRecords(pool));
    hook = await startWebhookReceiver();
    hookUrl = `${hook.url}/services/T0/B0/${HOOK_SECRET}`;
    acme = await insertTeam(pool, "acme", hookUrl);
    quiet = await insertTeam(pool, "quiet", null);
    const bed = {
      pool,
      admin,
      dataDir: dir,
      siteUrl: (p: string) => `${runtimeUrl}/v1/projects/${p}/hosting/`,
    };
    notes = await deployBedApp({ ...bed, teamId: acme, slug: "notes", name: "Notes" });
    quietNotes = await deployBedApp({
      ...bed,
      teamId: quiet,
      slug: "quiet-notes",
      name: "Quiet Notes",
      repo: path.join(dir, "elsewhere", "quiet-notes.git"),
    });
    const queue = { connection: testRedisUrl(), prefix: redis.prefix };
    scheduler = new RegressionScheduler({ pool, ...queue });
    worker = startRegressionWorker({
      pool,
      ...queue,
      docker: new Dockerode(),
      builderImage: image,
      runtimeUrl,
      operatorKey: TEST_ADMIN_KEY,
      dataDir: dir,
    });
  }, 600_000);

  afterAll(async () => {
    await worker?.close();
    await scheduler?.close();
    await hook?.close();
    await runtime?.close();
    await pool?.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("checks a healthy app: the run succeeds, nobody is notified, the badge is green", async () => {
    await scheduler.checkNow(acme);
    const run = await finishedRun(notes.appId, 1);
    expect(run, JSON.stringify(await eventsOf(run.id), null, 2)).toMatchObject({
      status: "succeeded",
      kind: "regression",
      engine: "offline",
      prompt: "Regression: the smoke suite of notes against project notes",
      error: null,
      started_at: expect.any(Date),
    });
    const events = await eventsOf(run.id);
    expect(events.map((e) => e.type)).toEqual([
      "node.started",
      "node.progress",
      "node.progress",
      "node.finished",
      "run.succeeded",
    ]);
    expect(events[3]).toMatchObject({
      node: "smoke",
      payload: { failed: 0, findings: [], durationMs: expect.any(Number) },
    });
    expect(events[3]!.payload.passed).toBeGreaterThan(0);
    expect(events[2]!.payload).toMatchObject({ project: "notes", commitSha: notes.sha });
    expect(hook.received).toEqual([]);
    expect(existsSync(path.join(dir, "runs", run.id))).toBe(false);
    expect((await appHealth(pool, [notes.appId])).get(notes.appId)).toEqual({
      status: "passing",
      runId: run.id,
      checkedAt: run.finished_at,
    });
  }, 300_000);

  it("finds the app broken: the run fails, the webhook hears once, the badge is red", async () => {
    await admin.deployRules("notes", "storage", DENY_ALL_STORAGE_RULES);
    await scheduler.checkNow(acme, notes.appId);
    const run = await finishedRun(notes.appId, 2);
    expect(run).toMatchObject({
      status: "failed",
      error: { code: "regression-failed", node: "smoke" },
    });
    const headline = run.error!.message;
    expect(headline).toMatch(/^[1-9]\d* of \d+ smoke scenarios failed$/);
    const events = await eventsOf(run.id);
    expect(events.map((e) => e.type).slice(-3)).toEqual([
      "node.finished",
      "run.failed",
      "notification.sent",
    ]);
    expect(events.at(-1)).toMatchObject({ payload: { channel: "webhook", status: 200 } });

    expect(hook.received).toHaveLength(1);
    const [post] = hook.received;
    expect(post).toMatchObject({
      path: `/services/T0/B0/${HOOK_SECRET}`,
      contentType: "application/json",
    });
    const body = post!.body as {
      text: string;
      blocks: Array<{ type: string; text?: { type: string; text: string } }>;
    };
    expect(body.text).toBe(`Regression failed: Notes (project notes): ${headline}. ${notes.url}`);
    expect(body.blocks[0]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
    const section = body.blocks[0]!.text!.text;
    expect(section).toContain(`<${notes.url}|Notes>`);
    expect(section).toContain(`Project \`notes\` · ${headline}`);
    expect(section).toMatch(/\n• smoke scenario failed: /);

    // Screenshots of the failure are kept with the run.
    expect(existsSync(path.join(dir, "runs", run.id, "smoke"))).toBe(true);
    expect((await appHealth(pool, [notes.appId])).get(notes.appId)).toMatchObject({
      status: "failing",
      runId: run.id,
    });
  }, 300_000);

  it("fails an app whose committed code no longer builds, for a team without a webhook", async () => {
    // A later commit that breaks the build: checked at HEAD, not what was deployed.
    const main = "src/main.tsx";
    expect(quietNotes.files[main]).toBeDefined();
    await commitApp({
      repo: quietNotes.repo,
      files: {
        ...quietNotes.files,
        [main]: `${quietNotes.files[main]}\nexport const broken = ;\n`,
      },
      message: "A syntax error",
      runId: "bed-broken",
    });
    await scheduler.checkNow(quiet);
    const run = await finishedRun(quietNotes.appId, 1);
    expect(run).toMatchObject({ status: "failed", error: { code: "regression-failed" } });
    expect(run.error!.message).toMatch(/^build failed: /);
    expect((await eventsOf(run.id)).map((e) => e.type).at(-1)).toBe("run.failed");
    expect(hook.received).toHaveLength(1);
    const health = await appHealth(pool, [quietNotes.appId, notes.appId, "not-an-app"]);
    expect([...health.values()].map((h) => h.status)).toEqual(["failing", "failing", "unknown"]);
  }, 300_000);

  it("never records the operator key or the webhook URL", async () => {
    const { rows } = await pool.query<{ text: string }>(
      `select payload::text as text from run_events
       union all select coalesce(error::text, '') || prompt from runs`,
    );
    const recorded = rows.map((r) => r.text).join("\n");
    expect(recorded.length).toBeGreaterThan(0);
    for (const secret of [TEST_ADMIN_KEY, HOOK_SECRET, hook.url]) {
      expect(recorded).not.toContain(secret);
    }
  });
});
