import { describe, inject, it } from "vitest";
import "./provided-context.js";

/**
 * The Chromium executable the global setup found (`CHROMIUM_PATH`, or Debian's
 * `/usr/bin/chromium` and the usual places).
 * @throws Error when there is none: call it inside a {@link describeWithChromium} suite.
 */
export function chromiumPath(): string {
  const found = inject("chromiumPath");
  if (found === null)
    throw new Error("no Chromium: use chromiumPath() inside describeWithChromium");
  return found;
}

/**
 * `describe` for tests that drive a real Chromium (see `launchChromium`). Without one the suite
 * skips, loudly; under CI=true it fails instead (one failing test naming what is missing), so
 * nothing skips silently in CI.
 */
export function describeWithChromium(name: string, fn: () => void): void {
  const verdict = inject("chromiumVerdict");
  if (verdict.action === "run") {
    describe(name, fn);
  } else if (verdict.action === "skip") {
    console.warn(`${verdict.banner}SKIPPED (no Chromium): ${name}`);
    describe.skip(name, fn);
  } else {
    describe(name, () => {
      it("has a Chromium to run in", () => {
        throw new Error(verdict.message);
      });
    });
  }
}
