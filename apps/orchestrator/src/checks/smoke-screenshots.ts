import { lstat, mkdir, readFile, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import { JOB_WORKSPACE } from "./check-scripts.js";
import type { ScenarioShot } from "./playwright-report.js";

/** A screenshot the smoke kept: its file in the caller's dir, its scenario, how that ended. */
export interface KeptScreenshot {
  /** The file's name in the screenshots dir (`writes-a-note-1.png`): no path. */
  name: string;
  scenario: string;
  passed: boolean;
}

/** At most this many are kept per smoke; a spec with more scenarios keeps its first ones. */
export const MAX_SCREENSHOTS = 30;
/** Larger files are skipped: a page screenshot is well under it, anything bigger is not one. */
export const MAX_SCREENSHOT_BYTES = 2 * 1024 * 1024;
/** What a kept screenshot's name looks like, and the only names the API serves. */
export const SCREENSHOT_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.png$/;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** "admin › Grants a role!" and 3 → "admin-grants-a-role-3.png". */
export function screenshotName(scenario: string, index: number): string {
  const slug = scenario
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents off: "crème" → "creme"
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60)
    .replace(/^-+|-+$/g, "");
  return `${slug || "scenario"}-${index}.png`;
}

/**
 * The host file of a path the job's report names, or null when it is not a regular file inside
 * the workspace: the report is written by the app's spec's run, so its paths are not trusted.
 * The path is resolved against the workspace (lexically, then with symlinks followed for the
 * dirs above it), and the file itself must not be a symlink.
 */
async function fileInWorkspace(workspace: string, jobPath: string): Promise<string | null> {
  const relative = path.posix.relative(JOB_WORKSPACE, path.posix.resolve("/", jobPath));
  if (relative === "" || relative.startsWith("..")) return null;
  const root = path.resolve(workspace);
  const host = path.resolve(root, relative);
  if (!host.startsWith(`${root}${path.sep}`)) return null;
  const stat = await lstat(host).catch(() => null);
  if (!stat?.isFile() || stat.size > MAX_SCREENSHOT_BYTES) return null;
  const [realRoot, real] = await Promise.all([realpath(root), realpath(host).catch(() => null)]);
  return real?.startsWith(`${realRoot}${path.sep}`) ? real : null;
}

/**
 * Copies the scenarios' screenshots out of the smoke's workspace (before it is removed) into
 * `dir` (made if missing), under stable names of our own (scenario slug and index), and
 * answers what was kept. Shots outside the workspace, symlinks, files over 2 MB and files that
 * are not PNGs are skipped; at most {@link MAX_SCREENSHOTS} are kept.
 */
export async function keepScreenshots(
  workspace: string,
  shots: readonly ScenarioShot[],
  dir: string,
): Promise<KeptScreenshot[]> {
  const kept: KeptScreenshot[] = [];
  for (const shot of shots) {
    if (kept.length >= MAX_SCREENSHOTS) break;
    const source = await fileInWorkspace(workspace, shot.path);
    if (!source) continue;
    // One the job left unreadable is skipped: a missing picture must not fail the check.
    const bytes = await readFile(source).catch(() => null);
    if (!bytes?.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) continue;
    const name = screenshotName(shot.scenario, kept.length + 1);
    if (kept.length === 0) await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, name), bytes);
    kept.push({ name, scenario: shot.scenario, passed: shot.passed });
  }
  return kept;
}
