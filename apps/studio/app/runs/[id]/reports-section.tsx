import { CheckReport } from "./check-report.js";
import { loadArtifacts, loadRounds, type RoundView, type RunArtifacts } from "./artifacts.js";
import { Section, SectionEmpty, SectionProblem } from "./section-states.js";

/**
 * What the checks said: the test, the review (the reviewer's findings: the rules and security
 * audit) and the smoke test on the latest code, what sent earlier rounds back to the coder,
 * and the release (commit and deploy) once there is one.
 */
export async function ReportsSection({ runId }: { runId: string }) {
  const [artifacts, rounds] = await Promise.all([loadArtifacts(runId), loadRounds(runId)]);
  if (!artifacts.ok) {
    return (
      <Section id="checks" title="Checks">
        <SectionProblem what="reports" problem={artifacts.problem} />
      </Section>
    );
  }
  const { reports, round } = artifacts.value;
  return (
    <Section id="checks" title="Checks">
      {round === null ? (
        <SectionEmpty>No checks yet: they run once the code is written.</SectionEmpty>
      ) : (
        <>
          <p className="muted small">On the code of round {round}.</p>
          <div className="cards">
            <CheckReport title="Test" report={reports.test} />
            <CheckReport title="Review" report={reports.review} />
            <CheckReport title="Smoke test" report={reports.smoke} screenshots={{ runId, round }} />
          </div>
          {rounds.ok ? (
            <EarlierRounds runId={runId} rounds={rounds.value.filter((r) => r.round !== round)} />
          ) : (
            <SectionProblem what="earlier rounds" problem={rounds.problem} />
          )}
        </>
      )}
      <Release artifacts={artifacts.value} />
    </Section>
  );
}

/** The rounds before the latest, each with the check that sent it back for repair. */
function EarlierRounds({ runId, rounds }: { runId: string; rounds: RoundView[] }) {
  if (rounds.length === 0) return null;
  return (
    <>
      <h3>Earlier rounds</h3>
      {rounds.map((r) => {
        const failed = (["test", "review", "smoke"] as const).filter(
          (name) => r.reports[name] && !r.reports[name].ok,
        );
        return (
          <details key={r.round} className="earlier-round" open={failed.length > 0}>
            <summary>
              Round {r.round}:{" "}
              {failed.length ? `${failed.join(", ")} failed, so the coder repaired it` : "passed"}
            </summary>
            <div className="cards">
              {failed.map((name) => (
                <CheckReport
                  key={name}
                  title={name === "smoke" ? "Smoke test" : name[0]!.toUpperCase() + name.slice(1)}
                  report={r.reports[name]}
                  headingLevel={4}
                  {...(name === "smoke" ? { screenshots: { runId, round: r.round } } : {})}
                />
              ))}
            </div>
          </details>
        );
      })}
    </>
  );
}

function Release({ artifacts }: { artifacts: RunArtifacts }) {
  const { commit, deployment, decisions, outcome } = artifacts;
  if (!commit && !deployment && !decisions.release && !outcome) return null;
  return (
    <>
      <h3>Release</h3>
      <dl className="facts card">
        {decisions.release ? (
          <>
            <dt>Decision</dt>
            <dd>
              {decisions.release.approved ? "Approved" : "Rejected"} by {decisions.release.by}
              {decisions.release.comment ? `: ${decisions.release.comment}` : ""}
            </dd>
          </>
        ) : null}
        {commit ? (
          <>
            <dt>Commit</dt>
            <dd>
              <code title={commit.sha}>{commit.sha.slice(0, 12)}</code>
              {commit.remote ? <> pushed to {commit.remote}</> : " (kept locally)"}
            </dd>
          </>
        ) : null}
        {deployment ? (
          <>
            <dt>Deployed</dt>
            <dd>
              <a href={deployment.url}>{deployment.url}</a> (project{" "}
              <code>{deployment.project}</code>
              {deployment.version !== null ? `, version ${deployment.version}` : ""})
            </dd>
          </>
        ) : null}
        {outcome ? (
          <>
            <dt>Outcome</dt>
            <dd>
              {outcome.status}
              {outcome.reason ? `: ${outcome.reason}` : ""}
            </dd>
          </>
        ) : null}
      </dl>
    </>
  );
}
