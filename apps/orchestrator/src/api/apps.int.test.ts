import { AdminApiError } from "@winky/admin-client";
import { createWinkyClient, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { useTestDatabase } from "@winky/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  auditRows,
  createTeam,
  refusal,
  seedRun,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";
import type { BootstrappedTeam } from "./auth/bootstrap-team.js";

/** Records that `version` of the app's project went live, as the deploy step does. */
async function deployed(pool: pg.Pool, app: { appId: string; teamId: string }, version: number) {
  const { rows } = await pool.query<{ id: string }>(
    `insert into deployments (app_id, team_id, kind, project, version, url, commit_sha)
     values ($1, $2, 'deploy', 'shop', $3, 'http://shop.localhost/', $4) returning id`,
    [app.appId, app.teamId, version, `sha${version}`],
  );
  return rows[0]!.id;
}

describe("the apps API", () => {
  const database = useTestDatabase("api_apps");
  let api: ApiHarness;
  let team: BootstrappedTeam;
  let owner: WinkyClient;
  let member: WinkyClient;
  const client = (token: string) => createWinkyClient({ url: api.url, token });

  beforeAll(async () => {
    await migrate(database.url);
    api = await startApi(database.url);
    team = await createTeam(api.pool, "apps");
    owner = client(team.token);
    member = client(
      (await addMemberWithToken(api.pool, team.teamId, "mel@example.com", "member")).token,
    );
  });
  afterAll(() => api?.close());

  describe("health", () => {
    it("follows the app's latest finished regression run, ignoring cancelled ones", async () => {
      const { appId } = await seedRun(api.pool, team.teamId, { appSlug: "health" });
      expect((await member.apps.byId.query({ appId })).health).toEqual({ status: "unknown" });
      const passed = await seedRun(api.pool, team.teamId, {
        appSlug: "health",
        kind: "regression",
        status: "succeeded",
      });
      expect((await member.apps.byId.query({ appId })).health).toMatchObject({
        status: "passing",
        runId: passed.runId,
        checkedAt: expect.stringMatching(/^\d{4}-/),
      });
      const failed = await seedRun(api.pool, team.teamId, {
        appSlug: "health",
        kind: "regression",
        status: "failed",
      });
      await seedRun(api.pool, team.teamId, {
        appSlug: "health",
        kind: "regression",
        status: "cancelled",
      });
      await seedRun(api.pool, team.teamId, {
        appSlug: "health",
        kind: "regression",
        status: "smoke",
      });
      const list = await member.apps.list.query();
      expect(list.items.find((a) => a.id === appId)?.health).toMatchObject({
        status: "failing",
        runId: failed.runId,
      });
    });
  });

  describe("deployments and rollbacks", () => {
    it("lists deployments newest first", async () => {
      const app = await seedRun(api.pool, team.teamId, { appSlug: "listed" });
      const ids = [];
      for (const v of [1, 2, 3])
        ids.push(await deployed(api.pool, { ...app, teamId: team.teamId }, v));
      const page = await member.apps.deployments.query({ appId: app.appId, limit: 2 });
      expect(page.items.map((d) => d.version)).toEqual([3, 2]);
      const rest = await member.apps.deployments.query({
        appId: app.appId,
        cursor: page.nextCursor!,
      });
      expect(rest).toEqual({
        items: [expect.objectContaining({ id: ids[0], version: 1 })],
        nextCursor: null,
      });
    });

    it("releases an earlier version on the runtime and records the rollback", async () => {
      const app = {
        ...(await seedRun(api.pool, team.teamId, { appSlug: "shop" })),
        teamId: team.teamId,
      };
      const first = await deployed(api.pool, app, 1);
      await deployed(api.pool, app, 2);
      const rollback = await owner.apps.rollback.mutate({ appId: app.appId, deploymentId: first });
      expect(api.hosting.releases).toEqual([{ project: "shop", version: 1 }]);
      expect(rollback).toMatchObject({
        kind: "rollback",
        project: "shop",
        version: 1,
        commitSha: "sha1",
        createdBy: team.userId,
      });
      const latest = await member.apps.deployments.query({ appId: app.appId, limit: 1 });
      expect(latest.items[0]!.id).toBe(rollback.id);
      const audit = await auditRows(api.pool, team.teamId, "app.rolled_back");
      expect(audit.at(-1)).toMatchObject({
        target_id: app.appId,
        actor_id: team.tokenId,
        data: { fromVersion: 2, toVersion: 1, deploymentId: rollback.id },
      });
      const again = await refusal(
        owner.apps.rollback.mutate({ appId: app.appId, deploymentId: first }),
      );
      expect(again.code).toBe("CONFLICT");
      expect(again.message).toMatch(/version 1 of 'shop' is already live/);
    });

    it("records nothing when the runtime refuses the release", async () => {
      const app = {
        ...(await seedRun(api.pool, team.teamId, { appSlug: "gone" })),
        teamId: team.teamId,
      };
      const first = await deployed(api.pool, app, 1);
      await deployed(api.pool, app, 2);
      api.hosting.refuse = new AdminApiError(
        404,
        "not-found",
        "releasing version 1: no such version",
      );
      try {
        const e = await refusal(
          owner.apps.rollback.mutate({ appId: app.appId, deploymentId: first }),
        );
        expect(e.code).toBe("PRECONDITION_FAILED");
        expect(e.message).toMatch(/^the runtime refused: releasing version 1/);
      } finally {
        api.hosting.refuse = undefined;
      }
      const { rows } = await api.pool.query("select kind from deployments where app_id = $1", [
        app.appId,
      ]);
      expect(rows.map((r) => r.kind)).toEqual(["deploy", "deploy"]);
    });

    it("is for admins, on the app's own deployments, with well-formed ids", async () => {
      const app = {
        ...(await seedRun(api.pool, team.teamId, { appSlug: "guarded" })),
        teamId: team.teamId,
      };
      const first = await deployed(api.pool, app, 1);
      await deployed(api.pool, app, 2);
      const other = {
        ...(await seedRun(api.pool, team.teamId, { appSlug: "other" })),
        teamId: team.teamId,
      };
      const foreign = await deployed(api.pool, other, 7);
      expect(
        (await refusal(member.apps.rollback.mutate({ appId: app.appId, deploymentId: first })))
          .code,
      ).toBe("FORBIDDEN");
      const notTheApps = await refusal(
        owner.apps.rollback.mutate({ appId: app.appId, deploymentId: foreign }),
      );
      expect(notTheApps.code).toBe("NOT_FOUND");
      expect(notTheApps.message).toMatch(/^deploymentId: app .* has no deployment/);
      const bad = await refusal(
        owner.apps.rollback.mutate({ appId: app.appId, deploymentId: "v1" }),
      );
      expect(bad.message).toMatch(/^deploymentId: must be the id of a deployment/);
      const elsewhere = await createTeam(api.pool, "rival");
      const rival = await refusal(
        client(elsewhere.token).apps.rollback.mutate({ appId: app.appId, deploymentId: first }),
      );
      expect(rival.code).toBe("FORBIDDEN");
    });
  });

  describe("the audit log", () => {
    it("lists the team's entries newest first, by action prefix, for admins only", async () => {
      const { runId } = await seedRun(api.pool, team.teamId, { status: "failed" });
      await member.runs.retry.mutate({ runId });
      const page = await owner.audit.list.query({ action: "run.", limit: 1 });
      expect(page.items).toEqual([
        expect.objectContaining({
          action: "run.retried",
          targetId: runId,
          actor: expect.objectContaining({ kind: "token", label: "member token" }),
          ip: "127.0.0.1",
        }),
      ]);
      const all = await owner.audit.list.query({ limit: 100 });
      const ids = all.items.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(all.items.at(-1)).toMatchObject({ action: "team.created", actor: { kind: "system" } });
      const first = await owner.audit.list.query({ limit: 2 });
      const second = await owner.audit.list.query({ limit: 2, cursor: first.nextCursor! });
      expect([...first.items, ...second.items].map((e) => e.id)).toEqual(ids.slice(0, 4));
      expect((await refusal(member.audit.list.query())).code).toBe("FORBIDDEN");
      expect((await refusal(owner.audit.list.query({ cursor: "x" }))).message).toMatch(/^cursor: /);
    });
  });
});
