import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "@winky/db";
import type { BootstrappedTeam } from "@winky/orchestrator/api";
import { addViewer } from "@winky/studio/testing";
import { describeWithChromium, useTestDatabase } from "@winky/testing";
import pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PipelineRunControl } from "./pipeline-run-control.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
  type StudioPage,
} from "./studio-page.js";
import { bootstrapAcme, startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";

const PROMPT = "A notes app with email login, markdown editor, tags and images";

/**
 * The chat that makes an app, over the real pipeline (offline planner, preview and coder;
 * scripted checks): describe the app, see its plan and wireframes, change the plan in words,
 * build it, and see it wait for its release approval. A viewer sees the chat but cannot send.
 */
describeWithChromium("the studio's chat, from a description to a built app", () => {
  const database = useTestDatabase("pw_studio_chat");
  let dataDir: string;
  let pool: pg.Pool;
  let runs: PipelineRunControl;
  let stack: StudioStack;
  let team: BootstrappedTeam;
  let studio: StudioPage;
  let page: Page;
  const main = () => page.locator("main");
  const runIdOf = (url: string) => new URL(url).searchParams.get("run");

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "winky-chat-"));
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    await migrate(database.url);
    runs = await PipelineRunControl.open(pool, dataDir);
    stack = await startStudioStack(database.url, { runs: () => runs, dataDir });
    team = await bootstrapAcme(stack.pool);
    studio = await openStudioPage(stack.browser);
    page = studio.page;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
  });

  afterAll(async () => {
    await runs?.settled();
    await studio?.close();
    await stack?.close();
    await pool?.end();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The status of the run's approval of `kind`, as the server action recorded it. */
  async function approvalOf(runId: string, kind: "plan" | "release"): Promise<string | undefined> {
    const { rows } = await stack.pool.query<{ status: string }>(
      "select status from approvals where run_id = $1 and kind = $2",
      [runId, kind],
    );
    return rows[0]?.status;
  }

  /** Waits for the run to stop moving, then shows the page as it is now. */
  async function settle(): Promise<void> {
    await runs.settled();
    await page.reload();
  }

  it("plans the described app and shows its plan and wireframes with Build it", async () => {
    await page.goto(`${stack.studio.url}/new`);
    await expectPageBasics(studio);
    await main().getByLabel("Describe your app").fill(PROMPT);
    await main().getByRole("button", { name: "Plan it" }).click();
    await page.waitForURL(/\/new\?run=/);
    await settle();
    const conversation = main().getByRole("list", { name: "Conversation" });
    await conversation.getByText(PROMPT).waitFor();
    await conversation.getByText("Here is the plan.").waitFor();
    // The plan streams in after the conversation; its images load as they scroll into view.
    const list = main().getByRole("list", { name: "Wireframes" });
    await list.waitFor();
    const wireframes = list.getByRole("img");
    expect(await wireframes.count()).toBeGreaterThan(0);
    for (const image of await wireframes.all()) {
      await image.scrollIntoViewIfNeeded();
      await expect
        .poll(() => image.evaluate((el) => (el as { naturalWidth: number }).naturalWidth), {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
    }
    await main().getByRole("button", { name: "Build it" }).waitFor();
    const dueDate = main().locator(".field-chip", { hasText: /^Due date/ });
    expect(await dueDate.count()).toBe(0);
    await saveScreenshot(page, "chat-plan");
    await expectPageBasics(studio);
  });

  it("changes the plan from a message: the plan is rejected with it and planned again", async () => {
    const first = runIdOf(page.url())!;
    await main().getByLabel("Change the plan").fill("add due dates");
    await main().getByRole("button", { name: "Change the plan" }).click();
    await page.waitForURL((url) => runIdOf(url.toString()) !== first);
    await settle();
    const conversation = main().getByRole("list", { name: "Conversation" });
    await conversation.getByText("add due dates").waitFor();
    expect(await conversation.locator(".chat-from-you").allTextContents()).toEqual([
      `You${PROMPT}`,
      "Youadd due dates",
    ]);
    await main()
      .getByText(/^Due date/)
      .first()
      .waitFor();
    const { rows } = await stack.pool.query(
      "select kind, status, reason from approvals where run_id = $1",
      [first],
    );
    expect(rows).toEqual([{ kind: "plan", status: "rejected", reason: "add due dates" }]);
    const apps = await stack.pool.query("select count(*)::int as n from apps");
    expect(apps.rows[0].n).toBe(1);
  });

  it("builds it: coded, checked (one repair round), then waiting for its release approval", async () => {
    const runId = runIdOf(page.url())!;
    await main().getByRole("button", { name: "Build it" }).click();
    // The decision is recorded by the server action, then the run moves in the background.
    await expect.poll(() => approvalOf(runId, "plan"), { timeout: 30_000 }).toBe("approved");
    await settle();
    await main().getByText("Built, tested and reviewed").waitFor();
    await main().getByRole("link", { name: "approval queue" }).waitFor();
    await saveScreenshot(page, "chat-built");
    expect(studio.errors).toEqual([]);
  });

  it("approves the release from the queue, with the app's wireframe, and the deploy shows in the thread", async () => {
    const runId = runIdOf(page.url())!;
    await page.goto(`${stack.studio.url}/approvals`);
    const card = main().locator("article", { hasText: "notes" }).first();
    const wireframe = card.getByRole("img", { name: /^Wireframe of the/ });
    await wireframe.scrollIntoViewIfNeeded();
    await expect
      .poll(() => wireframe.evaluate((el) => (el as { naturalWidth: number }).naturalWidth), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await saveScreenshot(page, "approvals-with-wireframe");
    await page.goto(`${stack.studio.url}/approvals/${runId}`);
    await main().getByRole("button", { name: "Approve release" }).click();
    await expect.poll(() => approvalOf(runId, "release"), { timeout: 30_000 }).toBe("approved");
    await settle();
    const deployed = main().getByRole("link", { name: "http://notes.localhost:4000" });
    await deployed.waitFor();
    expect(await deployed.getAttribute("href")).toBe("http://notes.localhost:4000");
    const { rows } = await stack.pool.query("select status from runs where id = $1", [runId]);
    expect(rows[0].status).toBe("succeeded");
    await saveScreenshot(page, "approval-thread-deployed");
    expect(studio.errors).toEqual([]);
  });

  it("shows a viewer the chat with sending turned off and why", async () => {
    const viewerToken = await addViewer(stack.pool, team.teamId, "vic@example.com");
    const viewer = await openStudioPage(stack.browser);
    await signInWithToken(viewer.page, stack.studio.url, "vic@example.com", viewerToken);
    await viewer.page.goto(`${stack.studio.url}/new`);
    const box = viewer.page.locator("main").getByLabel("Describe your app");
    expect(await box.isDisabled()).toBe(true);
    await viewer.page.getByText("Viewers see the team's apps but cannot start").waitFor();
    await expectPageBasics(viewer);
    await viewer.close();
  });
});
