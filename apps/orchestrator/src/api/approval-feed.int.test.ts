import { emptyCheckpoint } from "@langchain/langgraph";
import { createWinkyClient, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  auditRows,
  createTeam,
  refusal,
  requestApproval,
  seedRun,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";
import type { BootstrappedTeam } from "./auth/bootstrap-team.js";
import { createCheckpointer } from "../pipeline/checkpointer.js";
import { PostgresRunLog } from "../runs/run-log.js";
import { mentionedAddresses } from "./routers/approval-mentions.js";

describe("the approval feed: what reviewers see, mentions and threads", () => {
  const database = useTestDatabase("api_approval_feed");
  let api: ApiHarness;
  let teamA: BootstrappedTeam;
  let teamB: BootstrappedTeam;
  let member: WinkyClient;
  /** The member's user and personal token, as the database knows them. */
  let memberIds: { userId: string; tokenId: string };
  let viewer: WinkyClient;
  let stranger: WinkyClient;

  beforeAll(async () => {
    await migrate(database.url);
    api = await startApi(database.url);
    teamA = await createTeam(api.pool, "acme");
    teamB = await createTeam(api.pool, "globex");
    const client = (token: string) => createWinkyClient({ url: api.url, token });
    const m = await addMemberWithToken(api.pool, teamA.teamId, "mia@example.com", "member");
    member = client(m.token);
    memberIds = m;
    const v = await addMemberWithToken(api.pool, teamA.teamId, "vic@example.com", "viewer");
    viewer = client(v.token);
    const s = await addMemberWithToken(api.pool, teamB.teamId, "sam@example.com", "member");
    stranger = client(s.token);
  });
  afterAll(() => api?.close());

  describe("what a reviewer sees in the queue", () => {
    it("gives each approval its checks, repair rounds, plan title, comments and starter", async () => {
      const log = new PostgresRunLog(api.pool);
      const { runId } = await seedRun(api.pool, teamA.teamId, { createdBy: memberIds.userId });
      const finished = (node: string, summary: string) =>
        log.append(runId, "node.finished", node, { durationMs: 5, summary });
      await log.append(runId, "node.started", "code", {});
      await finished("test", "2 of 9 tests failed");
      await log.append(runId, "node.started", "code", {});
      await finished("test", "9 tests passed");
      await finished("review", "no rule findings");
      await log.append(runId, "node.started", "smoke", {});
      await finished("smoke", "3 scenarios passed");
      const approvalId = await requestApproval(api.pool, runId);
      await member.approvals.comment.mutate({ runId, body: "looks good" });
      // The plan lives in the pipeline's checkpoint, written here by the real checkpointer.
      const saver = await createCheckpointer(api.pool);
      const plan = { appName: "notes", title: "Tagged notes" };
      await saver.put(
        { configurable: { thread_id: runId, checkpoint_ns: "" } },
        {
          ...emptyCheckpoint(),
          channel_values: { appPlan: plan },
          channel_versions: { appPlan: 1 },
        },
        { source: "loop", step: 1, parents: {} },
        { appPlan: 1 },
      );

      const item = (await viewer.approvals.queue.query()).find((a) => a.approvalId === approvalId);
      expect(item).toMatchObject({
        runId,
        kind: "release",
        planTitle: "Tagged notes",
        repairRounds: 1,
        commentCount: 1,
        startedBy: { userId: memberIds.userId, email: "mia@example.com" },
      });
      expect(
        item!.checks.map(({ check, summary, outcome }) => ({ check, summary, outcome })),
      ).toEqual([
        { check: "test", summary: "9 tests passed", outcome: "passed" },
        { check: "review", summary: "no rule findings", outcome: "passed" },
        { check: "smoke", summary: "3 scenarios passed", outcome: "passed" },
      ]);
      const thread = await viewer.approvals.thread.query({ runId });
      expect(thread).toMatchObject({ planTitle: "Tagged notes", repairRounds: 1 });
      expect(thread.checks).toEqual(item!.checks);
    });

    it("marks a check that sent the run back, or failed it, as failed", async () => {
      const log = new PostgresRunLog(api.pool);
      const { runId } = await seedRun(api.pool, teamA.teamId);
      await log.append(runId, "node.finished", "review", { durationMs: 1, summary: "1 finding" });
      await log.append(runId, "run.failed", "fail", { durationMs: 0, summary: "stopped" });
      const thread = await viewer.approvals.thread.query({ runId });
      expect(thread.checks).toMatchObject([{ check: "review", outcome: "failed" }]);
      expect(thread.repairRounds).toBe(0);
      expect(thread.entries).toMatchObject([{ type: "run.failed", text: "stopped" }]);
    });

    it("filters by mine and mentions, orders oldest or newest, and counts the team's pending", async () => {
      const team = await createTeam(api.pool, "filters");
      const client = (token: string) => createWinkyClient({ url: api.url, token });
      const ann = await addMemberWithToken(api.pool, team.teamId, "ann@example.com", "member");
      const bob = await addMemberWithToken(api.pool, team.teamId, "Bob@Example.com", "member");
      const [annApi, bobApi] = [client(ann.token), client(bob.token)];
      const first = await seedRun(api.pool, team.teamId, { createdBy: ann.userId });
      const firstApproval = await requestApproval(api.pool, first.runId, "plan");
      const second = await seedRun(api.pool, team.teamId, { createdBy: bob.userId });
      const secondApproval = await requestApproval(api.pool, second.runId);
      await annApi.approvals.comment.mutate({
        runId: second.runId,
        body: "@bob@example.com, can you check the tags? (not bob@example.com nor @bob@example.co)",
      });
      await annApi.approvals.comment.mutate({ runId: first.runId, body: "mail bob@example.com" });

      const ids = (items: Array<{ approvalId: string }>) => items.map((a) => a.approvalId);
      expect(ids(await annApi.approvals.queue.query())).toEqual([firstApproval, secondApproval]);
      expect(ids(await annApi.approvals.queue.query({ order: "newest" }))).toEqual([
        secondApproval,
        firstApproval,
      ]);
      expect(ids(await annApi.approvals.queue.query({ filter: "mine" }))).toEqual([firstApproval]);
      expect(ids(await bobApi.approvals.queue.query({ filter: "mentions" }))).toEqual([
        secondApproval,
      ]);
      expect(await annApi.approvals.queue.query({ filter: "mentions" })).toEqual([]);
      // A team token is nobody: nothing is its own and nothing mentions it.
      expect(await client(team.token).approvals.queue.query({ filter: "mentions" })).toEqual([]);
      expect(await client(team.token).approvals.queue.query({ filter: "mine" })).toEqual([]);

      expect(await annApi.approvals.count.query()).toEqual({ pending: 2 });
      await bobApi.runs.approve.mutate({ runId: second.runId });
      expect(await annApi.approvals.count.query()).toEqual({ pending: 1 });
      expect(ids(await bobApi.approvals.queue.query({ filter: "mentions" }))).toEqual([]);
      expect((await stranger.approvals.count.query()).pending).toBe(0);
    });

    it("refuses a filter or order it does not know, naming the field", async () => {
      const bad = (input: object) =>
        refusal(viewer.approvals.queue.query(input as { filter: "team" }));
      expect((await bad({ filter: "everyone" })).message).toMatch(/^filter: must be one of/);
      expect((await bad({ order: "random" })).message).toMatch(/^order: must be oldest or newest/);
      expect((await bad({ mine: true, filter: "mentions" })).message).toMatch(/^filter: /);
      expect((await bad({ limit: 0 })).message).toMatch(/^limit: /);
    });
  });

  describe("comments with mentions, and the thread", () => {
    it("returns each comment's author and the team members it mentions", async () => {
      const { runId } = await seedRun(api.pool, teamA.teamId);
      const body = "@vic@example.com and @MIA@example.com. Not @sam@example.com (another team).";
      const comment = await member.approvals.comment.mutate({ runId, body });
      expect(comment.author).toEqual({
        userId: memberIds.userId,
        email: "mia@example.com",
        displayName: "mia@example.com",
      });
      expect(comment.mentions.map((m) => m.email)).toEqual(["vic@example.com", "mia@example.com"]);
      expect(await viewer.approvals.comments.query({ runId })).toEqual([comment]);
      const [audit] = (await auditRows(api.pool, teamA.teamId, "comment.created")).filter(
        (r) => r.target_id === runId,
      );
      expect(audit!.data.mentioned).toEqual(comment.mentions.map((m) => m.userId));
    });

    it("refuses a comment over 4000 characters, and takes one of exactly 4000", async () => {
      const { runId } = await seedRun(api.pool, teamA.teamId);
      const long = await refusal(
        member.approvals.comment.mutate({ runId, body: "x".repeat(4001) }),
      );
      expect(long.code).toBe("BAD_REQUEST");
      expect(long.message).toMatch(/^body: must be at most 4000 characters/);
      const missing = await refusal(
        member.approvals.comment.mutate({ runId } as { runId: string; body: string }),
      );
      expect(missing.message).toMatch(/^body: must be the comment's text/);
      const fits = await member.approvals.comment.mutate({ runId, body: "y".repeat(4000) });
      expect(fits.body).toHaveLength(4000);
    });

    it("merges comments, decisions and the deploy in time order", async () => {
      const log = new PostgresRunLog(api.pool);
      const { runId } = await seedRun(api.pool, teamA.teamId);
      await requestApproval(api.pool, runId);
      await member.approvals.comment.mutate({ runId, body: "@vic@example.com ok?" });
      await member.runs.approve.mutate({ runId, comment: "ship it" });
      await log.append(runId, "node.finished", "deploy", {
        durationMs: 9,
        summary: "deployed to https://notes.example.test/",
      });
      await log.append(runId, "run.succeeded", null, {});
      const { entries } = await viewer.approvals.thread.query({ runId });
      expect(entries.map((e) => (e.kind === "comment" ? e.comment.body : e.type))).toEqual([
        "approval.requested",
        "@vic@example.com ok?",
        "run.approved",
        "deploy.finished",
        "run.succeeded",
      ]);
      expect(entries[2]).toMatchObject({ text: expect.stringContaining("ship it") });
      expect(entries[3]).toMatchObject({ url: "https://notes.example.test/" });
      const foreign = await refusal(stranger.approvals.thread.query({ runId }));
      expect(foreign.code).toBe("FORBIDDEN");
      const badId = await refusal(viewer.approvals.thread.query({ runId: "nope" }));
      expect(badId.message).toMatch(/^runId: must be the id of a run/);
    });

    it("finds mentions only where an address follows an @ that starts a word", () => {
      expect(mentionedAddresses("hi @Ann@Example.com, and @bob@x.io.")).toEqual([
        "ann@example.com",
        "bob@x.io",
      ]);
      expect(mentionedAddresses("mail ann@example.com or me@@ann@example.com")).toEqual([]);
      expect(mentionedAddresses("@ann@example.com @ann@example.com")).toEqual(["ann@example.com"]);
    });
  });
});
