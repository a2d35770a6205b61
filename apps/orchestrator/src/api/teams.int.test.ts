import { createWinkyClient, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  auditRows,
  createTeam,
  refusal,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";
import type { BootstrappedTeam } from "./auth/bootstrap-team.js";

describe("the team API", () => {
  const database = useTestDatabase("api_teams");
  let api: ApiHarness;
  let team: BootstrappedTeam;
  let owner: WinkyClient;
  let admin: WinkyClient;
  const client = (token: string) => createWinkyClient({ url: api.url, token });
  // Assembled so no literal in the repository looks like a real webhook.
  const webhook = ["https://hooks.slack.com", "services", "T0000", "B0000", "Zz9Yy8Xx7Ww6"].join(
    "/",
  );

  beforeAll(async () => {
    await migrate(database.url);
    api = await startApi(database.url);
    team = await createTeam(api.pool, "teams");
    owner = client(team.token);
    admin = client(
      (await addMemberWithToken(api.pool, team.teamId, "adm@example.com", "admin")).token,
    );
  });
  afterAll(() => api?.close());

  const teamRow = async () =>
    (await api.pool.query("select * from teams where id = $1", [team.teamId])).rows[0];

  describe("settings", () => {
    it("saves the schedule and webhook, answers the URL masked, audits it masked, and syncs", async () => {
      const saved = await admin.teams.updateSettings.mutate({
        regressionCron: "30 2 * * 1-5",
        regressionTimeZone: "Europe/Paris",
        notifyWebhookUrl: webhook,
      });
      expect(saved).toMatchObject({
        regressionCron: "30 2 * * 1-5",
        regressionTimeZone: "Europe/Paris",
        notifyWebhookUrl: "https://hooks.slack.com/…7Ww6",
      });
      expect(await teamRow()).toMatchObject({ notify_webhook_url: webhook });
      const got = await client(team.token).teams.get.query();
      expect(JSON.stringify(got)).not.toContain("Zz9Yy8");
      expect(got.callerRole).toBe("owner");
      const [audit] = (await auditRows(api.pool, team.teamId, "team.settings_updated")).slice(-1);
      expect(JSON.stringify(audit)).not.toContain("Zz9Yy8");
      expect(audit!.data).toMatchObject({ regressionTimeZone: "Europe/Paris" });
      expect(api.synced.at(-1)).toBe(team.teamId);
    });

    it("rejects a bad cron, time zone or ftp:// webhook naming the field, leaving the team unchanged", async () => {
      const before = await teamRow();
      const synced = api.synced.length;
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [
          { regressionCron: "61 * * * *" },
          /^regressionCron: '61 \* \* \* \*' is not a cron pattern/,
        ],
        // Each check writes to production: the scheduler's limit is the API's.
        [{ regressionCron: "*/5 * * * *" }, /^regressionCron: .*more often than once an hour/],
        [{ regressionCron: "every night" }, /^regressionCron: /],
        [{ regressionTimeZone: "Mars/Olympus" }, /^regressionTimeZone: is not an IANA time zone/],
        [
          { notifyWebhookUrl: "ftp://files.example.com/hook" },
          /^notifyWebhookUrl: must be an http/,
        ],
        [{ name: " ", regressionTimeZone: "UTC" }, /^name: must not be blank/],
        [{}, /give at least one setting/],
      ];
      for (const [input, message] of cases) {
        const e = await refusal(admin.teams.updateSettings.mutate(input));
        expect(e.code).toBe("BAD_REQUEST");
        expect(e.message).toMatch(message);
        expect(e.message).not.toContain("files.example.com");
      }
      expect(await teamRow()).toEqual(before);
      expect(api.synced.length).toBe(synced);
    });

    it("clears the schedule and the webhook with null", async () => {
      await owner.teams.updateSettings.mutate({ regressionCron: null, notifyWebhookUrl: null });
      expect(await teamRow()).toMatchObject({ regression_cron: null, notify_webhook_url: null });
    });

    it("is for admins and owners only", async () => {
      const member = client(
        (await addMemberWithToken(api.pool, team.teamId, "mo@example.com", "member")).token,
      );
      const e = await refusal(member.teams.updateSettings.mutate({ name: "Hijacked" }));
      expect(e.code).toBe("FORBIDDEN");
      expect(e.message).toMatch(/needs the admin role/);
    });
  });

  describe("members", () => {
    it("adds a person by email, making their user with the email's local part as name", async () => {
      const added = await admin.teams.addMember.mutate({ email: "New.Person@Example.com" });
      expect(added).toMatchObject({
        email: "New.Person@Example.com",
        displayName: "New.Person",
        role: "member",
      });
      const again = await refusal(
        admin.teams.addMember.mutate({ email: "new.person@example.com" }),
      );
      expect(again.code).toBe("CONFLICT");
      const members = await owner.teams.members.query();
      expect(members[0]!.role).toBe("owner");
      expect(members.map((m) => m.userId)).toContain(added.userId);
      const audit = await auditRows(api.pool, team.teamId, "member.added");
      expect(audit.at(-1)).toMatchObject({ target_type: "user", target_id: added.userId });
    });

    it("refuses bad input on every member write, naming the field", async () => {
      const cases: Array<[Promise<unknown>, RegExp]> = [
        [
          admin.teams.addMember.mutate({ email: "not-an-email" }),
          /^email: must be an email address/,
        ],
        [admin.teams.addMember.mutate({ email: "a@b.co", role: "god" as never }), /^role: /],
        [admin.teams.addMember.mutate({ email: "a@b.co", displayName: " " }), /^displayName: /],
        [
          admin.teams.setRole.mutate({ userId: "me", role: "admin" }),
          /^userId: must be the id of a user/,
        ],
        [admin.teams.removeMember.mutate({ userId: "me" }), /^userId: /],
      ];
      for (const [call, message] of cases) {
        const e = await refusal(call);
        expect(e.code).toBe("BAD_REQUEST");
        expect(e.message).toMatch(message);
      }
    });

    it("lets only an owner grant or take away owner", async () => {
      const person = await admin.teams.addMember.mutate({ email: "pat@example.com" });
      const grant = await refusal(
        admin.teams.setRole.mutate({ userId: person.userId, role: "owner" }),
      );
      expect(grant.code).toBe("FORBIDDEN");
      expect(grant.message).toMatch(/only an owner may grant or take away the owner role/);
      const demote = await refusal(
        admin.teams.setRole.mutate({ userId: team.userId, role: "admin" }),
      );
      expect(demote.code).toBe("FORBIDDEN");
      const addOwner = await refusal(
        admin.teams.addMember.mutate({ email: "o2@example.com", role: "owner" }),
      );
      expect(addOwner.code).toBe("FORBIDDEN");
      const promoted = await owner.teams.setRole.mutate({ userId: person.userId, role: "admin" });
      expect(promoted.role).toBe("admin");
      const audit = await auditRows(api.pool, team.teamId, "member.role_changed");
      expect(audit.at(-1)).toMatchObject({
        target_id: person.userId,
        data: { from: "member", to: "admin" },
      });
    });

    it("never demotes nor removes the last owner", async () => {
      const demote = await refusal(
        owner.teams.setRole.mutate({ userId: team.userId, role: "admin" }),
      );
      expect(demote.code).toBe("PRECONDITION_FAILED");
      expect(demote.message).toMatch(/^the last owner cannot be demoted/);
      const remove = await refusal(owner.teams.removeMember.mutate({ userId: team.userId }));
      expect(remove.message).toMatch(/^the last owner cannot be removed/);
      const roles = await api.pool.query("select role from memberships where user_id = $1", [
        team.userId,
      ]);
      expect(roles.rows).toEqual([{ role: "owner" }]);

      // With a second owner, the first may step down; their token then acts as an admin at
      // once, so it can no longer touch the remaining owner.
      const second = await owner.teams.addMember.mutate({
        email: "co-owner@example.com",
        role: "owner",
      });
      expect(
        await owner.teams.setRole.mutate({ userId: team.userId, role: "admin" }),
      ).toMatchObject({
        role: "admin",
      });
      const after = await refusal(owner.teams.removeMember.mutate({ userId: second.userId }));
      expect(after.code).toBe("FORBIDDEN");
    });

    it("removes a member, whose tokens then stop working", async () => {
      const leaver = await addMemberWithToken(api.pool, team.teamId, "bye@example.com", "member");
      const removed = await admin.teams.removeMember.mutate({ userId: leaver.userId });
      expect(removed.removed.email).toBe("bye@example.com");
      expect((await refusal(client(leaver.token).teams.get.query())).code).toBe("UNAUTHORIZED");
      const missing = await refusal(admin.teams.removeMember.mutate({ userId: leaver.userId }));
      expect(missing.code).toBe("NOT_FOUND");
      const audit = await auditRows(api.pool, team.teamId, "member.removed");
      expect(audit.at(-1)).toMatchObject({ target_id: leaver.userId, data: { role: "member" } });
    });
  });
});
