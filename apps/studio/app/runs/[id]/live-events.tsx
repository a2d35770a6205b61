"use client";

import { useEffect, useState } from "react";
import type { RunEvent } from "../../_lib/run-events.js";

type Connection = "live" | "ended" | "lost";

/**
 * The run's log: the events the server rendered, then the live ones, followed through the
 * studio's own `/api/runs/[id]/events` (which holds the token; the page never does).
 */
export function LiveEvents({
  runId,
  initial,
  finished,
}: {
  runId: string;
  initial: RunEvent[];
  finished: boolean;
}) {
  const [events, setEvents] = useState(initial);
  const [connection, setConnection] = useState<Connection>(finished ? "ended" : "live");
  const lastSeq = initial.at(-1)?.seq ?? -1;

  useEffect(() => {
    if (finished) return;
    const source = new EventSource(
      `/api/runs/${encodeURIComponent(runId)}/events?after=${lastSeq}`,
    );
    source.onmessage = (message: MessageEvent) => {
      const event = JSON.parse(String(message.data)) as RunEvent;
      setEvents((known) => (known.some((e) => e.seq === event.seq) ? known : [...known, event]));
    };
    source.addEventListener("end", () => {
      source.close();
      setConnection("ended");
    });
    source.addEventListener("problem", () => {
      source.close();
      setConnection("lost");
    });
    return () => source.close();
  }, [runId, lastSeq, finished]);

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
              <span>{event.node ?? ""}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
