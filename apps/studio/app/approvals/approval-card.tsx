import { Link } from "../_components/link.js";
import { truncate } from "../../src/run-status.js";
import { WireframePreview } from "./wireframe-preview.js";
import { waitedFor, type PendingApproval } from "./approval-types.js";
import { CheckList } from "./check-list.js";

/** One pending approval in the feed: what it is, who asked, how long it waited, its checks. */
export function ApprovalCard({ approval, now }: { approval: PendingApproval; now: Date }) {
  const headingId = `approval-${approval.approvalId}`;
  const starter = approval.startedBy
    ? approval.startedBy.displayName || approval.startedBy.email
    : "a team token or schedule";
  return (
    <article className="card approval-card" aria-labelledby={headingId}>
      <header className="approval-card-header">
        <h2 id={headingId} className="approval-card-title">
          {approval.app.name} <code className="muted">{approval.app.slug}</code>
        </h2>
        <span className={`badge ${approval.kind === "plan" ? "badge-progress" : "badge-waiting"}`}>
          {approval.kind === "plan" ? "Plan" : "Release"}
        </span>
      </header>
      {approval.planTitle ? <p className="approval-plan-title">{approval.planTitle}</p> : null}
      <p className="approval-prompt" title={approval.prompt}>
        {truncate(approval.prompt, 240)}
      </p>
      <p className="muted small">
        Started by{" "}
        {approval.startedBy ? <span title={approval.startedBy.email}>{starter}</span> : starter} ·
        waiting{" "}
        <time dateTime={approval.requestedAt} title={approval.requestedAt}>
          {waitedFor(approval.requestedAt, now)}
        </time>
      </p>
      <div className="approval-card-body">
        <WireframePreview runId={approval.runId} wireframe={approval.wireframe} />
        <CheckList checks={approval.checks} repairRounds={approval.repairRounds} />
      </div>
      <p className="approval-card-links">
        <Link href={`/approvals/${approval.runId}`}>
          Open thread
          <span className="visually-hidden"> for {approval.app.name}</span> ({approval.commentCount}{" "}
          comment{approval.commentCount === 1 ? "" : "s"})
        </Link>
        <Link href={`/runs/${approval.runId}`}>
          View run<span className="visually-hidden"> of {approval.app.name}</span>
        </Link>
      </p>
    </article>
  );
}
