import { useTestDatabase } from "@winky/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DatabaseHandle } from "./connection.js";
import { migrate } from "./migrate.js";
import {
  apiTokens,
  apps,
  approvals,
  comments,
  deployments,
  memberships,
  runEvents,
  runs,
  teams,
  users,
} from "./schema/index.js";

/** The PostgreSQL error behind a failed Drizzle query (Drizzle wraps it in `cause`). */
async function pgErrorOf(query: Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
  const error = await query.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the query should have been rejected").toBeInstanceOf(Error);
  return ((error as Error).cause ?? error) as { code?: string; constraint?: string };
}

const foreignKeyViolation = "23503";
const uniqueViolation = "23505";
const checkViolation = "23514";

describe("the platform schema's constraints", () => {
  const testDb = useTestDatabase("constraints");
  let handle: DatabaseHandle;
  let teamId: string;
  let appId: string;
  let runId: string;

  beforeAll(async () => {
    await migrate(testDb.url);
    handle = createDb(testDb.url, { maxConnections: 2 });
    const { db } = handle;
    const [team] = await db
      .insert(teams)
      .values({ slug: "acme", name: "Acme" })
      .returning({ id: teams.id });
    teamId = team!.id;
    const [app] = await db
      .insert(apps)
      .values({ teamId, slug: "todo", name: "Todo" })
      .returning({ id: apps.id });
    appId = app!.id;
    const [run] = await db
      .insert(runs)
      .values({ appId, teamId, prompt: "A todo app", engine: "offline" })
      .returning({ id: runs.id });
    runId = run!.id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("rejects a membership in a team that does not exist", async () => {
    const [user] = await handle.db
      .insert(users)
      .values({ email: "ada@example.com", displayName: "Ada" })
      .returning();
    const missingTeam = "00000000-0000-4000-8000-000000000000";
    const error = await pgErrorOf(
      handle.db.insert(memberships).values({ teamId: missingTeam, userId: user!.id }),
    );
    expect(error).toMatchObject({
      code: foreignKeyViolation,
      constraint: "memberships_team_id_teams_id_fk",
    });
  });

  it("rejects a team token without a role, an unknown run kind and a non-HTTP webhook", async () => {
    const token = { teamId, name: "ci", tokenHash: "h1", prefix: "wk_1" };
    expect(await pgErrorOf(handle.db.insert(apiTokens).values(token))).toMatchObject({
      code: checkViolation,
      constraint: "api_tokens_team_token_has_role",
    });
    await handle.db.insert(apiTokens).values({ ...token, role: "viewer" });
    const run = { appId, teamId, prompt: "x", engine: "offline", kind: "nightly" as "regression" };
    expect(await pgErrorOf(handle.db.insert(runs).values(run))).toMatchObject({
      code: checkViolation,
      constraint: "runs_kind_known",
    });
    const webhook = handle.db
      .update(teams)
      .set({ notifyWebhookUrl: "file:///etc/passwd" })
      .where(eq(teams.id, teamId));
    expect(await pgErrorOf(webhook)).toMatchObject({
      code: checkViolation,
      constraint: "teams_notify_webhook_url_http",
    });
  });

  it("records a run's deploy once", async () => {
    const row = { appId, teamId, runId, kind: "deploy" as const, project: "todo", url: "u" };
    await handle.db.insert(deployments).values({ ...row, version: 1 });
    expect(
      await pgErrorOf(handle.db.insert(deployments).values({ ...row, version: 2 })),
    ).toMatchObject({ code: uniqueViolation, constraint: "deployments_one_per_run" });
    // Rollbacks have no run and are as many as people make.
    const rollback = { ...row, runId: null, kind: "rollback" as const, version: 1 };
    await handle.db.insert(deployments).values([rollback, rollback]);
  });

  it("rejects a slug that is not lower-case letters, digits and dashes", async () => {
    for (const slug of ["Acme", "-acme", "ac me", "", "a".repeat(64)]) {
      const error = await pgErrorOf(handle.db.insert(teams).values({ slug, name: "Bad" }));
      expect(error, slug).toMatchObject({ code: checkViolation, constraint: "teams_slug_format" });
    }
  });

  it("treats emails that differ only in case as the same", async () => {
    await handle.db.insert(users).values({ email: "Grace@Example.com", displayName: "Grace" });
    const error = await pgErrorOf(
      handle.db.insert(users).values({ email: "grace@example.COM", displayName: "Grace 2" }),
    );
    expect(error).toMatchObject({ code: uniqueViolation, constraint: "users_email_lower_key" });
    const [stored] = await handle.db
      .select({ email: users.email })
      .from(users)
      .where(sql`lower(${users.email}) = lower('GRACE@example.com')`);
    expect(stored?.email).toBe("Grace@Example.com");
  });

  it("rejects a second run event with the same (run_id, seq)", async () => {
    await handle.db.insert(runEvents).values({ runId, seq: 0, type: "node.started" });
    const error = await pgErrorOf(
      handle.db.insert(runEvents).values({ runId, seq: 0, type: "node.finished" }),
    );
    expect(error).toMatchObject({ code: uniqueViolation, constraint: "run_events_run_id_seq_key" });
  });

  it("rejects a blank prompt", async () => {
    const error = await pgErrorOf(
      handle.db.insert(runs).values({ appId, teamId, prompt: "  ", engine: "offline" }),
    );
    expect(error).toMatchObject({ code: checkViolation, constraint: "runs_prompt_not_blank" });
  });

  it("keeps a run in its app's team", async () => {
    const [other] = await handle.db
      .insert(teams)
      .values({ slug: "other", name: "Other" })
      .returning();
    const error = await pgErrorOf(
      handle.db.insert(runs).values({ appId, teamId: other!.id, prompt: "x", engine: "offline" }),
    );
    expect(error).toMatchObject({
      code: foreignKeyViolation,
      constraint: "runs_app_id_team_id_fkey",
    });
  });

  it("requires finished_at exactly when a run has finished", async () => {
    const finishedWithoutTime = handle.db
      .update(runs)
      .set({ status: "succeeded" })
      .where(eq(runs.id, runId));
    expect(await pgErrorOf(finishedWithoutTime)).toMatchObject({
      code: checkViolation,
      constraint: "runs_finished_at_matches_status",
    });
  });

  it("allows one pending approval of each kind per run", async () => {
    await handle.db.insert(approvals).values({ runId, kind: "plan" });
    const error = await pgErrorOf(handle.db.insert(approvals).values({ runId, kind: "plan" }));
    expect(error).toMatchObject({
      code: uniqueViolation,
      constraint: "approvals_one_pending_per_kind",
    });
  });

  it("rejects a comment on an approval of another run", async () => {
    const [otherRun] = await handle.db
      .insert(runs)
      .values({ appId, teamId, prompt: "Another", engine: "offline" })
      .returning();
    const [approval] = await handle.db
      .insert(approvals)
      .values({ runId: otherRun!.id, kind: "release" })
      .returning();
    const error = await pgErrorOf(
      handle.db.insert(comments).values({ runId, approvalId: approval!.id, body: "Looks good" }),
    );
    expect(error).toMatchObject({
      code: foreignKeyViolation,
      constraint: "comments_approval_id_run_id_fkey",
    });
  });

  it("removes a team's apps, runs and events with the team", async () => {
    await handle.db.delete(teams).where(eq(teams.id, teamId));
    expect(await handle.db.select().from(runs).where(eq(runs.teamId, teamId))).toEqual([]);
    expect(await handle.db.select().from(runEvents).where(eq(runEvents.runId, runId))).toEqual([]);
  });
});
