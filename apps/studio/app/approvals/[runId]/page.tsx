import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../../_components/link.js";
import { WireframePreview } from "../wireframe-preview.js";
import { Problem } from "../../_components/problem.js";
import { StatusBadge } from "../../_components/status-badge.js";
import { Time } from "../../_components/time.js";
import { apiFor, settle } from "../../_lib/api.js";
import { requireSession } from "../../_lib/session.js";
import { CheckList } from "../check-list.js";
import { CommentForm } from "./comment-form.js";
import { DecisionForm } from "../../runs/[id]/decision-form.js";
import { ThreadEntries } from "./thread-entries.js";
import "../../styles/approvals.css";

type Params = { params: Promise<{ runId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { runId } = await params;
  return { title: `Approval thread ${runId.slice(0, 8)}` };
}

/** One approval's thread: the run's checks, its comments and decisions, and the decision. */
export default async function ApprovalThreadPage({ params }: Params) {
  const { runId } = await params;
  const session = await requireSession();
  const api = apiFor(session);
  const [run, thread, team] = await Promise.all([
    settle(api.runs.byId.query({ runId })),
    settle(api.approvals.thread.query({ runId })),
    settle(api.teams.get.query()),
  ]);
  const back = (
    <p className="small">
      <Link href="/approvals">← Approvals</Link>
    </p>
  );
  if (!run.ok || !thread.ok) {
    const problem = !run.ok ? run.problem : !thread.ok ? thread.problem : null;
    return (
      <>
        {back}
        <h1>Approval thread</h1>
        {problem ? <Problem title="This thread could not be shown." problem={problem} /> : null}
      </>
    );
  }
  const detail = run.value;
  const role = team.ok ? team.value.callerRole : null;
  const canAct = role !== null && role !== "viewer";
  const whyNot =
    role === "viewer"
      ? "Viewers cannot approve, reject or comment: a member, admin or owner can."
      : "Your role in the team could not be read, so deciding and commenting are off.";
  return (
    <>
      {back}
      <h1>
        Thread of <code>{detail.appSlug}</code>
      </h1>
      <div className="card approval-card">
        {thread.value.planTitle ? (
          <p className="approval-plan-title">{thread.value.planTitle}</p>
        ) : null}
        <p className="approval-prompt">{detail.prompt}</p>
        <p className="muted small">
          <StatusBadge status={detail.status} /> · created <Time iso={detail.createdAt} /> ·{" "}
          <Link href={`/runs/${detail.id}`}>View run</Link>
        </p>
        <div className="approval-card-body">
          <WireframePreview runId={detail.id} wireframe={thread.value.wireframe} />
          <CheckList checks={thread.value.checks} repairRounds={thread.value.repairRounds} />
        </div>
      </div>

      {detail.pendingApproval ? (
        <section aria-labelledby="decision-heading">
          <h2 id="decision-heading">Decide on its {detail.pendingApproval.kind}</h2>
          <p className="muted small">
            Requested <Time iso={detail.pendingApproval.requestedAt} />
          </p>
          <DecisionForm
            runId={detail.id}
            kind={detail.pendingApproval.kind}
            canDecide={canAct}
            whyNot={whyNot}
          />
        </section>
      ) : (
        <p className="callout spaced">Nothing waits for a decision on this run now.</p>
      )}

      <section aria-labelledby="thread-heading">
        <h2 id="thread-heading">Thread</h2>
        <ThreadEntries entries={thread.value.entries} />
        <CommentForm runId={detail.id} canComment={canAct} whyNot={whyNot} />
      </section>
    </>
  );
}
