import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../../_components/link.js";
import { Problem } from "../../_components/problem.js";
import { StatusBadge } from "../../_components/status-badge.js";
import { Time } from "../../_components/time.js";
import { apiFor, settle } from "../../_lib/api.js";
import { readEventsSoFar } from "../../_lib/run-events.js";
import { requireSession } from "../../_lib/session.js";
import { DecisionForm } from "./decision-form.js";
import { LiveEvents } from "./live-events.js";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  return { title: `Run ${id.slice(0, 8)}` };
}

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

/** One run: where it is, why it failed, the approval it waits for, and its log. */
export default async function RunPage({ params }: Params) {
  const { id } = await params;
  const session = await requireSession();
  const api = apiFor(session);
  const [run, team, events] = await Promise.all([
    settle(api.runs.byId.query({ runId: id })),
    settle(api.teams.get.query()),
    settle(readEventsSoFar(api, id)),
  ]);
  if (!run.ok) {
    return (
      <>
        <h1>Run</h1>
        <Problem title="This run could not be shown." problem={run.problem} />
        <p>
          <Link href="/runs">Back to the runs</Link>
        </p>
      </>
    );
  }
  const detail = run.value;
  const role = team.ok ? team.value.callerRole : null;
  const canDecide = role !== null && role !== "viewer";
  return (
    <>
      <p className="small">
        <Link href="/runs">← Runs</Link>
      </p>
      <h1>
        Run of <code>{detail.appSlug}</code>
      </h1>
      <dl className="facts card">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={detail.status} />
        </dd>
        <dt>Prompt</dt>
        <dd>{detail.prompt}</dd>
        <dt>Kind</dt>
        <dd>{detail.kind}</dd>
        <dt>Engine</dt>
        <dd>{detail.model ? `${detail.engine} (${detail.model})` : detail.engine}</dd>
        <dt>Created</dt>
        <dd>
          <Time iso={detail.createdAt} />
        </dd>
        {detail.finishedAt ? (
          <>
            <dt>Finished</dt>
            <dd>
              <Time iso={detail.finishedAt} />
            </dd>
          </>
        ) : null}
        <dt>Run id</dt>
        <dd>
          <code>{detail.id}</code>
        </dd>
      </dl>

      {detail.status === "failed" && detail.error ? (
        <div className="callout callout-danger spaced" role="alert">
          <p className="callout-title">
            Failed{detail.error.node ? ` in ${detail.error.node}` : ""}:{" "}
            <code>{detail.error.code}</code>
          </p>
          <p>{detail.error.message}</p>
        </div>
      ) : null}

      {detail.pendingApproval ? (
        <section aria-labelledby="approval-heading">
          <h2 id="approval-heading">Waiting for approval of its {detail.pendingApproval.kind}</h2>
          <p className="muted small">
            Requested <Time iso={detail.pendingApproval.requestedAt} />
          </p>
          <DecisionForm
            runId={detail.id}
            canDecide={canDecide}
            whyNot={
              role === "viewer"
                ? "Viewers cannot approve or reject runs: a member, admin or owner can."
                : "Your role in the team could not be read, so deciding is off."
            }
          />
        </section>
      ) : null}

      <h2>Events</h2>
      {events.ok ? (
        <LiveEvents
          runId={detail.id}
          initial={events.value}
          finished={FINISHED.has(detail.status)}
        />
      ) : (
        <Problem title="The run's events could not be read." problem={events.problem} />
      )}
    </>
  );
}
