import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { issueApiToken, type BootstrappedTeam } from "@winky/orchestrator/api";
import { describeWithChromium, useTestDatabase } from "@winky/testing";
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootstrapAcme, startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
} from "./studio-page.js";

const exec = promisify(execFile);
const SLUG = "acme-shop";
// 14 checks, oldest first: two failures among them, the latest passed.
const VERDICTS = "PPPPFPPPPPFPPP".split("").map((c) => (c === "P" ? "succeeded" : "failed"));

/** The team's shop app: three deploys and 14 regression checks, as the workers record them. */
async function seedShop(pool: pg.Pool, teamId: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    "insert into apps (team_id, slug, name) values ($1, $2, 'Acme shop') returning id",
    [teamId, SLUG],
  );
  const appId = rows[0]!.id;
  for (const version of [1, 2, 3]) {
    await pool.query(
      `insert into deployments (app_id, team_id, kind, project, version, url, commit_sha,
                                created_at)
       values ($1, $2, 'deploy', $3, $4, 'http://acme-shop.localhost:9/', $5,
               now() - make_interval(days => $6))`,
      [appId, teamId, SLUG, version, `${version}abcdef0123456789`, 4 - version],
    );
  }
  for (const [i, status] of VERDICTS.entries()) {
    const failed = status === "failed";
    const summary = failed ? "1 of 4 smoke scenarios failed" : "4 of 4 smoke scenarios passed";
    const { rows: runs } = await pool.query<{ id: string }>(
      `insert into runs (app_id, team_id, kind, prompt, engine, status, started_at, finished_at,
                         error)
       values ($1, $2, 'regression', 'Regression: the smoke suite', 'offline', $3,
               now() - make_interval(hours => $4), now() - make_interval(hours => $4), $5)
       returning id`,
      [appId, teamId, status, VERDICTS.length - i, failed ? { code: "x", message: summary } : null],
    );
    await pool.query(
      `insert into run_events (run_id, seq, type, node, payload)
       values ($1, 0, 'node.finished', 'smoke', $2)`,
      [runs[0]!.id, { summary, passed: failed ? 3 : 4, failed: failed ? 1 : 0, findings: [] }],
    );
  }
  return appId;
}

/** The app's repository where the workers keep it, with two commits, each tagged by its run. */
async function commitTwice(dataDir: string): Promise<void> {
  const repo = path.join(dataDir, "repos", SLUG);
  await mkdir(repo, { recursive: true });
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: repo,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "Ada Lovelace",
    GIT_AUTHOR_EMAIL: "ada@example.com",
    GIT_COMMITTER_NAME: "Winky-Coder",
    GIT_COMMITTER_EMAIL: "winky@localhost",
  };
  const git = (...args: string[]) => exec("git", args, { cwd: repo, env });
  await git("init", "--quiet", "--initial-branch=main");
  for (const [n, subject] of ["Shop: a first catalogue", "Shop: a basket"].entries()) {
    await writeFile(path.join(repo, "index.html"), `<h1>${subject}</h1>`);
    await git("add", "--all");
    await git("commit", "--quiet", "--message", subject);
    await git("tag", `winky/run/0000000${n}-0000-4000-8000-000000000000`);
  }
}

/** A member of the team (may not roll back), and their token. */
async function addMember(pool: pg.Pool, teamId: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    "insert into users (email, display_name) values ('mel@example.com', 'Mel') returning id",
  );
  await pool.query("insert into memberships (team_id, user_id, role) values ($1, $2, 'member')", [
    teamId,
    rows[0]!.id,
  ]);
  const issued = await issueApiToken(pool, {
    teamId,
    userId: rows[0]!.id,
    name: "member token",
    role: null,
    expiresAt: null,
  });
  return issued.token;
}

