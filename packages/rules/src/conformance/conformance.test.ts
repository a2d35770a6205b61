import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCaseFolders } from "./find-cases.js";
import { formatCaseFailure } from "./report.js";
import { runCaseFolder, type CaseResult } from "./run-cases.js";

// shared/ sits beside the repository, on developer machines and in CI alike.
const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const casesRoot = path.resolve(repo, "../shared/conformance/rules");

describe("the rules engine against verdicts recorded from production Firebase", () => {
  it("finds the shared conformance cases", () => {
    expect(existsSync(casesRoot), `${casesRoot} is missing`).toBe(true);
  });

  it("gives production's verdict for every case", async () => {
    const results: CaseResult[] = [];
    for (const folder of await findCaseFolders(casesRoot))
      results.push(...(await runCaseFolder(folder)));
    const failures = results.filter((r) => r.actual !== r.expected);
    expect(results.length).toBeGreaterThanOrEqual(329);
    expect(failures.map(formatCaseFailure).join("\n\n")).toBe("");
  });
});
