import { createHash } from "node:crypto";
import { createWinkyClient, isWinkyApiError } from "@winky/api-client";
import { migrate } from "@winky/db";
import { eventually, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  auditRows,
  createTeam,
  refusal,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";
import { issueApiToken } from "./auth/api-token.js";
import type { BootstrappedTeam } from "./auth/bootstrap-team.js";

describe("API tokens", () => {
  const database = useTestDatabase("api_tokens");
  let api: ApiHarness;
  let team: BootstrappedTeam;
  const client = (token: string) => createWinkyClient({ url: api.url, token });

  beforeAll(async () => {
    await migrate(database.url);
    api = await startApi(database.url);
    team = await createTeam(api.pool, "tokens");
  });
  afterAll(() => api?.close());

  describe("when the credentials are missing or wrong", () => {
    it("answers UNAUTHORIZED saying what is wrong, never echoing the token", async () => {
      const bogus = `wk_${"A".repeat(43)}`;
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{}, /^missing credentials/],
        [{ Authorization: "Basic dXNlcjpwYXNz" }, /no credentials this API accepts/],
        [{ Authorization: `Bearer ${bogus}` }, /not valid: no such token/],
        [{ Authorization: "Bearer wk_short" }, /not valid: it is malformed/],
      ];
      for (const [headers, message] of cases) {
        const res = await fetch(`${api.url}/teams.get`, { headers });
        const body = (await res.json()) as { error: { message: string; data: { code: string } } };
        expect(res.status).toBe(401);
        expect(body.error.data.code).toBe("UNAUTHORIZED");
        expect(body.error.message).toMatch(message);
        expect(JSON.stringify(body)).not.toContain(bogus);
      }
    });

    it("refuses an expired token, and a personal one whose owner left the team", async () => {
      const expired = await issueApiToken(api.pool, {
        teamId: team.teamId,
        userId: team.userId,
        name: "old",
        role: null,
        expiresAt: new Date(Date.now() - 60_000),
      });
      const e = await refusal(client(expired.token).teams.get.query());
      expect(isWinkyApiError(e) && e.code).toBe("UNAUTHORIZED");
      expect(e.message).toMatch(/^the API token expired at \d{4}-/);
      const leaver = await addMemberWithToken(api.pool, team.teamId, "lee@example.com", "member");
      await api.pool.query("delete from memberships where user_id = $1", [leaver.userId]);
      const left = await refusal(client(leaver.token).teams.get.query());
      expect(left.message).toMatch(/owner is no longer a member/);
    });
  });

  describe("creating a token", () => {
    it("shows the secret once: lists never return it and the database holds only its hash", async () => {
      const owner = client(team.token);
      const created = await owner.tokens.create.mutate({
        name: "ci",
        kind: "team",
        role: "member",
      });
      expect(created.token).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
      expect(created.prefix).toBe(created.token.slice(0, 10));
      const listed = await owner.tokens.list.query();
      const entry = listed.find((t) => t.id === created.id);
      expect(entry).toMatchObject({ name: "ci", kind: "team", role: "member", state: "active" });
      expect(JSON.stringify(listed)).not.toContain(created.token);
      expect(JSON.stringify(listed)).not.toContain(hex(created.token));
      const { rows } = await api.pool.query("select * from api_tokens where id = $1", [created.id]);
      expect(rows[0].token_hash).toBe(hex(created.token));
      expect(JSON.stringify(rows[0])).not.toContain(created.token.slice(10));
      const audit = await auditRows(api.pool, team.teamId, "token.created");
      expect(JSON.stringify(audit)).not.toContain(created.token.slice(10));
      expect(audit.at(-1)).toMatchObject({ target_id: created.id, actor_id: team.tokenId });
      expect(await client(created.token).runs.list.query()).toMatchObject({ items: [] });
    });

    it("works until revoked, then answers UNAUTHORIZED saying it was revoked", async () => {
      const user = await addMemberWithToken(api.pool, team.teamId, "rae@example.com", "member");
      const own = client(user.token);
      const made = await own.tokens.create.mutate({ name: "laptop", expiresInDays: 30 });
      const laptop = client(made.token);
      expect((await laptop.teams.get.query()).callerRole).toBe("member");
      await eventually(async () => {
        const { rows } = await api.pool.query("select last_used_at from api_tokens where id = $1", [
          made.id,
        ]);
        expect(rows[0].last_used_at).toBeInstanceOf(Date);
      });
      await own.tokens.revoke.mutate({ tokenId: made.id });
      const e = await refusal(laptop.teams.get.query());
      expect(e.code).toBe("UNAUTHORIZED");
      expect(e.message).toBe("the API token was revoked");
      const audit = await auditRows(api.pool, team.teamId, "token.revoked");
      expect(audit.at(-1)).toMatchObject({ target_id: made.id, actor_id: user.tokenId });
      expect((await own.tokens.list.query()).find((t) => t.id === made.id)?.state).toBe("revoked");
    });

    it("never gives a token more than its maker's role, and team tokens only to admins", async () => {
      const user = await addMemberWithToken(api.pool, team.teamId, "max@example.com", "member");
      const member = client(user.token);
      const tooMuch = await refusal(member.tokens.create.mutate({ name: "x", role: "admin" }));
      expect(tooMuch.code).toBe("FORBIDDEN");
      expect(tooMuch.message).toMatch(/^role: a token cannot be given more than .* \(member\)/);
      const teamToken = await refusal(
        member.tokens.create.mutate({ name: "x", kind: "team", role: "viewer" }),
      );
      expect(teamToken.code).toBe("FORBIDDEN");
      const owner = client(team.token);
      const noRole = await refusal(owner.tokens.create.mutate({ name: "x", kind: "team" }));
      expect(noRole.message).toBe("role: a team token needs a role");
    });

    it("refuses bad input naming the field", async () => {
      const owner = client(team.token);
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ name: "  " }, /^name: must not be blank/],
        [{ name: "x".repeat(101) }, /^name: /],
        [{ name: "x", expiresInDays: 0 }, /^expiresInDays: /],
        [{ name: "x", expiresInDays: 366 }, /^expiresInDays: /],
        [{ name: "x", role: "root" }, /^role: /],
      ];
      for (const [input, message] of cases) {
        const e = await refusal(owner.tokens.create.mutate(input as { name: string }));
        expect(e.code).toBe("BAD_REQUEST");
        expect(e.message).toMatch(message);
      }
      const badId = await refusal(owner.tokens.revoke.mutate({ tokenId: "nope" }));
      expect(badId.message).toMatch(/^tokenId: must be the id of a token/);
    });
  });

  describe("who sees and revokes which tokens", () => {
    it("shows members their own tokens only, and lets only admins revoke another's", async () => {
      const a = await addMemberWithToken(api.pool, team.teamId, "ann@example.com", "member");
      const b = await addMemberWithToken(api.pool, team.teamId, "ben@example.com", "member");
      const listed = await client(a.token).tokens.list.query();
      expect(listed.map((t) => t.owner?.userId)).toEqual([a.userId]);
      const e = await refusal(client(a.token).tokens.revoke.mutate({ tokenId: b.tokenId }));
      expect(e.code).toBe("FORBIDDEN");
      const admin = await addMemberWithToken(api.pool, team.teamId, "ada@example.com", "admin");
      await client(admin.token).tokens.revoke.mutate({ tokenId: b.tokenId });
      expect((await refusal(client(b.token).teams.get.query())).code).toBe("UNAUTHORIZED");
      const other = await createTeam(api.pool, "elsewhere");
      const foreign = await refusal(
        client(admin.token).tokens.revoke.mutate({ tokenId: other.tokenId }),
      );
      expect(foreign.code).toBe("FORBIDDEN");
    });

    it("acts with the lesser of a personal token's role and its owner's current one", async () => {
      const user = await addMemberWithToken(
        api.pool,
        team.teamId,
        "olga@example.com",
        "admin",
        "owner",
      );
      expect((await client(user.token).teams.get.query()).callerRole).toBe("admin");
      await api.pool.query("update memberships set role = 'viewer' where user_id = $1", [
        user.userId,
      ]);
      expect((await client(user.token).teams.get.query()).callerRole).toBe("viewer");
      const e = await refusal(client(user.token).audit.list.query());
      expect(e.code).toBe("FORBIDDEN");
      expect(e.message).toMatch(/needs the admin role or higher; the caller acts as viewer/);
    });
  });
});

function hex(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
