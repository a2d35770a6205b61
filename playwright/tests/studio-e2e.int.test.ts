import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import { FsBlobStore } from "@winky/blob-store";
import { migrate } from "@winky/db";
import {
  createRunReader,
  loadWorkerConfig,
  openWorkerStack,
  PostgresRunLog,
  QueuedRunControl,
} from "@winky/orchestrator";
import { ApiTokenAuthenticator, RuntimeSessionAuthenticator } from "@winky/orchestrator/api";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { ensureBuilderImage } from "@winky/sandbox-images/ensure-images.mjs";
import {
  chromiumPath,
  describeWithChromium,
  describeWithDocker,
  testRedisUrl,
  uniqueRedisPrefix,
  useTestDatabase,
} from "@winky/testing";
import { Redis } from "ioredis";
import pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signUpThroughStudio } from "./studio-sign-up-flow.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  type StudioPage,
} from "./studio-page.js";
import { startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";

const PLATFORM = "winky-studio";
const PROMPT = "A notes app with email login, markdown editor, tags and images";

/**
 * The acceptance path a new user follows, on real parts: sign up in the platform project,
 * describe the notes app, see its plan and mockup, build it (a run worker on the queue: the
 * offline engine, checks in sandbox containers, the smoke in Chromium), watch the run live,
 * open its live preview on the run's own project, approve the release from the queue, and open
 * the deployed app.
 */
describeWithChromium("the studio from sign-up to a deployed app", () => {
  describeWithDocker("on the queue, with a run worker and a runtime serving sites", () => {
    const runtimeDb = useTestDatabase("pw_e2e_runtime");
    const platformDb = useTestDatabase("pw_e2e_platform");
    let dir: string;
    let runtime: TestRuntime;
    let queuePool: pg.Pool;
    let queueRedis: Redis;
    let workers: Awaited<ReturnType<typeof openWorkerStack>>;
    let stack: StudioStack;
    let studio: StudioPage;
    let page: Page;
    let runId: string;
    const at = (p: string) => `${stack.studio.url}${p}`;
    const main = () => page.locator("main");
    const statusOf = async () =>
      (await stack.pool.query<{ status: string }>("select status from runs where id = $1", [runId]))
        .rows[0]?.status;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "winky-studio-e2e-"));
      const builderImage = await ensureBuilderImage();
      runtime = await createTestRuntime(runtimeDb.url, {
        blobs: new FsBlobStore(path.join(dir, "blobs")),
        hosting: { domain: "localhost" },
      });
      const runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
      const port = new URL(runtimeUrl).port;
      await migrate(platformDb.url);
      const prefix = uniqueRedisPrefix("studio-e2e");
      queuePool = new pg.Pool({ connectionString: platformDb.url, max: 4 });
      queueRedis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
      const runs = new QueuedRunControl({
        pool: queuePool,
        connection: queueRedis,
        prefix,
        log: new PostgresRunLog(queuePool),
        reader: await createRunReader(queuePool),
        defaultEngine: "offline",
      });
      workers = await openWorkerStack({
        config: loadWorkerConfig({
          PORT: "0",
          DATABASE_URL: platformDb.url,
          REDIS_URL: testRedisUrl(),
          RUNTIME_URL: runtimeUrl,
          WINKY_ADMIN_KEY: TEST_ADMIN_KEY,
          WINKY_DATA_DIR: path.join(dir, "data"),
          WINKY_SITE_URL: `http://{project}.localhost:${port}/`,
          CHROMIUM_PATH: chromiumPath(),
          WINKY_QUEUE_PREFIX: prefix,
          WINKY_REGRESSION_CONCURRENCY: "0",
        }),
        builderImage,
        env: {},
      });
      stack = await startStudioStack(platformDb.url, {
        runs: () => runs,
        authenticators: (pool) => [
          new ApiTokenAuthenticator(pool),
          new RuntimeSessionAuthenticator({ pool, runtimeUrl, project: PLATFORM }),
        ],
        dataDir: path.join(dir, "data"),
        runtimeUrl,
        runtime: new AdminClient(runtimeUrl, TEST_ADMIN_KEY),
        studioEnv: { WINKY_ADMIN_KEY: TEST_ADMIN_KEY, WINKY_DEV_MAILBOX: "1" },
      });
      studio = await openStudioPage(stack.browser);
      page = studio.page;
    }, 600_000);

    afterAll(async () => {
      await studio?.close();
      await stack?.close();
      await workers?.close();
      await queueRedis?.quit();
      await queuePool?.end();
      await runtime?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("signs up, makes a team, describes the notes app and sees its plan and mockup", async () => {
      await signUpThroughStudio(page, stack.studio.url, "maker@example.com", "Makers", "makers");
      await page.waitForURL(at("/new"));
      await main().getByLabel("Describe your app").fill(PROMPT);
      await main().getByRole("button", { name: "Plan it" }).click();
      await page.waitForURL(/\/new\?run=/);
      runId = new URL(page.url()).searchParams.get("run")!;
      // The plan appears as the worker makes it: the page follows the run's events.
      await main().getByText("Here is the plan.").waitFor({ timeout: 90_000 });
      await main().getByRole("list", { name: "Wireframes" }).waitFor();
      await saveScreenshot(page, "e2e-plan");
      await expectPageBasics(studio);
    }, 180_000);

    it("builds it and shows the run live until it waits for its release", async () => {
      await main().getByRole("button", { name: "Build it" }).click();
      await expect.poll(statusOf, { timeout: 30_000 }).not.toBe("awaiting_plan_approval");
      await page.goto(at(`/runs/${runId}`));
      // Live: the timeline moves without a reload until the release waits for approval.
      const timeline = main().locator("[data-node]");
      await timeline.first().waitFor();
      await main().getByText("Waiting for approval of its release").waitFor({ timeout: 300_000 });
      expect(await statusOf()).toBe("awaiting_approval");
      await saveScreenshot(page, "e2e-run");
    }, 360_000);

    it("opens the live preview of the app on the run's own project", async () => {
      await page.reload();
      const frame = main().locator("iframe.preview-frame");
      await frame.waitFor();
      const src = (await frame.getAttribute("src"))!;
      expect(src).toMatch(/^http:\/\/notes-run-[0-9a-f]{12}\.localhost:\d+\/$/);
      await frame.scrollIntoViewIfNeeded();
      await page
        .frameLocator("iframe.preview-frame")
        .getByRole("heading", { name: "Notes", level: 1 })
        .waitFor({ timeout: 30_000 });
      await saveScreenshot(page, "e2e-preview");
      await expectPageBasics(studio);
    }, 120_000);

    it("approves the release from the queue and opens the deployed app", async () => {
      await page.goto(at("/approvals"));
      await main()
        .getByRole("link", { name: /Open thread/ })
        .first()
        .click();
      await main().getByRole("button", { name: "Approve release" }).click();
      await expect.poll(statusOf, { timeout: 180_000, interval: 1_000 }).toBe("succeeded");
      await page.reload();
      const deployed = main().getByRole("link", { name: /^http:\/\/notes\.localhost:\d+\/$/ });
      await deployed.waitFor();
      await saveScreenshot(page, "e2e-deployed-thread");
      const app = await page.context().newPage();
      await app.goto((await deployed.getAttribute("href"))!);
      await app.getByRole("heading", { name: "Notes", level: 1 }).waitFor();
      expect(await app.title()).toBe("Notes");
      await app.close();
      expect(studio.errors).toEqual([]);
    }, 240_000);
  });
});
