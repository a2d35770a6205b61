import type { CheckFailure, CheckNode, CheckReport, PipelineStateType } from "./state.js";

/** At most this many repair rounds (code again after a failed check) per run. */
export const MAX_REPAIR_ROUNDS = 3;

const NEXT: Record<CheckNode, "review" | "smoke" | "approve"> = {
  test: "review",
  review: "smoke",
  smoke: "approve",
};

/** A failure's signature: its findings, trimmed and sorted, so order and spacing do not matter. */
export function signatureOf(report: CheckReport): string {
  const lines = report.findings.length > 0 ? report.findings : [report.summary];
  return lines
    .map((l) => l.trim().replace(/\s+/g, " "))
    .sort()
    .join("\n");
}

/**
 * Where a run goes after a check: on, when it passed; back to `code` for a repair round while
 * rounds remain and the failure is new; `fail` when rounds ran out or the same failure came
 * back (another round would only repeat it — what sends other generators into endless loops).
 */
export function afterCheck(
  node: CheckNode,
  state: Pick<PipelineStateType, "round" | "failures"> & { report: CheckReport | undefined },
  maxRounds = MAX_REPAIR_ROUNDS,
): "code" | "fail" | "review" | "smoke" | "approve" {
  const { report } = state;
  if (!report) return "fail";
  if (report.ok) return NEXT[node];
  if (state.round >= maxRounds) return "fail";
  return repeats(state.failures) ? "fail" : "code";
}

/** True when the latest failure has the signature of an earlier one of the same check. */
export function repeats(failures: readonly CheckFailure[]): boolean {
  const last = failures.at(-1);
  if (!last) return false;
  return failures.slice(0, -1).some((f) => f.node === last.node && f.signature === last.signature);
}

/** Why a run that `afterCheck` sent to `fail` failed, in words. */
export function failureReason(
  node: CheckNode,
  state: Pick<PipelineStateType, "round" | "failures"> & { report: CheckReport | undefined },
  maxRounds = MAX_REPAIR_ROUNDS,
): string {
  const what = state.report?.summary ?? `${node} did not report`;
  if (!state.report) return what;
  if (repeats(state.failures))
    return `${node} failed the same way after a repair round (${what}); stopped repairing`;
  return `${node} still failed after ${maxRounds} repair rounds (${what})`;
}
