import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Suspense } from "react";
import { Link } from "../../_components/link.js";
import { Problem } from "../../_components/problem.js";
import { StatusBadge } from "../../_components/status-badge.js";
import { Time } from "../../_components/time.js";
import { apiFor, settle } from "../../_lib/api.js";
import { readEventsSoFar } from "../../_lib/run-events.js";
import { requireSession } from "../../_lib/session.js";
import { codeSelectionOf } from "./artifacts.js";
import { CodeSection } from "./code-section.js";
import { DecisionForm } from "./decision-form.js";
import { LiveEvents, NodeTimeline } from "./live-events.js";
import { PlanSection } from "./plan-section.js";
import { PreviewSection } from "./preview-section.js";
import { ReportsSection } from "./reports-section.js";
import { RunEventsProvider } from "./run-events-provider.js";
import { SectionLoading } from "./section-states.js";
import "../../styles/run-view.css";
import "../../styles/code-view.css";

type Params = { params: Promise<{ id: string }> };
type Query = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  return { title: `Run ${id.slice(0, 8)}` };
}

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);
const WHOLE_LOG = { quietMs: 5_000, maxMs: 5_000 };

/**
 * One run: where it is, why it failed, the approval it waits for, each node's progress, what
 * it made (the plan, the checks' reports, the code) and its log, followed live.
 */
export default async function RunPage({ params, searchParams }: Params & Query) {
  const { id } = await params;
  const code = codeSelectionOf(await searchParams);
  const session = await requireSession();
  const api = apiFor(session);
  const [run, team] = await Promise.all([
    settle(api.runs.byId.query({ runId: id })),
    settle(api.teams.get.query()),
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
  // A finished run's stream ends after its last event, so it is read to the end: the quiet
  // period meant for live runs can pass before the first event arrives, and a finished run
  // has no live stream to catch up with.
  const events = await settle(
    readEventsSoFar(api, id, FINISHED.has(detail.status) ? WHOLE_LOG : {}),
  );
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

      <RunEventsProvider
        runId={detail.id}
        initial={events.ok ? events.value : []}
        finished={!events.ok || FINISHED.has(detail.status)}
        status={detail.status}
      >
        <section aria-labelledby="timeline-heading" className="run-section">
          <h2 id="timeline-heading">Progress</h2>
          {events.ok ? (
            <NodeTimeline />
          ) : (
            <Problem title="The run's progress could not be read." problem={events.problem} />
          )}
        </section>

        <Suspense fallback={<SectionLoading id="preview" title="Live preview" />}>
          <PreviewSection runId={detail.id} appSlug={detail.appSlug} />
        </Suspense>
        <Suspense fallback={<SectionLoading id="plan" title="Plan" />}>
          <PlanSection runId={detail.id} />
        </Suspense>
        <Suspense fallback={<SectionLoading id="checks" title="Checks" />}>
          <ReportsSection runId={detail.id} />
        </Suspense>
        <Suspense fallback={<SectionLoading id="code" title="Code" />}>
          <CodeSection runId={detail.id} asked={code} />
        </Suspense>

        <section aria-labelledby="events-heading" className="run-section">
          <h2 id="events-heading">Events</h2>
          {events.ok ? (
            <LiveEvents />
          ) : (
            <Problem title="The run's events could not be read." problem={events.problem} />
          )}
        </section>
      </RunEventsProvider>
    </>
  );
}
