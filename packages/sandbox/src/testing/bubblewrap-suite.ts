import { describe, it } from "vitest";
import type { BubblewrapProbe } from "../bubblewrap/probe.js";

/** What bubblewrap suites do this run. */
export type BubblewrapVerdict =
  { action: "run" } | { action: "skip"; banner: string } | { action: "fail"; message: string };

/**
 * Like the Docker policy: without a working bwrap the suites skip, loudly, except under
 * CI=true, where they fail, so CI can never go green by skipping them.
 */
export function bubblewrapPolicy(
  probe: BubblewrapProbe,
  env: Record<string, string | undefined>,
): BubblewrapVerdict {
  if (probe.available) return { action: "run" };
  if (env.CI === "true") {
    return { action: "fail", message: `CI=true and no working bubblewrap: ${probe.detail}` };
  }
  const rule = "!".repeat(72);
  return {
    action: "skip",
    banner:
      `\n${rule}\n!! bubblewrap tests will SKIP: ${probe.detail}\n` +
      `!! Install Debian's bubblewrap (npm run setup installs it when root).\n${rule}\n`,
  };
}

/**
 * `describe` for tests that need bubblewrap; give it `probeBubblewrap()`'s answer (awaited at
 * the top of the test file) and `process.env`.
 */
export function describeWithBubblewrap(
  probe: BubblewrapProbe,
  env: Record<string, string | undefined>,
  name: string,
  fn: () => void,
): void {
  const verdict = bubblewrapPolicy(probe, env);
  if (verdict.action === "run") {
    describe(name, fn);
  } else if (verdict.action === "skip") {
    console.warn(`${verdict.banner}SKIPPED (no bubblewrap): ${name}`);
    describe.skip(name, fn);
  } else {
    describe(name, () => {
      it("has a working bubblewrap to run in", () => {
        throw new Error(verdict.message);
      });
    });
  }
}
