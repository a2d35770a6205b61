import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Suspense } from "react";
import { messagesOf, moveAt } from "../../src/conversation.js";
import { Link } from "../_components/link.js";
import { Problem } from "../_components/problem.js";
import { StatusBadge } from "../_components/status-badge.js";
import { apiFor, settle, type RunDetail } from "../_lib/api.js";
import { readEventsSoFar } from "../_lib/run-events.js";
import { requireSession } from "../_lib/session.js";
import { PlanSection } from "../runs/[id]/plan-section.js";
import { RunEventsProvider } from "../runs/[id]/run-events-provider.js";
import { SectionLoading } from "../runs/[id]/section-states.js";
import { BuildIt } from "./build-it.js";
import { Composer } from "./composer.js";
import "../styles/chat.css";
import "../styles/run-view.css";

export const metadata: Metadata = { title: "New app" };

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ENDED = new Set(["succeeded", "failed", "cancelled"]);

/**
 * The chat that makes an app: describe it, see the plan as it is made (wireframes, files,
 * assumptions, cost), then "Build it" or ask for a change. Every message starts or continues a
 * run; `?run=` is the run the chat is at now.
 */
export default async function NewAppPage({ searchParams }: Search) {
  const query = await searchParams;
  const runId = typeof query.run === "string" ? query.run : null;
  const session = await requireSession();
  const api = apiFor(session);
  const team = await settle(api.teams.get.query());
  const role = team.ok ? team.value.callerRole : null;
  const canAct = role !== null && role !== "viewer";
  const whyNot =
    role === "viewer"
      ? "Viewers see the team's apps but cannot start or change them: ask an admin for the member role."
      : "Your role in the team could not be read, so this is off.";

  if (!runId) {
    return (
      <>
        <h1>New app</h1>
        {!team.ok ? <Problem title="Your team could not be read." problem={team.problem} /> : null}
        <p className="lead">
          Describe an app in plain words. You see its plan and screens before anything is built.
        </p>
        <Composer runId={null} move="start" canAct={canAct} whyNot={whyNot} />
      </>
    );
  }

  const [run, events] = await Promise.all([
    settle(api.runs.byId.query({ runId })),
    settle(readEventsSoFar(api, runId)),
  ]);
  if (!run.ok) {
    return (
      <>
        <h1>New app</h1>
        <Problem title="This conversation's run could not be read." problem={run.problem} />
        <p>
          <Link href="/new">Start a new app</Link>
        </p>
      </>
    );
  }
  const detail = run.value;
  const waitsForPlan = detail.pendingApproval?.kind === "plan";
  return (
    <RunEventsProvider
      runId={detail.id}
      initial={events.ok ? events.value : []}
      finished={ENDED.has(detail.status)}
      status={detail.status}
    >
      <h1>
        New app <code>{detail.appSlug}</code>
      </h1>
      <ol className="chat" aria-label="Conversation">
        {messagesOf(detail.prompt).map((message, i) => (
          <li key={i} className="chat-message chat-from-you">
            <span className="chat-author">You</span>
            <p>{message}</p>
          </li>
        ))}
        <li className="chat-message chat-from-winky" aria-live="polite">
          <span className="chat-author">Winky</span>
          <Reply run={detail} />
          {waitsForPlan ? <BuildIt runId={detail.id} canAct={canAct} whyNot={whyNot} /> : null}
        </li>
      </ol>
      <Suspense fallback={<SectionLoading id="plan" title="Plan" />}>
        <PlanSection runId={detail.id} />
      </Suspense>
      <Composer
        runId={detail.id}
        move={moveAt(detail.status, waitsForPlan)}
        canAct={canAct}
        whyNot={whyNot}
      />
      <p className="small">
        <Link href={`/runs/${detail.id}`}>Open the run</Link> for its live log, checks and code ·{" "}
        <Link href="/new">Start another app</Link>
      </p>
    </RunEventsProvider>
  );
}

/** What the run has to say now, in words. */
function Reply({ run }: { run: RunDetail }) {
  const badge = <StatusBadge status={run.status} />;
  switch (run.status) {
    case "queued":
    case "planning":
      return <p>{badge} Planning your app: the plan and its screens appear below.</p>;
    case "awaiting_plan_approval":
      return <p>{badge} Here is the plan. Build it as it is, or say what should change.</p>;
    case "awaiting_approval":
      return (
        <p>
          {badge} Built, tested and reviewed: it waits for a release approval in the{" "}
          <Link href="/approvals">approval queue</Link>.
        </p>
      );
    case "succeeded":
      return <p>{badge} Deployed. Ask for a change and a new run builds it.</p>;
    case "failed":
      return (
        <p>
          {badge} It stopped{run.error?.node ? ` in ${run.error.node}` : ""}:{" "}
          {run.error?.message ?? "see the run for why"}. Say what to change to try again.
        </p>
      );
    case "cancelled":
      return <p>{badge} This run was cancelled. Send a message to start again.</p>;
    default:
      return (
        <p>
          {badge} Building it. <Link href={`/runs/${run.id}`}>Watch the run</Link>.
        </p>
      );
  }
}
