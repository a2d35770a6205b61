import { createWinkyClient, isWinkyApiError, type WinkyClient } from "@winky/api-client";
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

describe("the runs API", () => {
  const database = useTestDatabase("api_runs");
  let api: ApiHarness;
  let teamA: BootstrappedTeam;
  let teamB: BootstrappedTeam;
  let owner: WinkyClient;
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
    owner = client(teamA.token);
    const m = await addMemberWithToken(api.pool, teamA.teamId, "mia@example.com", "member");
    member = client(m.token);
    memberIds = m;
    const v = await addMemberWithToken(api.pool, teamA.teamId, "vic@example.com", "viewer");
    viewer = client(v.token);
    const s = await addMemberWithToken(api.pool, teamB.teamId, "sam@example.com", "member");
    stranger = client(s.token);
  });
  afterAll(() => api?.close());

  describe("when the caller is a viewer", () => {
    it("reads runs, a run and the approval queue", async () => {
      const { runId } = await seedRun(api.pool, teamA.teamId, { appSlug: "viewer-reads" });
      const approvalId = await requestApproval(api.pool, runId, "plan");
      const page = await viewer.runs.list.query({ limit: 100 });
      expect(page.items.map((r) => r.id)).toContain(runId);
      const run = await viewer.runs.byId.query({ runId });
      expect(run).toMatchObject({
        id: runId,
        appSlug: "viewer-reads",
        status: "awaiting_plan_approval",
        pendingApproval: { id: approvalId, kind: "plan" },
        error: null,
      });
      const queue = await viewer.approvals.queue.query();
      expect(queue.find((a) => a.runId === runId)).toMatchObject({
        approvalId,
        kind: "plan",
        prompt: "a notes app with tags",
        app: { slug: "viewer-reads" },
      });
    });

    it("is FORBIDDEN to approve, and told which role that needs", async () => {
      const { runId } = await seedRun(api.pool, teamA.teamId);
      await requestApproval(api.pool, runId);
      const e = await refusal(viewer.runs.approve.mutate({ runId }));
      expect(isWinkyApiError(e) && e.code).toBe("FORBIDDEN");
      expect(e.message).toMatch(/needs the member role or higher; the caller acts as viewer/);
      expect(api.runs.calls.filter((c) => c.op === "decide" && c.runId === runId)).toEqual([]);
    });
  });

  describe("when the run is another team's", () => {
    it("answers FORBIDDEN to reading, approving and following it, and NOT_FOUND to no run", async () => {
      const { runId } = await seedRun(api.pool, teamA.teamId);
      await requestApproval(api.pool, runId);
      const codes = [
        (await refusal(stranger.runs.byId.query({ runId }))).code,
        (await refusal(stranger.runs.approve.mutate({ runId }))).code,
        (await refusal(stranger.runs.cancel.mutate({ runId }))).code,
      ];
      const streamed = await new Promise<unknown>((resolve) => {
        const sub = stranger.runs.events.subscribe(
          { runId },
          { onError: (err) => (sub.unsubscribe(), resolve(err)), onData: () => resolve("data") },
        );
      });
      expect(codes).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
      expect(isWinkyApiError(streamed) && streamed.code).toBe("FORBIDDEN");
      const missing = await refusal(owner.runs.byId.query({ runId: crypto.randomUUID() }));
      expect(missing.code).toBe("NOT_FOUND");
    });
  });

  describe("creating runs", () => {
    it("derives the app's slug from its name and audits the new run", async () => {
      const created = await member.runs.create.mutate({
        prompt: "a recipe box with photos",
        appName: "Recipe Box!",
      });
      const run = await member.runs.byId.query({ runId: created.runId });
      expect(run).toMatchObject({ appSlug: "recipe-box", createdBy: memberIds.userId });
      expect(api.runs.calls.at(-1)).toMatchObject({
        op: "create",
        input: { teamId: teamA.teamId, appSlug: "recipe-box", appName: "Recipe Box!" },
      });
      const rows = await auditRows(api.pool, teamA.teamId, "run.created");
      expect(rows.at(-1)).toMatchObject({ target_id: created.runId, actor_id: memberIds.tokenId });
    });

    it("names a new app from the prompt when given no slug, as `winky new` does", async () => {
      // At the same moment: each still gets an app of its own.
      const [first, second] = await Promise.all([
        member.runs.create.mutate({ prompt: "a notes app with tags" }),
        member.runs.create.mutate({ prompt: "a notes app with tags" }),
      ]);
      const slugs = await Promise.all(
        [first, second].map(
          async (c) => (await member.runs.byId.query({ runId: c.runId })).appSlug,
        ),
      );
      expect(slugs.sort()).toEqual(["notes", "notes-2"]);
      expect(first.appId).not.toBe(second.appId);
    });

    it("refuses bad input naming each field, creating nothing", async () => {
      const before = api.runs.calls.length;
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ prompt: "  ", appSlug: "notes" }, /^prompt: the prompt is empty/],
        [
          { prompt: "x".repeat(20_001), appSlug: "notes" },
          /^prompt: the prompt is 20001 characters/,
        ],
        [{ prompt: "a notes app", appSlug: "Notes App" }, /^appSlug: must be kebab-case/],
        [{ prompt: "a notes app", appName: "!!!" }, /^appName: no app slug can be derived/],
        [{ prompt: "a notes app", appSlug: "notes", engine: "gpt" }, /^engine: /],
      ];
      for (const [input, message] of cases) {
        const e = await refusal(member.runs.create.mutate(input as { prompt: string }));
        expect(e.code).toBe("BAD_REQUEST");
        expect(e.message).toMatch(message);
      }
      expect(api.runs.calls.length).toBe(before);
      expect((await refusal(viewer.runs.create.mutate({ prompt: "x", appSlug: "xy" }))).code).toBe(
        "FORBIDDEN",
      );
    });
  });

  describe("cancelling and retrying", () => {
    it("cancels a live run once, then answers CONFLICT", async () => {
      const { runId } = await seedRun(api.pool, teamA.teamId, { status: "coding" });
      await member.runs.cancel.mutate({ runId });
      expect(await member.runs.byId.query({ runId })).toMatchObject({ status: "cancelled" });
      const again = await refusal(member.runs.cancel.mutate({ runId }));
      expect(again.code).toBe("CONFLICT");
      const rows = (await auditRows(api.pool, teamA.teamId, "run.cancelled")).filter(
        (r) => r.target_id === runId,
      );
      expect(rows).toHaveLength(1);
    });

    it("retries a failed run as a new one, and refuses a run still going", async () => {
      const failed = await seedRun(api.pool, teamA.teamId, { status: "failed" });
      const retried = await member.runs.retry.mutate({ runId: failed.runId });
      expect(retried.resumed).toBe(false);
      expect(await member.runs.byId.query({ runId: retried.runId })).toMatchObject({
        retryOf: failed.runId,
      });
      const [row] = (await auditRows(api.pool, teamA.teamId, "run.retried")).filter(
        (r) => r.target_id === failed.runId,
      );
      expect(row!.data).toEqual({ runId: retried.runId, resumed: false });
      const live = await seedRun(api.pool, teamA.teamId, { status: "testing" });
      expect((await refusal(member.runs.retry.mutate({ runId: live.runId }))).code).toBe(
        "CONFLICT",
      );
    });
  });

  describe("listing runs", () => {
    it("pages newest first without repeating a run, and filters by app, status and kind", async () => {
      const team = await createTeam(api.pool, "lister");
      const client = createWinkyClient({ url: api.url, token: team.token });
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(
          (await seedRun(api.pool, team.teamId, { appSlug: i % 2 ? "odd" : "even" })).runId,
        );
      }
      const regression = await seedRun(api.pool, team.teamId, {
        kind: "regression",
        status: "failed",
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.runs.list.query({ limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([regression.runId, ...made.reverse()]);
      const failed = await client.runs.list.query({ status: "failed", kind: "regression" });
      expect(failed.items.map((r) => r.id)).toEqual([regression.runId]);
      const odd = await client.runs.list.query({ appId: failed.items[0]!.appId });
      expect(odd.items.every((r) => r.appSlug === `notes-${team.teamId.slice(0, 8)}`)).toBe(true);
      expect((await refusal(client.runs.list.query({ limit: 101 }))).message).toMatch(/^limit: /);
    });
  });
});
