import type { JobResult } from "@winky/sandbox";
import type { CheckReport } from "../pipeline/state.js";
import type { StepRun } from "./check-scripts.js";
import { parseTscOutput, typeErrorFinding } from "./tsc-output.js";
import { firstLine, parseVitestJson } from "./vitest-report.js";

/** Findings past this many are counted, not listed: the coder fixes the first ones first. */
export const MAX_FINDINGS = 40;

/** What the test job left in its workspace, read back on the host. */
export interface TestJobOutput {
  job: JobResult;
  steps: StepRun[];
  /** `.winky-check/<step>.log` by step name. */
  logs: Record<string, string | undefined>;
  /** `.winky-check/vitest.json`, when vitest wrote it. */
  vitestJson: string | undefined;
}

/** The last lines of a log, for people reading the report. */
export function tail(text: string | undefined, lines = 30): string {
  return (text ?? "").trimEnd().split("\n").slice(-lines).join("\n");
}

/** Findings for a job that did not get to the end: a timeout, the memory limit, a crash. */
export function jobFindings(job: JobResult, steps: StepRun[], limits: { timeoutMs: number }) {
  const findings: string[] = [];
  const last = steps.at(-1)?.name ?? "the start";
  if (job.timedOut) findings.push(`the job timed out after ${limits.timeoutMs} ms (after ${last})`);
  if (job.oomKilled) findings.push(`the job ran out of memory (after ${last})`);
  if (!job.timedOut && !job.oomKilled && job.exitCode !== 0) {
    const why = firstLine(job.stderr) || firstLine(job.stdout) || "no output";
    findings.push(`the job failed with exit code ${job.exitCode} (after ${last}): ${why}`);
  }
  return findings;
}

/** Lines of a failed `vite build` that say why (Rollup's and Vite's messages). */
export function buildFindings(log: string | undefined): string[] {
  const lines = (log ?? "").split("\n").map((l) => l.trim());
  const start = lines.findIndex((l) => /error during build|error/i.test(l));
  const picked = lines.slice(Math.max(0, start)).filter((l) => l && !l.startsWith("at "));
  return [`build failed: ${picked.slice(0, 3).join(" ").slice(0, 400) || "no output"}`];
}

/**
 * The `test` check's report: type errors as `file:line:col`, build errors, failing tests by
 * name; counts are vitest's. Passed only when every step ran and exited 0.
 */
export function testReport(output: TestJobOutput, limits: { timeoutMs: number }): CheckReport {
  const { job, steps, logs } = output;
  const findings = jobFindings(job, steps, limits);
  const status = (name: string) => steps.find((s) => s.name === name)?.exitCode;

  let typeErrors = 0;
  for (const name of ["tsc-app", "tsc-node"]) {
    if (status(name) === undefined || status(name) === 0) continue;
    const errors = parseTscOutput(logs[name] ?? "");
    typeErrors += Math.max(errors.length, 1);
    if (errors.length === 0)
      findings.push(`typecheck failed: ${firstLine(logs[name]) || "no output"}`);
    findings.push(...errors.map(typeErrorFinding));
  }
  if (status("build") !== undefined && status("build") !== 0) {
    findings.push(...buildFindings(logs.build));
  }

  let passed: number | undefined;
  let failed: number | undefined;
  if (output.vitestJson !== undefined) {
    try {
      const tests = parseVitestJson(output.vitestJson);
      ({ passed, failed } = tests);
      findings.push(...tests.findings);
      if (status("vitest") !== 0 && tests.findings.length === 0) {
        findings.push(`unit tests failed: ${firstLine(logs.vitest) || "see the log"}`);
      }
    } catch {
      findings.push("unit tests: vitest's JSON report could not be read");
    }
  } else if (status("vitest") !== undefined) {
    findings.push(`unit tests did not run: ${firstLine(logs.vitest) || "no output"}`);
  }

  const expected = ["link", "tsc-app", "build", "vitest"];
  const complete = expected.every((name) => status(name) !== undefined);
  const ok = complete && steps.every((s) => s.exitCode === 0) && findings.length === 0;
  const parts = [
    typeErrors > 0 ? `${typeErrors} type error${typeErrors === 1 ? "" : "s"}` : "",
    status("build") ? "the build failed" : "",
    failed ? `${failed} of ${(passed ?? 0) + failed} tests failed` : "",
  ].filter(Boolean);
  const summary = ok
    ? `typecheck and build passed; ${passed ?? 0} tests passed`
    : parts.join(", ") || findings[0] || "the test job failed";
  return {
    ok,
    summary,
    findings: cap(findings),
    ...(passed !== undefined ? { passed } : {}),
    ...(failed !== undefined ? { failed } : {}),
    details: {
      steps,
      durationMs: job.durationMs,
      runMs: job.runMs,
      logs: Object.fromEntries(
        steps.filter((s) => s.exitCode !== 0).map((s) => [s.name, tail(logs[s.name])]),
      ),
    },
  };
}

/** At most {@link MAX_FINDINGS}, with a last line counting the rest. */
export function cap(findings: string[]): string[] {
  if (findings.length <= MAX_FINDINGS) return findings;
  const rest = findings.length - MAX_FINDINGS;
  return [...findings.slice(0, MAX_FINDINGS), `… and ${rest} more`];
}
