import { describe, inject } from "vitest";
import "./provided-context.js";

/** True when the run has a Docker engine (the global setup started or found one). */
export function dockerAvailable(): boolean {
  return inject("dockerAvailable");
}

/**
 * `describe` for tests that need Docker. Without an engine the suite skips, loudly; under
 * CI=true the global setup has already failed the run, so nothing skips silently in CI.
 */
export function describeWithDocker(name: string, fn: () => void): void {
  if (!dockerAvailable()) {
    console.warn(`SKIPPED (no Docker engine: ${inject("dockerDetail")}): ${name}`);
  }
  describe.skipIf(!dockerAvailable())(name, fn);
}
