import type { JobResult } from "@winky/sandbox";
import type { CheckReport } from "../pipeline/state.js";
import type { StepRun } from "./check-scripts.js";
import { parsePlaywrightJson, type ScenarioShot } from "./playwright-report.js";
import type { KeptScreenshot } from "./smoke-screenshots.js";
import { buildFindings, cap, jobFindings, tail } from "./test-report.js";
import { firstLine } from "./vitest-report.js";

/** What the smoke job left in its workspace, and what the gateway saw. */
export interface SmokeJobOutput {
  job: JobResult;
  steps: StepRun[];
  logs: Record<string, string | undefined>;
  /** `.winky-check/smoke.json`, when Playwright wrote it. */
  smokeJson: string | undefined;
  /** The host dir the job's workspace came back to. */
  workspace: string;
  /** The screenshots copied out of the workspace (`keepScreenshots`); none when not asked for. */
  screenshots: KeptScreenshot[];
  gateway: { forwarded: number; refused: number; refusedPaths: string[] };
}

/**
 * The `smoke` check's report: passed only when every scenario passed and at least one ran.
 * Failing scenarios are findings ("smoke scenario failed: <name>: <first error line>");
 * `details.screenshots` lists the kept ones (`{ name, scenario, passed }`, names in the dir the
 * caller gave).
 */
export function smokeReport(output: SmokeJobOutput, limits: { timeoutMs: number }): CheckReport {
  const { job, steps, logs } = output;
  const findings = jobFindings(job, steps, limits);
  const status = (name: string) => steps.find((s) => s.name === name)?.exitCode;
  if (status("build")) findings.push(...buildFindings(logs.build));
  if (status("preview")) {
    findings.push(`the app could not be served: ${firstLine(logs.preview) || "no output"}`);
  }

  let passed = 0;
  let failed = 0;
  if (output.smokeJson !== undefined) {
    try {
      const smoke = parsePlaywrightJson(output.smokeJson);
      ({ passed, failed } = smoke);
      findings.push(...smoke.findings);
    } catch {
      findings.push("smoke: Playwright's JSON report could not be read");
    }
  } else if (status("smoke") !== undefined) {
    findings.push(`the smoke test did not run: ${firstLine(logs.smoke) || "no output"}`);
  }
  if (status("smoke") === 0 && passed === 0) findings.push("the smoke spec has no scenario");
  if (output.gateway.refused > 0) {
    // Not a failure by itself (a screen may probe and recover), but the coder should know.
    findings.push(
      `the app called ${output.gateway.refused} URL(s) outside its project's API: ` +
        output.gateway.refusedPaths.slice(0, 5).join(", "),
    );
  }

  const ok =
    status("smoke") === 0 &&
    failed === 0 &&
    passed > 0 &&
    jobFindings(job, steps, limits).length === 0;
  const summary = ok
    ? `${passed} smoke scenario${passed === 1 ? "" : "s"} passed in Chromium`
    : failed > 0
      ? `${failed} of ${passed + failed} smoke scenarios failed`
      : (findings[0] ?? "the smoke test failed");
  return {
    ok,
    summary,
    findings: cap(findings),
    passed,
    failed,
    details: {
      steps,
      durationMs: job.durationMs,
      runMs: job.runMs,
      screenshots: output.screenshots,
      workspace: output.workspace,
      gateway: output.gateway,
      logs: Object.fromEntries(
        steps.filter((s) => s.exitCode !== 0).map((s) => [s.name, tail(logs[s.name])]),
      ),
    },
  };
}

/** The screenshots Playwright's report names, or none when it is missing or not JSON. */
export function scenarioShots(smokeJson: string | undefined): ScenarioShot[] {
  if (smokeJson === undefined) return [];
  try {
    return parsePlaywrightJson(smokeJson).screenshots;
  } catch {
    return []; // smokeReport says the report could not be read
  }
}
