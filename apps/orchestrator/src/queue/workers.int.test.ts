import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createDb, migrate, teams, type DatabaseHandle } from "@winky/db";
import { TEST_ADMIN_KEY } from "@winky/runtime/testing";
import { JOB_LABELS } from "@winky/sandbox";
import {
  chromiumPath,
  describeWithDocker,
  eventually,
  testRedisUrl,
  uniqueRedisPrefix,
  useTestDatabase,
} from "@winky/testing";
import Dockerode from "dockerode";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureBuilderImage } from "../checks/checks.test-bed.js";
import { createRunReader } from "../runs/offline-run-service.js";
import { PostgresRunLog } from "../runs/run-log.js";
import {
  startGenerationRuntime,
  type GenerationRuntime,
} from "../steps/generation-runtime.test-bed.js";
import { QueuedRunControl } from "./queued-run-control.js";

const exec = promisify(execFile);
const WORKER = fileURLToPath(new URL("../worker.ts", import.meta.url));
const PROMPTS = [
  "A notes app with email login, markdown editor, tags, and images",
  "a todo list with due dates and priorities",
  "a bookmarks app with tags",
  "a recipes app with ingredients and photos",
  "a reading list of books with ratings",
  "a habit tracker with daily check-ins",
];
const WORKING_NODES = ["code", "test", "review", "smoke", "commit", "deploy"];
const ada = { kind: "user" as const, label: "ada@example.com" };

/**
 * The acceptance test of runs on BullMQ: two worker processes take six generations (offline
 * engine, real sandboxed checks, smoke in Chromium, Git, deploys to a real runtime); one is
 * SIGKILLed while it moves runs. The other takes them over from their checkpoints and every
 * run finishes, each commit and each release made once.
 */
