import type { EventPage, EventSource, LogEvent } from "../mirror/event-source.js";
import type { WireFields } from "../sync-adapter.js";

/**
 * An event log with the admin route's paging semantics (`from` inclusive, pages in time then
 * id order, `nextPageToken` when a page is full), whose events a test appends at times it
 * chooses, so late commits and restarts can be staged exactly.
 */
export class FakeEventLog implements EventSource {
  readonly events: LogEvent[] = [];
  /** Every page asked for, to check what the mirror read. */
  readonly queries: Array<{ from?: string; pageToken?: string; limit: number }> = [];
  private nextId = 1;
  private failures = 0;

  /** Appends an event at `time` (epoch ms) and answers it. */
  append(
    time: number,
    kind: "create" | "update" | "delete" | "user",
    subject: string,
    after?: WireFields,
  ): LogEvent {
    const id = this.nextId++;
    const event: LogEvent = {
      id: String(id),
      eventId: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
      kind: kind === "user" ? "auth.user.created" : `document.${kind}d`,
      subject,
      time: new Date(time).toISOString().replace("Z", "000Z"),
      ...(kind === "create" || kind === "update" ? { after: after ?? {} } : {}),
    };
    this.events.push(event);
    return event;
  }

  /** The next `count` reads fail, as when the runtime is down. */
  failNext(count: number): void {
    this.failures += count;
  }

  page(query: { from?: string; pageToken?: string; limit: number }): Promise<EventPage> {
    this.queries.push(query);
    if (this.failures > 0) {
      this.failures--;
      return Promise.reject(new Error("cannot reach the runtime: connection refused"));
    }
    const [afterTime, afterId] = query.pageToken?.split("~") ?? [];
    const ordered = [...this.events]
      .filter((e) => e.kind.startsWith("document."))
      .sort((a, b) => (a.time === b.time ? Number(a.id) - Number(b.id) : a.time < b.time ? -1 : 1));
    const events = ordered
      .filter((e) => !query.from || Date.parse(e.time) >= Date.parse(query.from))
      .filter(
        (e) =>
          afterTime === undefined ||
          e.time > afterTime ||
          (e.time === afterTime && Number(e.id) > Number(afterId)),
      )
      .slice(0, query.limit);
    const last = events.at(-1);
    return Promise.resolve({
      events: structuredClone(events),
      ...(last && events.length === query.limit
        ? { nextPageToken: `${last.time}~${last.id}` }
        : {}),
    });
  }
}
