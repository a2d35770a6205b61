import path from "node:path";
import type { JobResult } from "@winky/sandbox";
import type { CheckReport } from "../pipeline/state.js";
import { JOB_WORKSPACE, type StepRun } from "./check-scripts.js";
import { parsePlaywrightJson } from "./playwright-report.js";
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
  gateway: { forwarded: number; refused: number; refusedPaths: string[] };
}

/**
 * The `smoke` check's report: passed only when every scenario passed and at least one ran.
 * Failing scenarios are findings ("smoke scenario failed: <name>: <first error line>");
 * screenshots of failures are host paths under the workspace.
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
  let screenshots: string[] = [];
  if (output.smokeJson !== undefined) {
    try {
      const smoke = parsePlaywrightJson(output.smokeJson);
      ({ passed, failed } = smoke);
      findings.push(...smoke.findings);
      screenshots = smoke.screenshots.map((p) => toHostPath(p, output.workspace));
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
      screenshots,
      workspace: output.workspace,
      gateway: output.gateway,
      logs: Object.fromEntries(
        steps.filter((s) => s.exitCode !== 0).map((s) => [s.name, tail(logs[s.name])]),
      ),
    },
  };
}

/** `/workspace/.winky-check/results/x.png` → `<workspace>/.winky-check/results/x.png`. */
function toHostPath(jobPath: string, workspace: string): string {
  const relative = path.posix.relative(JOB_WORKSPACE, jobPath);
  if (relative.startsWith("..") || path.posix.isAbsolute(relative)) return jobPath;
  return path.join(workspace, relative);
}
