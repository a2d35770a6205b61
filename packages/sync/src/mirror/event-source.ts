import type { FetchLike } from "../firestore/firestore-rest-adapter.js";
import type { DocumentChange, WireFields } from "../sync-adapter.js";

/** One entry of the runtime's event log (`GET …/admin/events`), snapshots in wire format. */
export interface LogEvent {
  /** The row number: what the log pages by, with the time. */
  id: string;
  eventId: string;
  kind: string;
  subject: string;
  time: string;
  before?: WireFields;
  after?: WireFields;
}

export interface EventPage {
  events: LogEvent[];
  nextPageToken?: string;
}

/** The document kinds of the log; the mirror asks for these only. */
export const DOCUMENT_KINDS = ["document.created", "document.updated", "document.deleted"] as const;

/** Where the mirror reads the log: the runtime's admin API, or a fake in tests. */
export interface EventSource {
  /** Document events at or after `from`, in log order, a page at a time. */
  page(query: { from?: string; pageToken?: string; limit: number }): Promise<EventPage>;
}

/**
 * Reads a project's log from a runtime over its admin API. The route is called directly, not
 * through `AdminClient.listEvents`, because that one decodes snapshots to plain JSON, which
 * loses what the mirror must keep (integer vs double, references, bytes, timestamps).
 */
export class RuntimeEventSource implements EventSource {
  private readonly fetch: FetchLike;

  constructor(
    private readonly options: { url: string; project: string; key: string; fetch?: FetchLike },
  ) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async page(query: { from?: string; pageToken?: string; limit: number }): Promise<EventPage> {
    const params = new URLSearchParams({
      kind: DOCUMENT_KINDS.join(","),
      limit: String(query.limit),
    });
    if (query.from) params.set("from", query.from);
    if (query.pageToken) params.set("pageToken", query.pageToken);
    const base = this.options.url.replace(/\/+$/, "");
    const url = `${base}/v1/projects/${encodeURIComponent(this.options.project)}/admin/events?${params}`;
    const res = await this.fetch(url, {
      headers: { authorization: `Bearer ${this.options.key}` },
    }).catch((e: unknown) => {
      throw new Error(`cannot reach the runtime at ${base}: ${String(e)}`, { cause: e });
    });
    if (!res.ok) {
      const text = await res.text().catch(() => "");
      throw new Error(
        `reading the event log of '${this.options.project}' failed (HTTP ${res.status}): ${text.slice(0, 300)}`,
      );
    }
    return (await res.json()) as EventPage;
  }
}

/** The document change an event records; undefined for events of other kinds. */
export function toChange(event: LogEvent): DocumentChange | undefined {
  const base = { eventId: event.eventId, time: event.time, path: event.subject };
  switch (event.kind) {
    case "document.created":
      return { ...base, kind: "create", fields: event.after ?? {} };
    case "document.updated":
      return { ...base, kind: "update", fields: event.after ?? {} };
    case "document.deleted":
      return { ...base, kind: "delete" };
    default:
      return undefined;
  }
}
