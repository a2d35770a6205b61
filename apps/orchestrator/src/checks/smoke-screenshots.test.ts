import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ScenarioShot } from "./playwright-report.js";
import {
  keepScreenshots,
  MAX_SCREENSHOT_BYTES,
  MAX_SCREENSHOTS,
  SCREENSHOT_NAME,
  screenshotName,
} from "./smoke-screenshots.js";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A file that starts like a PNG, with `tag` after the signature to tell copies apart. */
const png = (tag: string, size = 0) =>
  Buffer.concat([SIGNATURE, Buffer.from(tag), Buffer.alloc(Math.max(0, size - tag.length - 8))]);

/** A shot as the job's report names it: a path under the job's `/workspace`. */
const shot = (relative: string, scenario: string, passed = true): ScenarioShot => ({
  path: `/workspace/${relative}`,
  scenario,
  passed,
});

describe("keepScreenshots", () => {
  let root: string;
  let workspace: string;
  let dir: string;
  const results = ".winky-check/results";

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "winky-shots-"));
    workspace = path.join(root, "workspace");
    dir = path.join(root, "kept", "round-0");
    await mkdir(path.join(workspace, results, "a"), { recursive: true });
    await writeFile(path.join(root, "secret.png"), png("secret"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("copies the workspace's PNGs under names of its own, and skips everything else", async () => {
    await writeFile(path.join(workspace, results, "a/test-finished-1.png"), png("signs up"));
    await writeFile(path.join(workspace, results, "a/test-failed-1.png"), png("writes"));
    await writeFile(path.join(workspace, results, "big.png"), png("big", MAX_SCREENSHOT_BYTES + 1));
    await writeFile(path.join(workspace, results, "notes.png"), "not a PNG at all");
    await symlink(path.join(root, "secret.png"), path.join(workspace, results, "link.png"));
    // A dir above the file that is a symlink out of the workspace is just as outside.
    await symlink(root, path.join(workspace, results, "up"));

    const kept = await keepScreenshots(
      workspace,
      [
        shot(`${results}/a/test-finished-1.png`, "Signs up › with e-mail"),
        shot(`${results}/link.png`, "a symlink"),
        shot(`${results}/up/secret.png`, "through a symlinked dir"),
        shot("../secret.png", "escapes the workspace"),
        shot(`${results}/../../../secret.png`, "escapes with dots"),
        { path: path.join(root, "secret.png"), scenario: "a host path", passed: true },
        shot(`${results}/big.png`, "oversize"),
        shot(`${results}/notes.png`, "not a PNG"),
        shot(`${results}/missing.png`, "missing"),
        shot(`${results}/a/test-failed-1.png`, "Crème brûlée: writes a note!", false),
      ],
      dir,
    );

    expect(kept).toEqual([
      { name: "signs-up-with-e-mail-1.png", scenario: "Signs up › with e-mail", passed: true },
      {
        name: "creme-brulee-writes-a-note-2.png",
        scenario: "Crème brûlée: writes a note!",
        passed: false,
      },
    ]);
    expect((await readdir(dir)).sort()).toEqual(kept.map((k) => k.name).sort());
    expect(await readFile(path.join(dir, kept[0]!.name))).toEqual(png("signs up"));
    expect(await readFile(path.join(dir, kept[1]!.name))).toEqual(png("writes"));
  });

  it(`keeps at most ${MAX_SCREENSHOTS}, and makes no dir when there is nothing to keep`, async () => {
    const many = Array.from({ length: MAX_SCREENSHOTS + 5 }, (_, i) => `${results}/s${i}.png`);
    for (const [i, file] of many.entries()) {
      await writeFile(path.join(workspace, file), png(`s${i}`));
    }
    const kept = await keepScreenshots(
      workspace,
      many.map((file) => shot(file, "lists notes")),
      dir,
    );
    expect(kept).toHaveLength(MAX_SCREENSHOTS);
    expect(kept.at(-1)!.name).toBe(`lists-notes-${MAX_SCREENSHOTS}.png`);
    expect(await readdir(dir)).toHaveLength(MAX_SCREENSHOTS);

    const none = path.join(root, "none");
    expect(await keepScreenshots(workspace, [shot("../x.png", "x")], none)).toEqual([]);
    await expect(readdir(none)).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("screenshotName", () => {
  it("slugs the scenario to a name the API accepts, whatever the title", () => {
    const cases: Array<[string, number, string]> = [
      ["admin › Grants a role", 3, "admin-grants-a-role-3.png"],
      ["../../etc/passwd", 1, "etc-passwd-1.png"],
      ["日本語", 2, "scenario-2.png"],
      ["x".repeat(200), 12, `${"x".repeat(60)}-12.png`],
    ];
    for (const [scenario, index, name] of cases) {
      expect(screenshotName(scenario, index)).toBe(name);
      expect(name).toMatch(SCREENSHOT_NAME);
    }
  });
});
