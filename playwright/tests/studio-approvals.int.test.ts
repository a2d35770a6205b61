import { PostgresRunLog } from "@winky/orchestrator";
import { issueApiToken, type BootstrappedTeam } from "@winky/orchestrator/api";
import { describeWithChromium, useTestDatabase } from "@winky/testing";
import type pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RecordingRunControl } from "./recording-run-control.js";
import { bootstrapAcme, startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
} from "./studio-page.js";

/** The approval queue: the feed, its filters and order, mentions, rejecting, approving, viewers. */
describeWithChromium("the studio's approval queue, in Chromium", () => {
  const database = useTestDatabase("pw_studio_approvals");
  let stack: StudioStack;
  let runs: RecordingRunControl;
  let team: BootstrappedTeam;
  let bob: { userId: string; token: string };
  let vic: { userId: string; token: string };
  /** Ada's release (checked, oldest), Bob's plan, and a release to reject. */
  let release: string;
  let plan: string;
  let toReject: string;

  beforeAll(async () => {
    stack = await startStudioStack(database.url, {
      runs: (pool) => (runs = new RecordingRunControl(pool)),
    });
    team = await bootstrapAcme(stack.pool);
    bob = await addPerson(stack.pool, team.teamId, "bob@example.com", "Bob", "member");
    vic = await addPerson(stack.pool, team.teamId, "vic@example.com", "Vic", "viewer");
    release = await seedPending(stack.pool, team.teamId, "tag-notes", team.userId, "release");
    await seedChecks(stack.pool, release);
    plan = await seedPending(stack.pool, team.teamId, "team-wiki", bob.userId, "plan");
    toReject = await seedPending(stack.pool, team.teamId, "blue-notes", team.userId, "release");
  });

  afterAll(async () => {
    await stack?.close();
  });

  const cards = (page: Page) => page.locator("article.approval-card h2");

  it("lists the pending approvals with their checks, filtered and ordered in the URL", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    await page.goto(`${stack.studio.url}/approvals`);
    await page.getByRole("heading", { name: "Approvals", level: 1 }).waitFor();
    expect(await cards(page).allTextContents()).toEqual([
      "Tag notes tag-notes",
      "Team wiki team-wiki",
      "Blue notes blue-notes",
    ]);
    const first = page.locator("article.approval-card").first();
    expect(await first.getByRole("list", { name: "Checks" }).innerText()).toMatch(
      /Tests\s+Passed\s+9 tests passed[\s\S]*Rules audit\s+Passed\s+no rule findings/,
    );
    expect(await first.innerText()).toContain("After 1 repair round.");
    expect(await first.innerText()).toMatch(/Started by Ada · waiting/);
    expect(await page.locator("h1").innerText()).toContain("3 waiting");
    await saveScreenshot(page, "approvals-feed");
    await expectPageBasics(studio);

    await page.getByRole("link", { name: "Newest" }).click();
    await page.waitForURL(/order=newest/);
    expect((await cards(page).allTextContents())[0]).toBe("Blue notes blue-notes");
    await page.getByRole("link", { name: "Mine" }).click();
    await page.waitForURL(/filter=mine/);
    expect(new URL(page.url()).searchParams.get("order")).toBe("newest");
    expect(await cards(page).allTextContents()).toEqual([
      "Blue notes blue-notes",
      "Tag notes tag-notes",
    ]);
    await studio.close();
  });

  it("highlights an @mention, and the Mentions filter finds it for the mentioned member", async () => {
    const ada = await openStudioPage(stack.browser);
    await signInWithToken(ada.page, stack.studio.url, "ada@example.com", team.token);
    await ada.page.goto(`${stack.studio.url}/approvals`);
    await ada.page.getByRole("link", { name: /Open thread for Team wiki/ }).click();
    await ada.page.getByRole("heading", { name: "Thread", exact: true }).waitFor();
    await ada.page.getByLabel("Comment").fill("@bob@example.com is the wiki's nav right?");
    await ada.page.getByRole("button", { name: "Add comment" }).click();
    const mention = ada.page.locator("ol.thread mark.mention");
    await mention.waitFor();
    expect(await mention.innerText()).toBe("@bob@example.com");
    expect(await ada.page.getByLabel("Comment").inputValue()).toBe("");
    await saveScreenshot(ada.page, "approvals-thread-mention");
    await expectPageBasics(ada);
    await ada.close();

    const bobPage = await openStudioPage(stack.browser);
    await signInWithToken(bobPage.page, stack.studio.url, "bob@example.com", bob.token);
    await bobPage.page.goto(`${stack.studio.url}/approvals?filter=mentions`);
    await bobPage.page.getByRole("heading", { name: "Approvals", level: 1 }).waitFor();
    expect(await cards(bobPage.page).allTextContents()).toEqual(["Team wiki team-wiki"]);
    expect(await bobPage.page.locator("article.approval-card").innerText()).toContain(
      "(1 comment)",
    );
    await bobPage.close();
  });

  it("needs a reason to reject, then shows the rejection in the thread", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    await page.goto(`${stack.studio.url}/approvals/${toReject}`);
    // Spaces pass the browser's `required`; the studio still wants words.
    await page.getByLabel("Reason for rejecting").fill("   ");
    await page.getByRole("button", { name: "Reject release" }).click();
    await page.getByText("say why, so the next run can do better").waitFor();
    expect(runs.decisions).toEqual([]);
    await page.getByLabel("Reason for rejecting").fill("make the tags blue");
    await page.getByRole("button", { name: "Reject release" }).click();
    await page.locator("ol.thread li", { hasText: "make the tags blue" }).waitFor();
    await page.getByText("Nothing waits for a decision on this run now.").waitFor();
    expect(runs.decisions).toMatchObject([
      { runId: toReject, approved: false, comment: "make the tags blue" },
    ]);
    await saveScreenshot(page, "approvals-rejected");
    await studio.close();
  });

  it("approves from the thread: the approval leaves the feed and the badge drops", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    await page.goto(`${stack.studio.url}/approvals`);
    expect(await page.locator("h1").innerText()).toContain("2 waiting");
    await page.getByRole("link", { name: /Open thread for Tag notes/ }).click();
    await page.getByRole("button", { name: "Approve release" }).click();
    await page.locator("ol.thread li", { hasText: "Approved" }).waitFor();
    await page.getByText("Nothing waits for a decision on this run now.").waitFor();
    expect(runs.decisions.at(-1)).toMatchObject({ runId: release, approved: true });
    await page.getByRole("link", { name: "← Approvals" }).click();
    await page.waitForURL((url) => url.pathname === "/approvals");
    expect(await cards(page).allTextContents()).toEqual(["Team wiki team-wiki"]);
    expect(await page.locator("h1").innerText()).toContain("1 waiting");
    await saveScreenshot(page, "approvals-after-approve");
    await studio.close();
  });

  it("shows a viewer the decision and the comment box disabled, with why", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "vic@example.com", vic.token);
    await page.goto(`${stack.studio.url}/approvals/${plan}`);
    const approve = page.getByRole("button", { name: "Approve plan" });
    await approve.waitFor();
    expect(await approve.isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Reject plan" }).isDisabled()).toBe(true);
    expect(await page.getByLabel("Comment").isDisabled()).toBe(true);
    expect(await page.textContent("main")).toContain("Viewers cannot approve, reject or comment");
    await saveScreenshot(page, "approvals-viewer");
    await expectPageBasics(studio);
    await studio.close();
  });
});

