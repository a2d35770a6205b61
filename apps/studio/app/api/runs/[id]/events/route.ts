import { apiFor, toApiProblem } from "../../../../_lib/api.js";
import { followRunEvents } from "../../../../_lib/run-events.js";
import { readSession } from "../../../../_lib/session.js";

/**
 * A run's live events for the browser, as Server-Sent Events. Browsers' EventSource cannot
 * send an Authorization header, and the token must never reach the page, so this handler
 * follows the orchestrator's subscription with the session's token and relays each event:
 * `id: <seq>` (EventSource resends it as Last-Event-ID when it reconnects), `data: <json>`;
 * `event: end` once the run is over, `event: problem` with the API's refusal.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const session = await readSession();
  if (!session) {
    return Response.json(
      { error: { code: "UNAUTHORIZED", message: "sign in first" } },
      { status: 401 },
    );
  }
  const { id } = await params;
  const afterSeq = resumePoint(request);
  const encoder = new TextEncoder();
  const stop = new AbortController();
  request.signal.addEventListener("abort", () => stop.abort(), { once: true });

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(text));
      };
      const end = () => {
        if (stop.signal.aborted) return;
        stop.abort();
        controller.close();
      };
      // A comment line at once, so proxies and the browser see the stream open.
      send(": following\n\n");
      followRunEvents(
        apiFor(session),
        id,
        afterSeq,
        {
          onEvent: (event) => send(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`),
          onEnd: () => {
            send("event: end\ndata: {}\n\n");
            end();
          },
          onError: (error) => {
            send(`event: problem\ndata: ${JSON.stringify(problemOf(error))}\n\n`);
            end();
          },
        },
        stop.signal,
      );
    },
    cancel() {
      stop.abort();
    },
  });

  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

/** After which event to start: the browser's Last-Event-ID on a reconnect, else `?after=`. */
function resumePoint(request: Request): number {
  const candidate =
    request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after");
  return candidate && /^-?\d{1,9}$/.test(candidate) ? Math.max(-1, Number(candidate)) : -1;
}

function problemOf(error: unknown) {
  try {
    return toApiProblem(error);
  } catch {
    return { code: "INTERNAL", message: "the run's events could not be followed" };
  }
}
