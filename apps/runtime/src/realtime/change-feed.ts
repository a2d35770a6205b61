import pg from "pg";
import { ALL_PROJECTS, PROJECTS_CHANNEL, type ProjectEvents } from "../projects/project-events.js";

/** What changed in one commit: the project and the document paths (null: too many to list). */
export interface ChangeEvent {
  projectId: string;
  paths: string[] | null;
}

export const CHANNEL = "winky_changes";
// NOTIFY payloads are limited to 8,000 bytes; past this a commit says "something changed".
const MAX_PAYLOAD = 7_500;

/** The payload a commit sends with `pg_notify` inside its transaction (delivered at commit). */
export function changePayload(projectId: string, paths: readonly string[]): string {
  const full = JSON.stringify({ projectId, paths });
  return full.length <= MAX_PAYLOAD ? full : JSON.stringify({ projectId, paths: null });
}

/**
 * Every runtime process listens to one PostgreSQL channel, so a write through any process
 * reaches the listeners of all of them (ADR 0003's "no in-process state another process needs").
 * One dedicated connection; reconnects when it drops and reports a gap so listeners refresh.
 */
export class ChangeFeed {
  private client: pg.Client | undefined;
  private readonly handlers = new Set<(event: ChangeEvent) => void>();
  private readonly projectEvents = new Set<ProjectEvents>();
  private closed = false;

  constructor(private readonly connectionString: string) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on("notification", (message) => {
      if (message.channel === PROJECTS_CHANNEL && message.payload) {
        for (const events of this.projectEvents) events.emit(message.payload);
        return;
      }
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        this.emit(JSON.parse(message.payload) as ChangeEvent);
      } catch {
        // A malformed payload cannot come from us; ignore it rather than crash the listener.
      }
    });
    client.on("error", () => void this.reconnect());
    await client.connect();
    await client.query(`listen ${CHANNEL}; listen ${PROJECTS_CHANNEL}`);
    this.client = client;
  }

  /** Passes other processes' project setting changes on to `events` (caches drop them). */
  forwardProjectChanges(events: ProjectEvents): void {
    this.projectEvents.add(events);
  }

  subscribe(handler: (event: ChangeEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private emit(event: ChangeEvent): void {
    for (const handler of this.handlers) handler(event);
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        await this.start();
        // Notifications sent while we were away are lost: every listener re-reads.
        this.emitGap();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** attempt)));
      }
    }
  }

  private emitGap(): void {
    // An empty project id means "any project"; see ListenHub.onChange.
    this.emit({ projectId: "", paths: null });
    for (const events of this.projectEvents) events.emit(ALL_PROJECTS);
  }
}
