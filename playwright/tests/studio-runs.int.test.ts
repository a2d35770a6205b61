import type { BootstrappedTeam } from "@winky/orchestrator/api";
import { seedFailedRun, seedWaitingRun, addViewer, FAILURE } from "@winky/studio/testing";
import { describeWithChromium, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootstrapAcme, startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
} from "./studio-page.js";

/** Signing in with a token, the runs, a failed run's reason and a viewer's disabled approve. */
describeWithChromium("the studio's runs pages, in Chromium", () => {
  const database = useTestDatabase("pw_studio_runs");
  let stack: StudioStack;
  let team: BootstrappedTeam;
  let failedRunId: string;
  let waitingRunId: string;
  let viewerToken: string;

  beforeAll(async () => {
    stack = await startStudioStack(database.url);
    team = await bootstrapAcme(stack.pool);
    failedRunId = await seedFailedRun(stack.pool, team.teamId, "acme-notes");
    waitingRunId = await seedWaitingRun(stack.pool, team.teamId);
    viewerToken = await addViewer(stack.pool, team.teamId, "vic@example.com");
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("signs in with a token and lists the team's runs", async () => {
    const studio = await openStudioPage(stack.browser);
    await signInWithToken(studio.page, stack.studio.url, "ada@example.com", team.token);
    await studio.page.goto(`${stack.studio.url}/runs`);
    await studio.page.getByRole("heading", { name: "Runs", level: 1 }).waitFor();
    expect(await studio.page.getByRole("row").count()).toBe(3);
    await saveScreenshot(studio.page, "runs");
    await expectPageBasics(studio);

    await studio.page.goto(`${stack.studio.url}/runs/${failedRunId}`);
    const alert = studio.page.locator("main").getByRole("alert").first();
    await alert.waitFor();
    expect(await alert.textContent()).toContain(FAILURE.message);
    await saveScreenshot(studio.page, "run-failed");
    await expectPageBasics(studio);
    await studio.close();
  });

  it("shows a viewer the approve button disabled, with the reason", async () => {
    const studio = await openStudioPage(stack.browser);
    await signInWithToken(studio.page, stack.studio.url, "vic@example.com", viewerToken);
    await studio.page.goto(`${stack.studio.url}/runs/${waitingRunId}`);
    const approve = studio.page.getByRole("button", { name: "Approve" });
    await approve.waitFor();
    expect(await approve.isDisabled()).toBe(true);
    expect(await studio.page.textContent("main")).toContain("Viewers cannot approve");
    await saveScreenshot(studio.page, "run-viewer");
    await expectPageBasics(studio);
    await studio.close();
  });
});
