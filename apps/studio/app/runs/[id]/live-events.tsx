"use client";

// The run view's live parts: both follow the events of <RunEventsProvider>.

import { formatDuration, nodeTimeline, type NodeStatus } from "../../../src/run-timeline.js";
import { useRunEvents } from "./run-events-provider.js";

/** The run's log, as it grows: the events the page started with, then the live ones. */
export function LiveEvents() {
  const { events, connection } = useRunEvents();
  return (
    <>
      <p className="muted small" role="status">
        {connection === "live"
          ? "Following new events as they come."
          : connection === "ended"
            ? "The run is over; this is its whole log."
            : "Live events stopped; reload the page to follow again."}
      </p>
      {events.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ol className="event-log" aria-label="Run events">
          {events.map((event) => (
            <li key={event.seq}>
              <span className="muted">#{event.seq}</span>
              <span>{event.type}</span>
              <span>
                {event.node ?? ""}
                {describe(event.payload) ? (
                  <span className="muted"> — {describe(event.payload)}</span>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** The event's words, when it has some: a node's summary, its progress, a failure's message. */
function describe(payload: Record<string, unknown>): string | null {
  for (const key of ["summary", "message"]) {
    const value = payload[key];
    if (typeof value === "string" && value) return value;
  }
  return null;
}

/** Each status as a badge whose text says it, so colour is never the only cue. */
const BADGE: Record<NodeStatus, { tone: string; label: string }> = {
  waiting: { tone: "neutral", label: "Waiting" },
  running: { tone: "progress", label: "Running" },
  done: { tone: "success", label: "Done" },
  failed: { tone: "danger", label: "Failed" },
  cancelled: { tone: "waiting", label: "Cancelled" },
};

/** Where each pipeline node stands and how long it took, updated with every live event. */
export function NodeTimeline() {
  const { events, status } = useRunEvents();
  const timeline = nodeTimeline(events, status);
  return (
    <ol className="timeline" aria-label="Pipeline nodes">
      {timeline.map((t) => {
        const badge = BADGE[t.status];
        return (
          <li key={t.node} className={`timeline-node timeline-${t.status}`} data-node={t.node}>
            <span className="timeline-label">{t.label}</span>
            <span className={`badge badge-${badge.tone}`}>{badge.label}</span>
            <span className="timeline-duration">
              {t.durationMs !== null ? formatDuration(t.durationMs) : ""}
              {t.runs > 1 ? <span className="muted small"> ({t.runs} runs)</span> : null}
            </span>
            <span className="timeline-summary muted small">{t.summary ?? ""}</span>
          </li>
        );
      })}
    </ol>
  );
}
