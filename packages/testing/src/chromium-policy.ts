import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";

/** Where Debian, Ubuntu and Google put the browser, in the order they are tried. */
export const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
] as const;

/** The Chromium the run's browser tests use, or why there is none. */
export interface ChromiumLookup {
  /** The executable, or null when none was found. */
  path: string | null;
  /** The path found, or what was tried. */
  detail: string;
}

/**
 * Finds a Chromium: `CHROMIUM_PATH` when set (and then only it), else the first executable of
 * {@link CHROMIUM_CANDIDATES}. Only checks the file: a browser that cannot start fails the test
 * that launches it, with its stderr.
 */
export async function findChromium(
  env: Record<string, string | undefined>,
  isExecutable: (file: string) => Promise<boolean> = executableFile,
): Promise<ChromiumLookup> {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    return (await isExecutable(chosen))
      ? { path: chosen, detail: chosen }
      : { path: null, detail: `CHROMIUM_PATH=${chosen} is not an executable file` };
  }
  for (const candidate of CHROMIUM_CANDIDATES) {
    if (await isExecutable(candidate)) return { path: candidate, detail: candidate };
  }
  return {
    path: null,
    detail: `no Chromium at ${CHROMIUM_CANDIDATES.join(", ")} and CHROMIUM_PATH is not set`,
  };
}

/** What browser suites do this run. */
export type ChromiumVerdict =
  { action: "run" } | { action: "skip"; banner: string } | { action: "fail"; message: string };

/**
 * What the browser tests do without Chromium: locally they skip (loudly), but under CI=true
 * they fail, so CI can never go green by skipping them. Unlike Docker's, the verdict is given
 * per suite (by `describeWithChromium`), so a CI job that runs no browser test needs no browser.
 */
export function chromiumPolicy(
  lookup: ChromiumLookup,
  env: Record<string, string | undefined>,
): ChromiumVerdict {
  if (lookup.path !== null) return { action: "run" };
  if (env.CI === "true") {
    return { action: "fail", message: `CI=true and no Chromium: ${lookup.detail}` };
  }
  const rule = "!".repeat(72);
  return {
    action: "skip",
    banner:
      `\n${rule}\n!! Browser tests will SKIP: ${lookup.detail}\n` +
      `!! Install Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH.\n${rule}\n`,
  };
}

async function executableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