describeWithDocker("workers moving runs from the queue", () => {
  const runtimeDb = useTestDatabase("orchestrator_workers_runtime");
  const platformDb = useTestDatabase("orchestrator_workers_platform");
  const prefix = uniqueRedisPrefix("workers");
  let generation: GenerationRuntime;
  let handle: DatabaseHandle;
  let pool: pg.Pool;
  let control: QueuedRunControl;
  let dir: string;
  let teamId: string;
  let builderImage: string;
  const workers = new Map<string, ChildProcess>();

  const startWorker = async (name: string) => {
    const child = spawn(
      process.execPath,
      ["--conditions=@winky/source", "--import", "tsx", WORKER],
      {
        env: {
          ...process.env,
          PORT: "0",
          LOG_LEVEL: "warn",
          DATABASE_URL: platformDb.url,
          REDIS_URL: testRedisUrl(),
          RUNTIME_URL: generation.url,
          WINKY_ADMIN_KEY: TEST_ADMIN_KEY,
          WINKY_DATA_DIR: dir,
          WINKY_SITE_URL: `${generation.url}/v1/projects/{project}/hosting/`,
          WINKY_BUILDER_IMAGE: builderImage,
          CHROMIUM_PATH: chromiumPath(),
          WINKY_RUN_CONCURRENCY: "3",
          WINKY_RUN_LOCK_MS: "8000",
          WINKY_QUEUE_PREFIX: prefix,
          WINKY_WORKER_NAME: name,
          // Kill and resume are tested here; previews, in the studio's end-to-end suite.
          WINKY_PREVIEW_SITES: "0",
        },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    workers.set(name, child);
  };
  /** Those of `runIds` whose last node event is the start of a node that works (not a gate). */
  const insideNode = async (runIds: string[]) => {
    const { rows } = await pool.query<{ run_id: string; type: string; node: string }>(
      `select distinct on (run_id) run_id, type, node from run_events
       where run_id = any($1::uuid[]) and type in ('node.started', 'node.finished')
       order by run_id, seq desc`,
      [runIds],
    );
    return rows
      .filter((r) => r.type === "node.started" && WORKING_NODES.includes(r.node))
      .map((r) => ({ runId: r.run_id, node: r.node }));
  };
  const statuses = async () =>
    (await pool.query<{ id: string; status: string }>("select id, status from runs")).rows;

  beforeAll(async () => {
    builderImage = await ensureBuilderImage();
    dir = await mkdtemp(path.join(tmpdir(), "winky-workers-"));
    generation = await startGenerationRuntime(runtimeDb.url, dir);
    await migrate(platformDb.url);
    handle = createDb(platformDb.url, { maxConnections: 2 });
    pool = new pg.Pool({ connectionString: platformDb.url, max: 6 });
    const [team] = await handle.db.insert(teams).values({ slug: "acme", name: "Acme" }).returning();
    teamId = team!.id;
    control = new QueuedRunControl({
      pool,
      connection: new Redis(testRedisUrl(), { maxRetriesPerRequest: null }),
      prefix,
      log: new PostgresRunLog(pool),
      reader: await createRunReader(pool),
      defaultEngine: "offline",
    });
  }, 900_000);
  afterAll(async () => {
    for (const child of workers.values()) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    }
    await control?.close();
    await generation?.close();
    await pool?.end();
    await handle?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("finishes all six runs after a worker is killed mid-run, each side effect once", async () => {
    await startWorker("w1");
    await startWorker("w2");
    const runs: string[] = [];
    for (const [i, prompt] of PROMPTS.entries()) {
      const slug = `app-${i + 1}`;
      runs.push((await control.create({ teamId, prompt, appSlug: slug, appName: slug })).runId);
    }
    // People approve each gate as it comes up, through the API's path.
    let approving = true;
    const approver = (async () => {
      while (approving) {
        const { rows } = await pool.query<{ run_id: string }>(
          "select run_id from approvals where status = 'pending'",
        );
        for (const { run_id } of rows) {
          await control.decide(run_id, { approved: true }, ada).catch(() => undefined);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    // w1 dies while it is inside a node of some run (code, test, review, smoke…). A run's status
    // stays at its last node until the next starts, so the moment is read from the event log,
    // with w1 frozen (SIGSTOP) so that no node of it can finish between the look and the kill.
    const w1 = workers.get("w1")!;
    const killed = await eventually(
      async () => {
        const active = await control.queue.getJobs(["active"]);
        const mine = active.filter((j) => j.processedBy === "w1").map((j) => j.data.runId);
        expect(await insideNode(mine)).not.toEqual([]);
        w1.kill("SIGSTOP");
        let inside: Awaited<ReturnType<typeof insideNode>> = [];
        try {
          await new Promise((r) => setTimeout(r, 300)); // writes already sent land first
          inside = await insideNode(mine);
        } finally {
          if (inside.length === 0) w1.kill("SIGCONT");
        }
        expect(inside).not.toEqual([]);
        return { runs: mine as string[], inside };
      },
      { timeoutMs: 300_000, intervalMs: 200 },
    );
    w1.kill("SIGKILL");
    await once(w1, "exit");

    await eventually(
      async () => {
        const rows = await statuses();
        const failed = rows.filter((r) => r.status === "failed" || r.status === "cancelled");
        expect(failed, JSON.stringify(failed)).toEqual([]);
        expect(rows.filter((r) => r.status === "succeeded")).toHaveLength(6);
      },
      { timeoutMs: 900_000, intervalMs: 1000 },
    );
    approving = false;
    await approver;

    for (const [i, runId] of runs.entries()) {
      const slug = `app-${i + 1}`;
      const count = async (type: string, node: string) =>
        (
          await pool.query<{ n: number }>(
            "select count(*)::int as n from run_events where run_id = $1 and type = $2 and node = $3",
            [runId, type, node],
          )
        ).rows[0]!.n;
      // The commit and the release happened once, whoever moved the run.
      expect(await count("node.finished", "commit"), slug).toBe(1);
      expect(await count("node.finished", "deploy"), slug).toBe(1);
      const repo = path.join(dir, "repos", slug);
      const commits = await exec("git", ["rev-list", "--count", "--all"], { cwd: repo });
      expect(commits.stdout.trim(), `${slug} commits`).toBe("1");
      const releases = await fetch(`${generation.url}/v1/projects/${slug}/admin/hosting/releases`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
      });
      expect(((await releases.json()) as { releases: unknown[] }).releases, slug).toHaveLength(1);
      const recorded = await pool.query(
        "select count(*)::int as n from deployments where run_id = $1",
        [runId],
      );
      expect(recorded.rows[0].n, slug).toBe(1);
    }
    // The killed worker's runs were taken over: the node each was inside started again (once),
    // and no other node did. (Its other runs were between nodes, or planning, or at a gate:
    // at most the one node each was in restarts.)
    for (const runId of killed.runs) {
      const { rows } = await pool.query<{ node: string; n: number }>(
        `select node, count(*)::int as n from run_events
         where run_id = $1 and type = 'node.started' group by node having count(*) > 1`,
        [runId],
      );
      const interrupted = killed.inside.find((r) => r.runId === runId);
      if (interrupted) {
        expect(rows, `run ${runId} restarted its interrupted node only`).toEqual([
          { node: interrupted.node, n: 2 },
        ]);
      } else {
        expect(rows.length, `run ${runId} restarted one node at most`).toBeLessThanOrEqual(1);
        expect(rows.every((r) => r.n === 2)).toBe(true);
      }
    }
  }, 1_200_000);

  it("cancels a run inside its test step: the worker's sandbox container is destroyed", async () => {
    const w2 = workers.get("w2")!;
    const docker = new Dockerode();
    const containersOfW2 = async () =>
      (
        await docker.listContainers({ all: true, filters: { label: [`${JOB_LABELS.job}=1`] } })
      ).filter((c) => c.Labels[JOB_LABELS.owner]?.endsWith(`:${w2.pid}`));
    const { runId } = await control.create({
      teamId,
      prompt: "a notes app with tags",
      appSlug: "cancelled",
      appName: "Cancelled",
    });
    await eventually(
      async () =>
        expect((await statuses()).find((r) => r.id === runId)?.status).toBe(
          "awaiting_plan_approval",
        ),
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    await control.decide(runId, { approved: true }, ada);
    await eventually(
      async () => {
        expect((await statuses()).find((r) => r.id === runId)?.status).toBe("testing");
        expect(await containersOfW2()).not.toEqual([]);
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    await control.cancel(runId, ada);
    await eventually(async () => expect(await containersOfW2()).toEqual([]), {
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    const { rows } = await pool.query("select status, error from runs where id = $1", [runId]);
    expect(rows[0]).toMatchObject({ status: "cancelled", error: { code: "cancelled" } });
    // The worker is free again: the cancelled run's job ended, it took nothing else.
    await eventually(async () =>
      expect(
        (await control.queue.getJobs(["active"])).filter((j) => j.data.runId === runId),
      ).toEqual([]),
    );
  }, 300_000);
});
