import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import { FsBlobStore } from "@winky/blob-store";
import type { AppPlan } from "@winky/planner";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { describeWithDocker, useTestDatabase } from "@winky/testing";
import Dockerode from "dockerode";
import { afterAll, beforeAll, expect, it } from "vitest";
import { smokeApp, smokeBuildEnv, testApp } from "./app-checks.js";
import { edit, ensureBuilderImage, notesApp } from "./checks.test-bed.js";
import type { KeptScreenshot } from "./smoke-screenshots.js";

const PROJECT = "notes-smoke";
const docker = new Dockerode();
const { plan, files } = notesApp(PROJECT);
const dirs: string[] = [];
let image = "";
let runtime: TestRuntime;
let runtimeUrl = "";
let serviceKey = "";

/** What the generated `scripts/deploy.mjs` does: settings, rules, indexes (no functions here). */
async function deployBackend(admin: AdminClient, app: AppPlan, source: Record<string, string>) {
  const providers = app.auth.providers;
  await admin.updateConfig(PROJECT, {
    strictIndexes: true,
    auth: {
      emailPassword: { enabled: providers.includes("email") },
      anonymous: { enabled: providers.includes("anonymous") },
    },
  });
  await admin.deployRules(PROJECT, "firestore", source["firestore.rules"]!);
  await admin.deployRules(PROJECT, "storage", source["storage.rules"]!);
  await admin.deployIndexes(PROJECT, JSON.parse(source["firestore.indexes.json"]!));
}

describeWithDocker("smokeApp, on the coder's notes app against a real runtime", () => {
  const database = useTestDatabase("orchestrator_smoke");

  beforeAll(async () => {
    image = await ensureBuilderImage();
    const blobs = await mkdtemp(path.join(tmpdir(), "winky-smoke-blobs-"));
    dirs.push(blobs);
    runtime = await createTestRuntime(database.url, { blobs: new FsBlobStore(blobs) });
    runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    serviceKey = await runtime.createProject(PROJECT);
    await deployBackend(new AdminClient(runtimeUrl, TEST_ADMIN_KEY), plan, files);
  }, 900_000);

  afterAll(async () => {
    await runtime?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("passes: sign-up through the mailbox, create with an image, list, search, edit, delete", async () => {
    const screenshotsDir = await mkdtemp(path.join(tmpdir(), "winky-smoke-shots-"));
    dirs.push(screenshotsDir);
    const report = await smokeApp({
      docker,
      image,
      files,
      runtimeUrl,
      project: PROJECT,
      serviceKey,
      screenshotsDir,
    });
    console.log(`smoke job (passing, built in the job): ${String(report.details?.durationMs)} ms`);
    expect(report, JSON.stringify(report, null, 2)).toMatchObject({
      ok: true,
      passed: 1,
      failed: 0,
      findings: [],
      summary: "1 smoke scenario passed in Chromium",
    });
    const gateway = report.details?.gateway as { forwarded: number; refused: number };
    expect(gateway.forwarded).toBeGreaterThan(5);
    expect(gateway.refused).toBe(0);
    // A passed smoke leaves no workspace behind, but the screenshot of its scenario is kept.
    expect(existsSync(report.details?.workspace as string)).toBe(false);
    const shots = report.details?.screenshots as KeptScreenshot[];
    expect(shots).toEqual([
      {
        name: "writes-finds-and-removes-a-note-1.png",
        scenario: "writes, finds and removes a note",
        passed: true,
      },
    ]);
    expect(await readdir(screenshotsDir)).toEqual([shots[0]!.name]);
    const png = path.join(screenshotsDir, shots[0]!.name);
    console.log(`kept screenshot: ${(await stat(png)).size} bytes`);
    expect((await readFile(png)).subarray(1, 4).toString()).toBe("PNG");
  }, 300_000);

  it("fails a broken screen (the create button lost its label), naming the scenario", async () => {
    const broken = edit(
      files,
      "src/screens/notes/note-create.tsx",
      'submitLabel="Create note"',
      'submitLabel=""',
    );
    // As the pipeline runs them: the test check builds the site the smoke check serves.
    const tested = await testApp({
      docker,
      image,
      files: broken,
      buildEnv: smokeBuildEnv(PROJECT),
    });
    expect(tested.report.ok).toBe(true);
    const workspace = await mkdtemp(path.join(tmpdir(), "winky-smoke-kept-"));
    const screenshotsDir = path.join(workspace, "..", `${path.basename(workspace)}-shots`);
    dirs.push(workspace, screenshotsDir);
    const report = await smokeApp({
      docker,
      image,
      files: broken,
      dist: tested.dist,
      runtimeUrl,
      project: PROJECT,
      serviceKey,
      workspace,
      screenshotsDir,
    });
    console.log(`smoke job (failing, prebuilt dist): ${String(report.details?.durationMs)} ms`);
    expect(report).toMatchObject({ ok: false, passed: 0, failed: 1 });
    expect(report.summary).toBe("1 of 1 smoke scenarios failed");
    expect(report.findings).toEqual([
      expect.stringMatching(
        /^smoke scenario failed: writes, finds and removes a note: .*getByRole\('button', \{ name: 'Create note' \}\)/,
      ),
    ]);
    // The failed scenario's screenshot is kept too, marked failed.
    expect(report.details?.screenshots).toEqual([
      {
        name: "writes-finds-and-removes-a-note-1.png",
        scenario: "writes, finds and removes a note",
        passed: false,
      },
    ]);
    expect(existsSync(path.join(screenshotsDir, "writes-finds-and-removes-a-note-1.png"))).toBe(
      true,
    );
  }, 300_000);
});
