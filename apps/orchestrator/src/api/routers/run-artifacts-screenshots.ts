import { readFile } from "node:fs/promises";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { SCREENSHOT_NAME } from "../../checks/smoke-screenshots.js";

/** A screenshot the smoke kept of one scenario, served by `runs.screenshot`. */
export interface ScreenshotView {
  name: string;
  scenario: string;
  passed: boolean;
}

const Screenshot = z.object({
  name: z.string().regex(SCREENSHOT_NAME),
  scenario: z.string().max(500),
  passed: z.boolean(),
});

/**
 * The screenshots a smoke report lists (`details.screenshots`), each checked: an entry that is
 * not `{ name, scenario, passed }` with a name the smoke makes is left out (an older report
 * listed host paths there).
 */
export function screenshotsView(smokeReport: unknown): ScreenshotView[] {
  const listed = (smokeReport as { details?: { screenshots?: unknown } } | undefined)?.details
    ?.screenshots;
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((entry) => {
    const parsed = Screenshot.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** What `runs.screenshot` takes: the name is checked before any path is made of it. */
export const screenshotInput = {
  round: z.number().int().min(0, "must be a code round (0 for the first)"),
  name: z
    .string()
    .max(120, "must be a screenshot's name (at most 120 characters)")
    .regex(SCREENSHOT_NAME, "must be a screenshot's name, such as signs-up-1.png"),
};

/**
 * Where the smoke of code round `round` kept screenshot `name`:
 * `<dataDir>/runs/<runId>/smoke/round-<round>/<name>`, or null when that would not be inside
 * the round's folder (the name's pattern already rules it out; this says so for the path).
 */
export function screenshotPath(
  dataDir: string,
  runId: string,
  round: number,
  name: string,
): string | null {
  const folder = path.resolve(dataDir, "runs", runId, "smoke", `round-${round}`);
  const file = path.resolve(folder, name);
  return path.dirname(file) === folder && SCREENSHOT_NAME.test(name) ? file : null;
}

/**
 * The screenshot's PNG, base64. Without a data dir the API cannot read it
 * (PRECONDITION_FAILED); a screenshot the round's folder does not hold is NOT_FOUND.
 */
export async function readScreenshot(
  dataDir: string | undefined,
  runId: string,
  round: number,
  name: string,
): Promise<{ name: string; png: string }> {
  if (!dataDir) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message:
        "screenshots are read from the workers' data dir, which this orchestrator was not " +
        "given (set WINKY_DATA_DIR)",
    });
  }
  const file = screenshotPath(dataDir, runId, round, name);
  const bytes = file
    ? await readFile(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT" || e.code === "EISDIR") return null;
        throw e;
      })
    : null;
  if (!bytes) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `the smoke test of round ${round} kept no screenshot named ${name}`,
    });
  }
  return { name, png: bytes.toString("base64") };
}