/** The apps list, an app's history chart, Git log and deployments, and who may roll back. */
describeWithChromium("the studio's apps pages, in Chromium", () => {
  const database = useTestDatabase("pw_studio_apps");
  let dataDir: string;
  let stack: StudioStack;
  let team: BootstrappedTeam;
  let appId: string;
  let memberToken: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "winky-studio-apps-"));
    // No runtime is given to this orchestrator: every rollback answers PRECONDITION_FAILED.
    stack = await startStudioStack(database.url, { dataDir });
    team = await bootstrapAcme(stack.pool);
    appId = await seedShop(stack.pool, team.teamId);
    await stack.pool.query(
      "insert into apps (team_id, slug, name) values ($1, 'acme-draft', 'Draft')",
      [team.teamId],
    );
    await commitTwice(dataDir);
    memberToken = await addMember(stack.pool, team.teamId);
  });

  afterAll(async () => {
    await stack?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("lists the team's apps with health, live URL and last deploy", async () => {
    const studio = await openStudioPage(stack.browser);
    await signInWithToken(studio.page, stack.studio.url, "ada@example.com", team.token);
    await studio.page.goto(`${stack.studio.url}/apps`);
    await studio.page.getByRole("heading", { name: "Apps", level: 1 }).waitFor();
    const shop = studio.page.getByRole("row", { name: /Acme shop/ });
    expect(await shop.textContent()).toContain("Passing");
    // Its latest deploy (v3) went live a day before.
    expect(await shop.textContent()).toContain("yesterday");
    const url = shop.getByRole("link", { name: /acme-shop\.localhost/ });
    expect(await url.getAttribute("target")).toBe("_blank");
    const draft = studio.page.getByRole("row", { name: /Draft/ });
    expect(await draft.textContent()).toMatch(/Not checked yet.*not deployed.*never/);
    await saveScreenshot(studio.page, "apps");
    await expectPageBasics(studio);
    await studio.close();
  });

  it("shows an app's regression chart, Git log and the runtime's refusal of a rollback", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    await page.goto(`${stack.studio.url}/apps/${appId}`);
    await page.getByRole("heading", { name: /Acme shop/, level: 1 }).waitFor();
    expect(await page.title()).toMatch(/^Acme shop/);

    const chart = page.getByRole("img", { name: "Last 14 checks: 12 passed, 2 failed" });
    await chart.waitFor();
    const squares = chart.locator("rect");
    expect(await squares.count()).toBe(14);
    expect(await chart.locator('rect[data-status="failed"]').count()).toBe(2);
    // Oldest on the left: the fifth check failed, and its tooltip says what it found.
    expect(await squares.nth(4).locator("title").textContent()).toMatch(
      /^Failed, \d{4}-.* UTC: 1 of 4 smoke scenarios failed$/,
    );

    const log = page.getByRole("table", { name: /commits of the app's repository/ });
    const commits = log.locator("tbody tr");
    expect(await commits.count()).toBe(2);
    expect(await commits.nth(0).textContent()).toMatch(/^[0-9a-f]{7}Shop: a basketAda Lovelace/);
    expect(await commits.nth(1).textContent()).toContain("Shop: a first catalogue");

    const live = page.getByRole("link", { name: /acme-shop\.localhost.*opens in a new tab/ });
    expect(await live.getAttribute("target")).toBe("_blank");

    await page.getByRole("button", { name: "Roll back to v1" }).click();
    await page.getByRole("button", { name: "Confirm rollback to v1" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "The rollback did not happen" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      /rollbacks need the runtime's admin client.*\(PRECONDITION_FAILED\)/,
    );
    await saveScreenshot(page, "app-rollback-refused");
    await expectPageBasics(studio);
    await studio.close();
  });

  it("shows a member the rollback buttons disabled, with the reason", async () => {
    const studio = await openStudioPage(stack.browser);
    await signInWithToken(studio.page, stack.studio.url, "mel@example.com", memberToken);
    await studio.page.goto(`${stack.studio.url}/apps/${appId}`);
    const rollback = studio.page.getByRole("button", { name: "Roll back to v2" });
    await rollback.waitFor();
    expect(await rollback.isDisabled()).toBe(true);
    expect(await studio.page.textContent("main")).toContain(
      "Rolling back needs the admin role or higher; you act as member.",
    );
    await saveScreenshot(studio.page, "app-member");
    await expectPageBasics(studio);
    await studio.close();
  });
});
