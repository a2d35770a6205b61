import type { WinkyClient } from "@winky/api-client";

/** One entry of a run's log, as the API sends it and the page shows it. */
export interface RunEvent {
  seq: number;
  type: string;
  node: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface EventFollower {
  onEvent(event: RunEvent): void;
  /** The run has finished and its last event was sent. */
  onEnd(): void;
  onError(error: unknown): void;
}

/**
 * Follows `runs.events` after `afterSeq` (-1: from the start) until `signal` aborts or the
 * run's stream ends. The subscription goes from this server to the orchestrator with the
 * token in a header, which is why browsers come through `/api/runs/[id]/events`.
 */
export function followRunEvents(
  api: WinkyClient,
  runId: string,
  afterSeq: number,
  follower: EventFollower,
  signal: AbortSignal,
): void {
  const subscription = api.runs.events.subscribe(
    { runId, afterSeq },
    {
      onData: (envelope) => follower.onEvent(envelope.data),
      onComplete: () => follower.onEnd(),
      onError: (error) => follower.onError(error),
    },
  );
  signal.addEventListener("abort", () => subscription.unsubscribe(), { once: true });
}

/**
 * The events the run has logged so far, read once for the first render. The API only has a
 * stream, which ends for a finished run; for a live one this stops once the backlog has gone
 * quiet for `quietMs` after an event (the backlog arrives in one burst), and the page's live view follows
 * from the last one.
 */
export function readEventsSoFar(
  api: WinkyClient,
  runId: string,
  { quietMs = 250, firstEventMs = 1_500, maxMs = 3_000 } = {},
): Promise<RunEvent[]> {
  return new Promise((resolve, reject) => {
    const events: RunEvent[] = [];
    const stop = new AbortController();
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      clearTimeout(quiet);
      clearTimeout(deadline);
      stop.abort();
      resolve(events);
    };
    const deadline = setTimeout(finish, maxMs);
    const rearm = () => {
      clearTimeout(quiet);
      quiet = setTimeout(finish, quietMs);
    };
    // The stream takes a moment to open: the quiet spell counts from the first event (a run
    // with none yet is given `firstEventMs`), or a slow start would read as an empty log.
    quiet = setTimeout(finish, firstEventMs);
    followRunEvents(
      api,
      runId,
      -1,
      {
        onEvent: (event) => {
          events.push(event);
          rearm();
        },
        onEnd: finish,
        onError: (error) => {
          clearTimeout(quiet);
          clearTimeout(deadline);
          stop.abort();
          reject(error);
        },
      },
      stop.signal,
    );
  });
}
