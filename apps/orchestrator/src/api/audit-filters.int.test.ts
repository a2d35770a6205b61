import { createWinkyClient, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  createTeam,
  refusal,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";
import type { BootstrappedTeam } from "./auth/bootstrap-team.js";

/** The audit log's filters beyond the action prefix: who, on what, and when. */
describe("the audit log's filters", () => {
  const database = useTestDatabase("api_audit_filters");
  let api: ApiHarness;
  let team: BootstrappedTeam;
  let owner: WinkyClient;
  let admin: WinkyClient;
  let addedUserId: string;
  const client = (token: string) => createWinkyClient({ url: api.url, token });

  beforeAll(async () => {
    await migrate(database.url);
    api = await startApi(database.url);
    team = await createTeam(api.pool, "audit");
    owner = client(team.token);
    const adminToken = await addMemberWithToken(api.pool, team.teamId, "Abe@Example.com", "admin");
    admin = client(adminToken.token);
    addedUserId = (await owner.teams.addMember.mutate({ email: "zoe@example.com" })).userId;
    await admin.teams.setRole.mutate({ userId: addedUserId, role: "viewer" });
    await admin.tokens.create.mutate({ name: "deploy bot", kind: "team", role: "member" });
    // Another team's entries must never show, whatever the filters.
    const rival = await createTeam(api.pool, "audit-rival");
    await client(rival.token).teams.addMember.mutate({ email: "zoe@example.com" });
  });
  afterAll(() => api?.close());

  const actions = (page: { items: Array<{ action: string }> }) => page.items.map((e) => e.action);

  it("filters by part of the actor's name, a token's owner's email included, in any case", async () => {
    const byAbe = await owner.audit.list.query({ actor: "abe@EXAMPLE" });
    expect(actions(byAbe)).toEqual(["token.created", "member.role_changed"]);
    expect(byAbe.items[0]!.actor).toMatchObject({
      kind: "token",
      label: "admin token",
      onBehalfOf: "Abe@Example.com",
    });
    expect(actions(await owner.audit.list.query({ actor: "admin tok" }))).toHaveLength(2);
    expect(actions(await owner.audit.list.query({ actor: "system" }))).toEqual(["team.created"]);
    expect((await owner.audit.list.query({ actor: "%" })).items).toEqual([]);
  });

  it("filters by the target's type and id, exactly", async () => {
    const onZoe = await owner.audit.list.query({ targetType: "user", targetId: addedUserId });
    expect(actions(onZoe)).toEqual(["member.role_changed", "member.added"]);
    expect(actions(await owner.audit.list.query({ targetType: "api_token" }))).toEqual([
      "token.created",
    ]);
    expect((await owner.audit.list.query({ targetType: "use" })).items).toEqual([]);
  });

  it("filters by time, from inclusive and to exclusive, and pages within the filter", async () => {
    const all = await owner.audit.list.query({ limit: 100 });
    const newest = all.items[0]!;
    const since = await owner.audit.list.query({ from: newest.createdAt });
    expect(since.items.map((e) => e.id)).toContain(newest.id);
    const before = await owner.audit.list.query({ to: newest.createdAt, limit: 100 });
    expect(before.items.map((e) => e.id)).not.toContain(newest.id);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await owner.audit.list.query({ from: future })).items).toEqual([]);
    const first = await owner.audit.list.query({ actor: "example.com", limit: 1 });
    const second = await owner.audit.list.query({
      actor: "example.com",
      limit: 1,
      cursor: first.nextCursor!,
    });
    expect([...actions(first), ...actions(second)]).toEqual([
      "token.created",
      "member.role_changed",
    ]);
  });

  it("names the field of a filter it refuses", async () => {
    expect((await refusal(owner.audit.list.query({ from: "yesterday" }))).message).toMatch(
      /^from: must be an ISO 8601 date-time/,
    );
    const reversed = await refusal(
      owner.audit.list.query({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }),
    );
    expect(reversed.code).toBe("BAD_REQUEST");
    expect(reversed.message).toBe("to: must be after from");
    expect((await refusal(owner.audit.list.query({ actor: " " }))).message).toMatch(/^actor: /);
  });
});
