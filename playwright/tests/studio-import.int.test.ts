import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeFixtureProject } from "@winky/firebase-import/testing";
import type { BootstrappedTeam } from "@winky/orchestrator/api";
import { addViewer } from "@winky/studio/testing";
import { describeWithChromium, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootstrapAcme, startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
} from "./studio-page.js";

/** The Firebase compatibility report: a folder chosen in the picker, read by the orchestrator. */
describeWithChromium("the studio's Firebase import report, in Chromium", () => {
  const database = useTestDatabase("pw_studio_import");
  let stack: StudioStack;
  let team: BootstrappedTeam;
  let viewerToken: string;
  let dir: string;

  beforeAll(async () => {
    stack = await startStudioStack(database.url);
    team = await bootstrapAcme(stack.pool);
    viewerToken = await addViewer(stack.pool, team.teamId, "vic@example.com");
    dir = await mkdtemp(path.join(tmpdir(), "winky-studio-import-"));
    await makeFixtureProject(path.join(dir, "notes-project"));
    // Installed packages are never sent: one that would not parse proves it.
    const installed = path.join(dir, "notes-project", "functions", "node_modules", "left-out");
    await mkdir(installed, { recursive: true });
    await writeFile(path.join(installed, "index.js"), "this is not JavaScript (");
    await mkdir(path.join(dir, "no-config"));
    await writeFile(path.join(dir, "no-config", "firestore.rules"), "service cloud.firestore {");
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads a chosen project folder into the report: score, items by area, next commands", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    await page.getByRole("link", { name: "Import from Firebase" }).click();
    await page.getByRole("heading", { name: "Import from Firebase", level: 1 }).waitFor();
    await expectPageBasics(studio);

    await page.getByLabel("Project folder").setInputFiles(path.join(dir, "notes-project"));
    await page
      .getByText(
        /^notes-project: \d+ files, .* \(1 in node_modules, \.git or \.firebase left out\)$/,
      )
      .waitFor();
    await page.getByRole("button", { name: "Read the report" }).click();
    await page.getByRole("heading", { name: "Report for notes-fixture" }).waitFor();
    expect(
      await page.getByRole("status").filter({ hasText: "Nothing blocks the import" }).count(),
    ).toBe(1);
    const score = Number((await page.locator(".report-score").textContent())!.split(" / ")[0]);
    expect(score).toBeGreaterThan(0);
    const facts = page.locator("dl.facts");
    expect(await facts.textContent()).toContain("Documents1000");
    expect(await facts.textContent()).toContain("Functions13");

    const functions = page.getByRole("table", { name: "functions items" });
    const rows = functions.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(13);
    // Each function is named where its source defines it.
    const defined = rows.filter({
      has: page.locator("td code", { hasText: /^functions\/src\/.+\.ts:\d+/ }),
    });
    expect(await defined.count()).toBeGreaterThanOrEqual(13);
    const allItems = await page.locator("tbody tr").count();
    await page.getByLabel("Only what needs attention").check();
    const attention = await page.locator("tbody tr").count();
    expect(attention).toBeLessThan(allItems);
    expect(await page.locator('tbody tr[data-verdict="maps"]').count()).toBe(0);
    await page.getByLabel("Only what needs attention").uncheck();

    const commands = await page.locator(".report-commands").textContent();
    expect(commands).toContain("notes-project/");
    expect(commands).not.toContain(tmpdir());
    const download = await page
      .getByRole("link", { name: "Download the report (Markdown)" })
      .getAttribute("href");
    expect(decodeURIComponent(download!.split(",").slice(1).join(","))).toMatch(
      /^# Firebase import report: notes-fixture/,
    );
    await saveScreenshot(page, "import-report");
    await expectPageBasics(studio);
    await studio.close();
  });

  it("lists what blocks a folder without firebase.json, and names a bad project id", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    await page.goto(`${stack.studio.url}/import`);
    await page.getByRole("button", { name: "Read the report" }).click();
    await page.getByText("choose a Firebase project folder first").waitFor();

    await page.getByLabel("Project folder").setInputFiles(path.join(dir, "no-config"));
    await page.getByLabel("Winky project id (optional)").fill("NotAnId");
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as { document: { querySelector(s: string): { noValidate: boolean } } }
      ).document;
      doc.querySelector("form.card")!.noValidate = true; // the API's own check, not the browser's
    });
    await page.getByRole("button", { name: "Read the report" }).click();
    const problem = page.locator("#firebase-project-problem");
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^project: a project id/);

    await page.getByLabel("Winky project id (optional)").fill("");
    await page.getByRole("button", { name: "Read the report" }).click();
    const blockers = page.getByRole("alert").filter({ hasText: /stops? the import/ });
    await blockers.waitFor();
    expect(await blockers.textContent()).toContain("firebase.json");
    await saveScreenshot(page, "import-blocked");
    // Another folder chosen: the last report, about the old one, goes.
    await page.getByLabel("Project folder").setInputFiles(path.join(dir, "notes-project"));
    await blockers.waitFor({ state: "detached" });
    expect(await page.getByRole("heading", { name: /^Report for / }).count()).toBe(0);
    await expectPageBasics(studio);
    await studio.close();
  });

  it("keeps a viewer's form off, saying why", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "vic@example.com", viewerToken);
    await page.goto(`${stack.studio.url}/import`);
    await page.getByText("Viewers cannot send projects").waitFor();
    expect(await page.getByRole("button", { name: "Read the report" }).isDisabled()).toBe(true);
    await expectPageBasics(studio);
    await studio.close();
  });
});
