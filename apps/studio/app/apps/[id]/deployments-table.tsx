import { Link } from "../../_components/link.js";
import { Time } from "../../_components/time.js";
import type { DeploymentItem } from "../app-display.js";
import { RollbackButton } from "./rollback-button.js";

const REASON_ID = "rollback-reason";

/**
 * What went live for the app, newest first: the first row is live; each earlier row with
 * another version has a Rollback button (the API refuses to roll back to the version live).
 */
export function DeploymentsTable({
  appId,
  deployments,
  canRollBack,
  whyNot,
}: {
  appId: string;
  deployments: readonly DeploymentItem[];
  canRollBack: boolean;
  whyNot: string;
}) {
  if (deployments.length === 0) {
    return (
      <p className="card muted">
        Nothing deployed yet: the app goes live when one of its runs is approved and deploys.
      </p>
    );
  }
  const live = deployments[0]!;
  const isLiveVersion = (d: DeploymentItem) =>
    d.project === live.project && d.version === live.version;
  return (
    <>
      {canRollBack ? null : (
        <p id={REASON_ID} className="callout callout-waiting small">
          {whyNot}
        </p>
      )}
      <table className="table deployments-table">
        <caption className="muted small">
          The app&apos;s latest {deployments.length} deployments, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Kind</th>
            <th scope="col">Commit</th>
            <th scope="col">When</th>
            <th scope="col">Rollback</th>
          </tr>
        </thead>
        <tbody>
          {deployments.map((deployment) => (
            <tr key={deployment.id}>
              <td>
                v{deployment.version}{" "}
                {deployment === live ? <span className="badge badge-success">Live</span> : null}
              </td>
              <td>
                {deployment.kind === "rollback" ? "Rollback" : "Deploy"}
                {deployment.runId ? (
                  <>
                    {" "}
                    <Link href={`/runs/${deployment.runId}`} className="small">
                      (run)
                    </Link>
                  </>
                ) : null}
              </td>
              <td>
                {deployment.commitSha ? (
                  <code title={deployment.commitSha}>{deployment.commitSha.slice(0, 8)}</code>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <Time iso={deployment.createdAt} />
              </td>
              <td>
                {isLiveVersion(deployment) ? (
                  <span className="muted small">
                    {deployment === live ? "Live now" : "Same version as live"}
                  </span>
                ) : (
                  <RollbackButton
                    appId={appId}
                    deploymentId={deployment.id}
                    version={deployment.version}
                    canRollBack={canRollBack}
                    reasonId={REASON_ID}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