/** A person in the team with `role`, and a personal token of theirs. */
async function addPerson(
  pool: pg.Pool,
  teamId: string,
  email: string,
  name: string,
  role: "member" | "viewer",
): Promise<{ userId: string; token: string }> {
  const { rows } = await pool.query<{ id: string }>(
    "insert into users (email, display_name) values ($1, $2) returning id",
    [email, name],
  );
  const userId = rows[0]!.id;
  await pool.query("insert into memberships (team_id, user_id, role) values ($1, $2, $3)", [
    teamId,
    userId,
    role,
  ]);
  const issued = await issueApiToken(pool, {
    teamId,
    userId,
    name: `${name}'s token`,
    role: null,
    expiresAt: null,
  });
  return { userId, token: issued.token };
}

/** A run of a new app `slug` that `createdBy` started, waiting for its `kind` to be approved. */
async function seedPending(
  pool: pg.Pool,
  teamId: string,
  slug: string,
  createdBy: string,
  kind: "plan" | "release",
): Promise<string> {
  const name = slug.replace("-", " ").replace(/^./, (c) => c.toUpperCase());
  const { rows: apps } = await pool.query<{ id: string }>(
    "insert into apps (team_id, slug, name) values ($1, $2, $3) returning id",
    [teamId, slug, name],
  );
  const { rows } = await pool.query<{ id: string }>(
    `insert into runs (app_id, team_id, prompt, engine, status, created_by, started_at)
     values ($1, $2, $3, 'offline', $4, $5, now()) returning id`,
    [
      apps[0]!.id,
      teamId,
      `a ${name.toLowerCase()} app for the team`,
      kind === "plan" ? "awaiting_plan_approval" : "awaiting_approval",
      createdBy,
    ],
  );
  await pool.query("insert into approvals (run_id, kind) values ($1, $2)", [rows[0]!.id, kind]);
  return rows[0]!.id;
}

/** A test that failed once (a repair round), then test, review and smoke passing. */
async function seedChecks(pool: pg.Pool, runId: string): Promise<void> {
  const log = new PostgresRunLog(pool);
  const finished = (node: string, summary: string) =>
    log.append(runId, "node.finished", node, { durationMs: 5, summary });
  await log.append(runId, "node.started", "code", {});
  await finished("test", "2 of 9 tests failed");
  await log.append(runId, "node.started", "code", {});
  await finished("test", "9 tests passed");
  await finished("review", "no rule findings");
  await finished("smoke", "3 scenarios passed");
}
