import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BootstrappedTeam } from "@winky/orchestrator/api";
import { describeWithChromium, useTestDatabase } from "@winky/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  ADDED_FILE,
  CHANGED_FILE,
  DRAFT_LINE,
  FIXED_LINE,
  RULES_FINDING,
  seedFinishedRun,
  SMOKE_SHOTS,
} from "./run-artifacts-seed.js";
import { bootstrapAcme, startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";
import {
  expectPageBasics,
  openStudioPage,
  saveScreenshot,
  signInWithToken,
} from "./studio-page.js";

/** Monaco draws spaces as no-break spaces: compare its text with them made plain. */
const plain = (text: string | null) => (text ?? "").replace(/\u00a0/g, " ");

interface Img {
  complete: boolean;
  naturalWidth: number;
}

/** A finished run's view: the timeline, the wireframes, the reports, the code and its rounds. */
describeWithChromium("the studio's run view, in Chromium", () => {
  const database = useTestDatabase("pw_studio_run_view");
  let dataDir: string;
  let stack: StudioStack;
  let team: BootstrappedTeam;
  let runId: string;
  let rounds: Map<number, Record<string, string>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "winky-run-view-"));
    stack = await startStudioStack(database.url, { dataDir });
    team = await bootstrapAcme(stack.pool);
    ({ runId, rounds } = await seedFinishedRun(stack.pool, {
      teamId: team.teamId,
      appSlug: "view-notes",
      dataDir,
    }));
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const runUrl = (query = "") => `${stack.studio.url}/runs/${runId}${query}`;

  it("shows each node done with its time, the wireframes, and the checks' reports", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    await page.goto(runUrl());

    const timeline = page.getByRole("list", { name: "Pipeline nodes" });
    await timeline.waitFor();
    for (const node of ["plan", "preview", "planApproval", "code", "review", "deploy"]) {
      expect(await timeline.locator(`[data-node="${node}"]`).textContent()).toContain("Done");
    }
    expect(await timeline.locator('[data-node="code"]').textContent()).toMatch(/\d.*\(2 runs\)/);
    expect(await timeline.locator('[data-node="planApproval"]').textContent()).toContain(
      "approved by ada",
    );

    const wireframes = page.getByRole("list", { name: "Wireframes" }).locator("img");
    await wireframes.first().waitFor();
    expect(await wireframes.count()).toBeGreaterThan(2);
    // The wireframes load lazily: each is brought into view, then waited for.
    for (const image of await wireframes.all()) {
      await image.scrollIntoViewIfNeeded();
      await expect
        .poll(() => image.evaluate((i) => (i as Img).complete), { timeout: 30_000 })
        .toBe(true);
    }
    const widths = await wireframes.evaluateAll((imgs) => imgs.map((i) => (i as Img).naturalWidth));
    expect(
      widths.every((w) => w > 0),
      `wireframe widths ${widths.join(", ")}`,
    ).toBe(true);
    const svg = await page.request.get(`${stack.studio.url}/api/runs/${runId}/screens/0`);
    expect(svg.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(svg.headers()["content-security-policy"]).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(svg.headers()["x-content-type-options"]).toBe("nosniff");
    expect((await page.textContent("#plan")) ?? "").toMatch(/a month for 100 active users/);

    const checks = page.locator("#checks");
    const test = checks.getByRole("article", { name: "Test report" }).first();
    expect(await test.textContent()).toMatch(/Passed.*12 passed.*0 failed/s);
    const smoke = checks.getByRole("article", { name: "Smoke test report" }).first();
    expect(await smoke.textContent()).toContain("3 passed");
    const gallery = smoke.getByRole("list", { name: "Smoke test screenshots" });
    const shots = gallery.locator("img");
    expect(await shots.evaluateAll((imgs) => imgs.map((i) => i.getAttribute("alt")))).toEqual(
      SMOKE_SHOTS.map((s) => `${s.scenario} — passed`),
    );
    // Lazy too: each is brought into view, then waited for.
    for (const image of await shots.all()) {
      await image.scrollIntoViewIfNeeded();
      await expect
        .poll(() => image.evaluate((i) => (i as Img).complete), { timeout: 30_000 })
        .toBe(true);
    }
    const shotWidths = await shots.evaluateAll((imgs) => imgs.map((i) => (i as Img).naturalWidth));
    expect(shotWidths, `screenshot widths ${shotWidths.join(", ")}`).toEqual([16, 16, 16]);
    const full = await gallery.getByRole("link").first().getAttribute("href");
    expect(full).toBe(`/api/runs/${runId}/screenshots/1/${SMOKE_SHOTS[0]!.name}`);
    const png = await page.request.get(`${stack.studio.url}${full}`);
    expect(png.status()).toBe(200);
    expect(png.headers()["content-type"]).toBe("image/png");
    expect(png.headers()["x-content-type-options"]).toBe("nosniff");
    expect(png.headers()["cache-control"]).toBe("private, max-age=3600");
    const shotUrl = (round: number, name: string) =>
      `${stack.studio.url}/api/runs/${runId}/screenshots/${round}/${name}`;
    expect((await page.request.get(shotUrl(1, "..%2Fsecret.png"))).status()).toBe(400);
    expect((await page.request.get(shotUrl(0, SMOKE_SHOTS[0]!.name))).status()).toBe(404);
    const earlier = checks.locator("details.earlier-round");
    expect(await earlier.textContent()).toMatch(/Round 0: review failed/);
    expect(await earlier.getByRole("list", { name: "Findings" }).textContent()).toBe(RULES_FINDING);
    expect(await earlier.getByRole("list", { name: "Review sections" }).textContent()).toMatch(
      /1 found.*Security rules/,
    );
    await saveScreenshot(page, "run-view");
    await expectPageBasics(studio);
    await studio.close();
  });

  it("shows a chosen file in Monaco, and what the repair round changed in its diff editor", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    await page.goto(runUrl());
    const code = page.locator("#code");
    // The latest round's first changed file is shown first.
    expect(await code.locator(".code-path").textContent()).toBe(ADDED_FILE);

    await code.locator(`a[title^="${CHANGED_FILE} "]`).click();
    await page.waitForURL((url) => url.searchParams.get("file") === CHANGED_FILE);
    await code.locator(".code-path", { hasText: CHANGED_FILE }).waitFor();
    const firstLine = rounds.get(1)![CHANGED_FILE]!.split("\n")[0]!;
    await editorReady(page);
    expect(plain(await code.locator(".monaco-editor .view-lines").textContent())).toContain(
      firstLine,
    );
    expect(await code.locator(".code-fallback").textContent()).toContain(FIXED_LINE);
    await saveScreenshot(page, "run-view-file");

    await code.getByRole("link", { name: "Changes since round 0" }).click();
    await page.waitForURL((url) => url.searchParams.get("view") === "diff");
    await code.locator(".monaco-diff-editor").waitFor();
    await editorReady(page);
    await page.waitForFunction((line) => {
      const doc = (
        globalThis as unknown as {
          document: { querySelector(s: string): { textContent: string | null } | null };
        }
      ).document;
      return (doc.querySelector(".monaco-diff-editor")?.textContent ?? "")
        .replace(/\u00a0/g, " ")
        .includes(line);
    }, FIXED_LINE);
    const diffText = plain(await code.locator(".monaco-diff-editor").textContent());
    expect(diffText).toContain(DRAFT_LINE);
    expect(diffText).toContain(FIXED_LINE);
    expect(await code.locator(".diff-removed").allTextContents()).toEqual([
      expect.stringContaining(DRAFT_LINE),
    ]);
    expect(await code.locator(".diff-added").allTextContents()).toEqual([
      expect.stringContaining(FIXED_LINE),
    ]);
    await saveScreenshot(page, "run-view-diff");

    // Monaco comes from the studio itself, and only files of its build come that way.
    const monaco = (file: string) => page.request.get(`${stack.studio.url}/api/monaco/${file}`);
    const css = await monaco("vs/editor/editor.main.css");
    expect(css.status()).toBe(200);
    expect(css.headers()["content-type"]).toMatch(/^text\/css/);
    for (const outside of [
      "vs/%2e%2e/package.json",
      "vs/..%2fpackage.json",
      "vs/README.md",
      "x/a.js",
    ]) {
      expect((await monaco(outside)).status(), outside).toBe(404);
    }
    await expectPageBasics(studio);
    await studio.close();
  });

  // The plain views are the server's HTML: what shows before Monaco loads, or if it cannot.
  // (Without JavaScript they stay hidden: the studio's pages stream, and React assembles the
  // streamed parts with scripts.)
  it("renders the file and the round's diff as plain lines on the server", async () => {
    const studio = await openStudioPage(stack.browser);
    const { page } = studio;
    await signInWithToken(page, stack.studio.url, "ada@example.com", team.token);
    const html = async (query: string) => (await page.request.get(runUrl(query))).text();
    const file = `?file=${encodeURIComponent(CHANGED_FILE)}`;
    const diff = await html(`${file}&round=1&view=diff`);
    const row = (kind: string, line: string) =>
      new RegExp(`<tr class="diff-${kind}">(?:(?!</tr>).)*<code>${line}</code></td></tr>`);
    expect(diff).toMatch(row("removed", DRAFT_LINE));
    expect(diff).toMatch(row("added", FIXED_LINE));
    expect(diff.match(/<tr class="diff-(added|removed)">/g)).toHaveLength(2);
    const draft = await html(`${file}&round=0`);
    const cells = [...draft.matchAll(/<td class="line-text"><code>(.*?)<\/code><\/td>/g)];
    expect(cells.map((c) => c[1]).at(-1)).toBe(DRAFT_LINE);
    expect(cells).toHaveLength(rounds.get(0)![CHANGED_FILE]!.trimEnd().split("\n").length);
    await studio.close();
  });
});

/** Waits for the code viewer to have swapped its plain view for Monaco. */
async function editorReady(page: Page): Promise<void> {
  await page.locator('#code .code-viewer[data-editor="monaco"]').waitFor();
}
