"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { RunEvent } from "../../_lib/run-events.js";

export type Connection = "live" | "ended" | "lost";

interface RunEventsState {
  events: RunEvent[];
  connection: Connection;
  status: string;
}

const RunEvents = createContext<RunEventsState | null>(null);

/** The run's events so far and the stream's state, for the timeline and the log. */
export function useRunEvents(): RunEventsState {
  const state = useContext(RunEvents);
  if (!state) throw new Error("useRunEvents() outside <RunEventsProvider>");
  return state;
}

/** Events after which the server-rendered sections (plan, reports, code) have news. */
const NEWS = /^(node\.finished|run\.)/;
/** Several nodes finish within moments of each other: one refresh for them all. */
const REFRESH_AFTER_MS = 600;

/**
 * Follows the run's events for everything on the page: the events the server rendered, then
 * the live ones through the studio's own `/api/runs/[id]/events` (which holds the token; the
 * page never does). When a node finishes, the server-rendered sections are refreshed, so the
 * plan, the reports and the code appear as the run makes them.
 */
export function RunEventsProvider({
  runId,
  initial,
  finished,
  status,
  children,
}: {
  runId: string;
  initial: RunEvent[];
  finished: boolean;
  status: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [events, setEvents] = useState(initial);
  const [connection, setConnection] = useState<Connection>(finished ? "ended" : "live");
  // The stream starts after what the first render had; a refresh's newer `initial` is merged
  // in below and does not restart it.
  const startAfter = useRef(initial.at(-1)?.seq ?? -1);

  useEffect(() => {
    setEvents((known) => merge(known, initial));
  }, [initial]);

  useEffect(() => {
    if (finished) return;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    const source = new EventSource(
      `/api/runs/${encodeURIComponent(runId)}/events?after=${startAfter.current}`,
    );
    source.onmessage = (message: MessageEvent) => {
      const event = JSON.parse(String(message.data)) as RunEvent;
      setEvents((known) => merge(known, [event]));
      if (NEWS.test(event.type)) {
        clearTimeout(refresh);
        refresh = setTimeout(() => router.refresh(), REFRESH_AFTER_MS);
      }
    };
    source.addEventListener("end", () => {
      source.close();
      setConnection("ended");
    });
    source.addEventListener("problem", () => {
      source.close();
      setConnection("lost");
    });
    return () => {
      clearTimeout(refresh);
      source.close();
    };
  }, [runId, finished, router]);

  return <RunEvents.Provider value={{ events, connection, status }}>{children}</RunEvents.Provider>;
}

/** `known` with the events of `more` it lacks, in order. */
function merge(known: RunEvent[], more: RunEvent[]): RunEvent[] {
  const seen = new Set(known.map((e) => e.seq));
  const fresh = more.filter((e) => !seen.has(e.seq));
  return fresh.length ? [...known, ...fresh].sort((a, b) => a.seq - b.seq) : known;
}
