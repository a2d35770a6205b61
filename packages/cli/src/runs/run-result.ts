import type { CheckReport, PipelineStateType } from "@winky/orchestrator";
import type { AppPlan } from "@winky/planner";

/** What `--json` prints at the end of a run command: one object, the same for every command. */
export interface RunResult {
  runId: string;
  /** succeeded, failed, awaiting_plan_approval, awaiting_approval; or where it is (`winky runs show`). */
  status: string;
  plan: AppPlan | null;
  /** The app's files, by path. */
  files: string[];
  tests: { passed: number; failed: number };
  smoke: { passed: number; failed: number };
  commit: { repo: string; sha: string } | null;
  deploy: { project: string; url: string } | null;
  durationMs: number;
  /** Why a failed run failed. */
  error?: { code: string; message: string; node?: string };
  /** Findings of the checks that failed, in words. */
  findings?: string[];
  /** What the run waits for, and the command that answers it. */
  next?: string;
}

/** Where a run stopped: the run service's progress, or a run's row as `winky runs show` reads it. */
export interface RunStop {
  runId: string;
  status: string;
  error?: { code: string; message: string; node?: string };
  asks?: { summary: string };
}

export function runResult(
  progress: RunStop,
  state: PipelineStateType | undefined,
  durationMs: number,
): RunResult {
  const counts = (report: CheckReport | undefined) => ({
    passed: report?.passed ?? 0,
    failed: report?.failed ?? 0,
  });
  const failedChecks = [state?.testReport, state?.reviewReport, state?.smokeReport].filter(
    (r): r is CheckReport => r !== undefined && !r.ok,
  );
  return {
    runId: progress.runId,
    status: progress.status,
    plan: (state?.appPlan as AppPlan | undefined) ?? null,
    files: Object.keys(state?.files ?? {}).sort(),
    tests: counts(state?.testReport),
    smoke: counts(state?.smokeReport),
    commit: state?.commitInfo ?? null,
    deploy: state?.deployment ?? null,
    durationMs,
    ...(progress.error ? { error: progress.error } : {}),
    ...(failedChecks.length ? { findings: failedChecks.flatMap((r) => r.findings) } : {}),
    ...(progress.asks
      ? {
          next:
            `${progress.asks.summary}: winky runs approve ${progress.runId}` +
            ` (or winky runs reject ${progress.runId})`,
        }
      : {}),
  };
}

/** The end of a run for people: where the app is, or why it stopped and what to do. */
export function resultText(result: RunResult, options: { attached: boolean }): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const lines: string[] = [];
  if (result.status === "succeeded") {
    lines.push(`\n✓ ${result.plan?.title ?? "The app"} is deployed in ${seconds} s`);
    lines.push(`  App         ${result.deploy?.url}`);
    if (!options.attached) lines.push("              (served while the runtime runs: npm start)");
    lines.push(`  Repository  ${result.commit?.repo} (${result.commit?.sha.slice(0, 12)})`);
    lines.push(
      `  Checks      ${result.tests.passed} unit tests and ${result.smoke.passed} smoke scenarios passed`,
    );
  } else if (result.status === "failed") {
    lines.push(`\n✗ Run ${result.runId} failed after ${seconds} s: ${result.error?.message}`);
    for (const finding of (result.findings ?? []).slice(0, 10)) lines.push(`  - ${finding}`);
    if ((result.findings?.length ?? 0) > 10) {
      lines.push(`  … ${result.findings!.length - 10} more: winky runs show ${result.runId}`);
    }
  } else if (result.next) {
    lines.push(`\n… Run ${result.runId} waits: ${result.next}`);
  } else {
    lines.push(`\n… Run ${result.runId} is ${result.status}: winky runs resume ${result.runId}`);
  }
  lines.push(`  Run         ${result.runId}`);
  return `${lines.join("\n")}\n`;
}
