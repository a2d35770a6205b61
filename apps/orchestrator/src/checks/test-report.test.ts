import type { JobResult } from "@winky/sandbox";
import { describe, expect, it } from "vitest";
import { testReport } from "./test-report.js";

const job = (over: Partial<JobResult> = {}): JobResult => ({
  exitCode: 0,
  timedOut: false,
  oomKilled: false,
  stdout: "",
  stderr: "",
  truncated: { stdout: 0, stderr: 0 },
  durationMs: 1000,
  runMs: 900,
  ...over,
});
const step = (name: string, exitCode = 0) => ({ name, exitCode, ms: 10 });
const limits = { timeoutMs: 60_000 };

describe("the test check's report", () => {
  it("fails a job killed at its timeout, naming the last step that finished", () => {
    const report = testReport(
      {
        job: job({ exitCode: null, timedOut: true }),
        steps: [step("link"), step("tsc-app")],
        logs: {},
        vitestJson: undefined,
      },
      limits,
    );
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual(["the job timed out after 60000 ms (after tsc-app)"]);
  });

  it("fails a build that broke, with the lines that say why", () => {
    const report = testReport(
      {
        job: job(),
        steps: [step("link"), step("tsc-app"), step("build", 1), step("vitest")],
        logs: {
          build:
            'vite v8\nerror during build:\n[vite]: Rollup failed to resolve import "x"\n    at y',
        },
        vitestJson: JSON.stringify({ numTotalTests: 1, numPassedTests: 1, numFailedTests: 0 }),
      },
      limits,
    );
    expect(report).toMatchObject({ ok: false, summary: "the build failed", passed: 1, failed: 0 });
    expect(report.findings).toEqual([
      'build failed: error during build: [vite]: Rollup failed to resolve import "x"',
    ]);
    expect(report.details?.logs).toHaveProperty("build");
  });

  it("never passes a run whose unit tests did not report", () => {
    const report = testReport(
      {
        job: job(),
        steps: [step("link"), step("tsc-app"), step("build"), step("vitest", 1)],
        logs: { vitest: "Error: Cannot find module 'vitest/config'" },
        vitestJson: undefined,
      },
      limits,
    );
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      "unit tests did not run: Error: Cannot find module 'vitest/config'",
    ]);
  });
});
