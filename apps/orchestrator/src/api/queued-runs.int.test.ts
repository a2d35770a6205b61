import { createWinkyClient, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { eventually, testRedisUrl, useTestDatabase, useTestRedis } from "@winky/testing";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCheckpointer } from "../pipeline/checkpointer.js";
import { buildPipeline } from "../pipeline/graph.js";
import { scriptedSteps } from "../pipeline/pipeline.test-bed.js";
import { QueuedRunControl } from "../queue/queued-run-control.js";
import { startRunWorker } from "../queue/run-worker.js";
import { PostgresRunLog } from "../runs/run-log.js";
import { RunService } from "../runs/run-service.js";
import {
  addMemberWithToken,
  auditRows,
  createTeam,
  refusal,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";
import type { BootstrappedTeam } from "./auth/bootstrap-team.js";

/**
 * The API over the real queue: runs created, decided, cancelled and retried through the
 * typed client move on a BullMQ worker (steps scripted), and a subscriber follows each one
 * live to its end.
 */
describe("the runs API over the queue", () => {
  const database = useTestDatabase("api_queued_runs");
  const { prefix } = useTestRedis("api-queued");
  let api: ApiHarness;
  let control: QueuedRunControl;
  let worker: Awaited<ReturnType<typeof startRunWorker>>;
  let team: BootstrappedTeam;
  let member: WinkyClient;
  let viewer: WinkyClient;
  let pool: pg.Pool;

  beforeAll(async () => {
    await migrate(database.url);
    const redis = () => new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    pool = new pg.Pool({ connectionString: database.url, max: 6 });
    const log = new PostgresRunLog(pool);
    const pipeline = buildPipeline(scriptedSteps({}).steps, {
      log,
      checkpointer: await createCheckpointer(pool),
    });
    // The API reads runs' graphs with the same service the worker moves them with.
    const service = new RunService(pool, pipeline, log);
    api = await startApi(database.url, {
      runs: (apiPool) =>
        (control = new QueuedRunControl({
          pool: apiPool,
          connection: redis(),
          prefix,
          log: new PostgresRunLog(apiPool),
          reader: service,
          defaultEngine: "offline",
        })),
    });
    worker = await startRunWorker({
      pool,
      databaseUrl: database.url,
      connection: redis(),
      prefix,
      serviceFor: () => service,
    });
    team = await createTeam(api.pool, "queued");
    const client = (token: string) => createWinkyClient({ url: api.url, token });
    member = client(
      (await addMemberWithToken(api.pool, team.teamId, "mo@example.com", "member")).token,
    );
    viewer = client(
      (await addMemberWithToken(api.pool, team.teamId, "vi@example.com", "viewer")).token,
    );
  });
  afterAll(async () => {
    await worker?.close();
    await control?.close();
    await api?.close();
    await pool?.end();
  });

  const statusOf = async (runId: string) => (await viewer.runs.byId.query({ runId })).status;
  const reaches = (runId: string, status: string) =>
    eventually(async () => expect(await statusOf(runId)).toBe(status), { timeoutMs: 20_000 });

  it("creates a run, follows it live, and takes it through approval and rejection", async () => {
    const { runId } = await member.runs.create.mutate({
      prompt: "a notes app with tags",
      appSlug: "notes",
      appName: "Notes",
      engine: "offline",
    });
    const seen: string[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      const sub = viewer.runs.events.subscribe(
        { runId },
        {
          onData: (event) =>
            void seen.push(`${event.data.type}${event.data.node ? ` ${event.data.node}` : ""}`),
          onError: reject,
          onComplete: () => (sub.unsubscribe(), resolve()),
        },
      );
    });
    await reaches(runId, "awaiting_plan_approval");
    const refused = await refusal(viewer.runs.approve.mutate({ runId }));
    expect(refused.code).toBe("FORBIDDEN");
    await member.runs.approve.mutate({ runId, comment: "looks right" });
    await reaches(runId, "awaiting_approval");
    await member.runs.reject.mutate({ runId, comment: "the list needs a search box" });
    await reaches(runId, "failed");
    await ended;
    expect(seen.filter((e) => e.startsWith("run.") || e === "node.started code")).toEqual([
      "run.queued",
      "run.approved",
      "node.started code",
      "run.rejected",
      "run.failed",
    ]);
    const run = await viewer.runs.byId.query({ runId });
    expect(run.error).toMatchObject({
      code: "rejected",
      message: "rejected by mo@example.com: the list needs a search box",
    });
    expect((await auditRows(api.pool, team.teamId, "run.rejected")).at(-1)).toMatchObject({
      actor_kind: "token",
      target_id: runId,
      data: { comment: "the list needs a search box" },
    });
    expect(await auditRows(api.pool, team.teamId, "run.approved")).toHaveLength(1);
  });

  it("cancels a waiting run and retries it from where it stopped", async () => {
    const { runId } = await member.runs.create.mutate({
      prompt: "a bookmarks app",
      appSlug: "bookmarks",
      appName: "Bookmarks",
    });
    await reaches(runId, "awaiting_plan_approval");
    await member.runs.cancel.mutate({ runId });
    expect(await statusOf(runId)).toBe("cancelled");
    expect((await viewer.approvals.queue.query()).map((a) => a.runId)).not.toContain(runId);
    const retried = await member.runs.retry.mutate({ runId });
    expect(retried).toEqual({ runId, resumed: true });
    await reaches(runId, "awaiting_plan_approval");
    await member.runs.approve.mutate({ runId });
    await reaches(runId, "awaiting_approval");
    await member.runs.approve.mutate({ runId });
    await reaches(runId, "succeeded");
    const again = await refusal(member.runs.retry.mutate({ runId }));
    expect(again.code).toBe("CONFLICT");
    const actions = (
      await api.pool.query<{ action: string }>(
        "select action from audit_log where target_id = $1 order by id",
        [runId],
      )
    ).rows.map((r) => r.action);
    expect(actions).toEqual([
      "run.created",
      "run.cancelled",
      "run.retried",
      "run.approved",
      "run.approved",
    ]);
  });
});
