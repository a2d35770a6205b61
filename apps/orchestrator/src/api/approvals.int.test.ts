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

describe("the approvals API", () => {
  const database = useTestDatabase("api_approvals");
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

  describe("approving and rejecting", () => {
    it("decides through RunControl and audits each decision with actor, run and comment", async () => {
      const approved = await seedRun(api.pool, teamA.teamId);
      const planId = await requestApproval(api.pool, approved.runId, "plan");
      const rejected = await seedRun(api.pool, teamA.teamId);
      await requestApproval(api.pool, rejected.runId, "release");

      await member.runs.approve.mutate({ runId: approved.runId, comment: "ship the plan" });
      await member.runs.reject.mutate({ runId: rejected.runId, comment: "make the tags blue" });

      const approval = await api.pool.query(
        "select status, decided_by, reason from approvals where id = $1",
        [planId],
      );
      expect(approval.rows[0]).toEqual({
        status: "approved",
        decided_by: memberIds.userId,
        reason: "ship the plan",
      });
      const [approveRow] = (await auditRows(api.pool, teamA.teamId, "run.approved")).filter(
        (r) => r.target_id === approved.runId,
      );
      expect(approveRow).toMatchObject({
        actor_kind: "token",
        actor_id: memberIds.tokenId,
        target_type: "run",
        data: { comment: "ship the plan", approvalId: planId, approvalKind: "plan" },
        ip: "127.0.0.1",
      });
      const [rejectRow] = (await auditRows(api.pool, teamA.teamId, "run.rejected")).filter(
        (r) => r.target_id === rejected.runId,
      );
      expect(rejectRow).toMatchObject({
        actor_id: memberIds.tokenId,
        data: { comment: "make the tags blue", approvalKind: "release" },
      });
    });

    it("requires a non-blank comment to reject, naming the field", async () => {
      const { runId } = await seedRun(api.pool, teamA.teamId);
      await requestApproval(api.pool, runId);
      for (const input of [{ runId }, { runId, comment: "   " }]) {
        const e = await refusal(
          member.runs.reject.mutate(input as { runId: string; comment: string }),
        );
        expect(e.code).toBe("BAD_REQUEST");
        expect(e.message).toMatch(/^comment: a comment is required to reject/);
      }
      expect(await auditRows(api.pool, teamA.teamId, "run.rejected")).not.toContainEqual(
        expect.objectContaining({ target_id: runId }),
      );
    });

    it("answers CONFLICT when the run waits for no approval, and audits nothing", async () => {
      const { runId } = await seedRun(api.pool, teamA.teamId, { status: "coding" });
      const e = await refusal(member.runs.approve.mutate({ runId }));
      expect(e.code).toBe("CONFLICT");
      expect(e.message).toMatch(/not waiting for an approval/);
      expect(await auditRows(api.pool, teamA.teamId, "run.approved")).not.toContainEqual(
        expect.objectContaining({ target_id: runId }),
      );
    });

    it("refuses a run id that is not a UUID, naming the field", async () => {
      const e = await refusal(member.runs.approve.mutate({ runId: "run-1" }));
      expect(e.code).toBe("BAD_REQUEST");
      expect(e.message).toMatch(/^runId: must be the id of a run/);
    });
  });

  describe("the approval queue and comments", () => {
    it("lists only the caller's runs with mine, oldest first", async () => {
      const mine = await seedRun(api.pool, teamA.teamId, { createdBy: memberIds.userId });
      const mineApproval = await requestApproval(api.pool, mine.runId);
      const theirs = await seedRun(api.pool, teamA.teamId);
      await requestApproval(api.pool, theirs.runId);
      const queue = await member.approvals.queue.query({ mine: true });
      expect(queue.map((a) => a.approvalId)).toContain(mineApproval);
      expect(queue.every((a) => a.createdBy === memberIds.userId)).toBe(true);
      const all = await member.approvals.queue.query();
      const times = all.map((a) => a.requestedAt);
      expect(times).toEqual([...times].sort());
    });

    it("comments on a run or one of its approvals, refusing bad bodies and foreign approvals", async () => {
      const { runId } = await seedRun(api.pool, teamA.teamId);
      const approvalId = await requestApproval(api.pool, runId);
      const other = await seedRun(api.pool, teamA.teamId);
      const otherApproval = await requestApproval(api.pool, other.runId);
      const comment = await member.approvals.comment.mutate({
        runId,
        approvalId,
        body: "why blue?",
      });
      expect(comment).toMatchObject({
        runId,
        approvalId,
        authorId: memberIds.userId,
        body: "why blue?",
      });
      expect(await viewer.approvals.comments.query({ runId })).toEqual([comment]);
      const blank = await refusal(member.approvals.comment.mutate({ runId, body: " " }));
      expect(blank.message).toMatch(/^body: must not be blank/);
      const foreign = await refusal(
        member.approvals.comment.mutate({ runId, approvalId: otherApproval, body: "hi" }),
      );
      expect(foreign.code).toBe("NOT_FOUND");
      expect((await refusal(viewer.approvals.comment.mutate({ runId, body: "hi" }))).code).toBe(
        "FORBIDDEN",
      );
      const foreignRun = await refusal(stranger.approvals.comment.mutate({ runId, body: "hi" }));
      expect(foreignRun.code).toBe("FORBIDDEN");
      expect((await stranger.approvals.queue.query()).map((a) => a.runId)).not.toContain(runId);
      const rows = await auditRows(api.pool, teamA.teamId, "comment.created");
      expect(rows.filter((r) => r.target_id === runId)).toHaveLength(1);
    });
  });
});
