import { Link } from "../../_components/link.js";
import { Time } from "../../_components/time.js";
import type { RegressionCheck } from "../app-display.js";

const SQUARE = 14;
const GAP = 4;

const LABELS: Record<RegressionCheck["status"], string> = {
  passed: "Passed",
  failed: "Failed",
  "not-run": "Did not run",
};

/**
 * "Last 14 checks: 12 passed, 2 failed" (and how many could not run, when any): the chart in
 * words, which is what screen readers get and what everyone reads first.
 */
export function summarizeChecks(checks: readonly RegressionCheck[]): string {
  const count = (status: RegressionCheck["status"]) =>
    checks.filter((c) => c.status === status).length;
  const notRun = count("not-run");
  const noun = checks.length === 1 ? "check" : "checks";
  return (
    `Last ${checks.length} ${noun}: ${count("passed")} passed, ${count("failed")} failed` +
    (notRun > 0 ? `, ${notRun} did not run` : "")
  );
}

/** What one square's tooltip says: the verdict, when, and what the check found. */
function describeCheck(check: RegressionCheck): string {
  const when = check.finishedAt.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
  return `${LABELS[check.status]}, ${when}${check.summary ? `: ${check.summary}` : ""}`;
}

/**
 * The app's regression checks as a strip of squares, oldest on the left: green passed, red
 * failed, grey did not run, each with its tooltip. The SVG is one image to assistive tech,
 * labelled by the summary; the table under it lists every check with a link to its run.
 */
export function RegressionChart({ checks }: { checks: readonly RegressionCheck[] }) {
  if (checks.length === 0) {
    return (
      <p className="card muted">
        No regression checks yet. The team&apos;s schedule checks each deployed app (see the
        team&apos;s regression settings); the first result shows here.
      </p>
    );
  }
  const summary = summarizeChecks(checks);
  const oldestFirst = [...checks].reverse();
  const width = oldestFirst.length * (SQUARE + GAP) - GAP;
  return (
    <div className="card regression-history">
      <p id="regression-summary" className="regression-summary">
        {summary}
      </p>
      <svg
        className="regression-strip"
        role="img"
        aria-labelledby="regression-summary"
        width={width}
        height={SQUARE}
        viewBox={`0 0 ${width} ${SQUARE}`}
      >
        {oldestFirst.map((check, i) => (
          <rect
            key={check.runId}
            className={`check-square check-${check.status}`}
            data-status={check.status}
            x={i * (SQUARE + GAP)}
            y={0}
            width={SQUARE}
            height={SQUARE}
            rx={3}
          >
            <title>{describeCheck(check)}</title>
          </rect>
        ))}
      </svg>
      <p className="muted small regression-legend" aria-hidden="true">
        Oldest on the left. <span className="legend-key check-passed" /> passed{" "}
        <span className="legend-key check-failed" /> failed{" "}
        <span className="legend-key check-not-run" /> did not run
      </p>
      <details>
        <summary>Every check</summary>
        <table className="table regression-table">
          <caption className="muted small">Regression checks, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Result</th>
              <th scope="col">Finished</th>
              <th scope="col">What it found</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((check) => (
              <tr key={check.runId}>
                <td>
                  <Link href={`/runs/${check.runId}`}>{LABELS[check.status]}</Link>
                </td>
                <td>
                  <Time iso={check.finishedAt} />
                </td>
                <td>{check.summary ?? <span className="muted">nothing recorded</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
