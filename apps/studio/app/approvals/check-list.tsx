import type { CheckSummary } from "./approval-types.js";

/** What each check is, for a reviewer who does not know the pipeline's node names. */
const CHECK_LABELS: Record<CheckSummary["check"], string> = {
  test: "Tests",
  review: "Rules audit",
  smoke: "Smoke test",
};

/**
 * The run's latest check results, each with a pass/fail badge whose text says it (colour is
 * never the only cue), and the repair rounds it took to get there.
 */
export function CheckList({
  checks,
  repairRounds,
}: {
  checks: readonly CheckSummary[];
  repairRounds: number;
}) {
  if (checks.length === 0) {
    return (
      <p className="muted small">
        No check results yet: tests, the rules audit and the smoke test run after the plan is
        approved and the code is written.
      </p>
    );
  }
  return (
    <>
      <ul className="check-list" aria-label="Checks">
        {checks.map((c) => (
          <li key={c.check}>
            <span className="check-name">{CHECK_LABELS[c.check] ?? c.check}</span>
            <span className={`badge ${c.outcome === "passed" ? "badge-success" : "badge-danger"}`}>
              {c.outcome === "passed" ? "Passed" : "Failed"}
            </span>
            <span className="check-summary">{c.summary || "no summary"}</span>
          </li>
        ))}
      </ul>
      {repairRounds > 0 ? (
        <p className="muted small">
          After {repairRounds} repair round{repairRounds === 1 ? "" : "s"}.
        </p>
      ) : null}
    </>
  );
}
