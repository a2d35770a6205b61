import { SyncError, type DocumentChange, type SyncAdapter } from "../sync-adapter.js";
import { toChange, type EventSource, type LogEvent } from "./event-source.js";
import type { MirrorState, MirrorStateStore } from "./mirror-state.js";

export interface MirrorOptions {
  /** The runtime project mirrored (recorded in the state, checked on load). */
  project: string;
  source: EventSource;
  adapter: SyncAdapter;
  state: MirrorStateStore;
  /** Events read and applied per batch. */
  batchSize?: number;
  /** How far before the cursor each pass reads again, for commits that land late. */
  overlapMs?: number;
  /** Epoch milliseconds; tests pass a manual clock. */
  now?: () => number;
}

export interface MirrorMetrics {
  /** Now minus the time of the oldest event read but not yet mirrored; 0 when caught up. */
  lagMs: number;
  /** Document changes applied to the target (a change applied again after a crash counts again). */
  mirrored: number;
  /** Transient failures the adapter retried. */
  retries: number;
  /** Passes that ended in an error (the adapter gave up, or the log could not be read). */
  failures: number;
  lastError: string | undefined;
  /** The time of the latest event mirrored. */
  cursorTime: string | undefined;
}

/**
 * Copies a project's document changes, in log order, to an adapter: reads the event log from
 * the persisted cursor, hands the document events to the adapter a batch at a time, and
 * persists the cursor after each batch the adapter accepted. Delivery is at least once.
 * A non-retryable failure halts it until a person fixes the cause and restarts it.
 */
export class SyncMirror {
  private state: MirrorState | undefined;
  private pendingSince: string | undefined;
  private halted: SyncError | undefined;
  private counts = { mirrored: 0, retries: 0, failures: 0 };
  private lastError: string | undefined;
  private readonly batchSize: number;
  private readonly overlapMs: number;
  private readonly now: () => number;
  private loop: { stop(): void; done: Promise<void> } | undefined;

  constructor(private readonly options: MirrorOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.overlapMs = options.overlapMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get metrics(): MirrorMetrics {
    const lag = this.pendingSince ? Math.max(0, this.now() - Date.parse(this.pendingSince)) : 0;
    return {
      lagMs: lag,
      ...this.counts,
      lastError: this.lastError,
      cursorTime: this.state?.cursor?.time,
    };
  }

  /**
   * Mirrors everything the log holds now, batch after batch; resolves with how many changes it
   * applied. Rejects on the first failure (the cursor stays before the failed batch).
   */
  async runOnce(): Promise<{ mirrored: number }> {
    if (this.halted) throw this.halted;
    try {
      return await this.pass();
    } catch (e) {
      this.counts.failures++;
      this.lastError = e instanceof Error ? e.message : String(e);
      if (e instanceof SyncError && !e.retryable) this.halted = e;
      throw e;
    }
  }

  private async pass(): Promise<{ mirrored: number }> {
    const state = (this.state ??= await this.loadState());
    const seen = new Set(state.recent.map((r) => r.eventId));
    const from = state.cursor
      ? new Date(Date.parse(state.cursor.time) - this.overlapMs).toISOString()
      : undefined;
    let mirrored = 0;
    let pageToken: string | undefined;
    do {
      const page = await this.options.source.page({
        limit: this.batchSize,
        ...(from ? { from } : {}),
        ...(pageToken ? { pageToken } : {}),
      });
      const fresh = page.events.filter((e) => !seen.has(e.eventId));
      if (fresh.length > 0) {
        this.pendingSince ??= fresh[0]!.time;
        const changes = fresh.map(toChange).filter((c): c is DocumentChange => c !== undefined);
        await this.options.adapter.apply(changes, { onRetry: () => this.counts.retries++ });
        this.state = this.advance(this.state!, fresh);
        await this.options.state.save(this.state);
        for (const e of fresh) seen.add(e.eventId);
        this.counts.mirrored += changes.length;
        mirrored += changes.length;
        this.pendingSince = undefined;
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
    this.pendingSince = undefined;
    return { mirrored };
  }

  private async loadState(): Promise<MirrorState> {
    const { project, adapter } = this.options;
    const state = await this.options.state.load();
    if (!state) return { version: 1, project, target: adapter.name, cursor: null, recent: [] };
    if (state.project !== project || state.target !== adapter.name) {
      throw new SyncError(
        `the state is for mirroring '${state.project}' to ${state.target}, not '${project}' to ${adapter.name}`,
        { retryable: false },
      );
    }
    return state;
  }

  /** The state once `events` are mirrored: the latest of them as cursor, `recent` trimmed. */
  private advance(state: MirrorState, events: readonly LogEvent[]): MirrorState {
    let cursor = state.cursor;
    for (const e of events) {
      if (!cursor || later(e, cursor)) cursor = { time: e.time, id: e.id, eventId: e.eventId };
    }
    const keepFrom = Date.parse(cursor!.time) - this.overlapMs;
    const recent = [...state.recent, ...events.map((e) => ({ eventId: e.eventId, time: e.time }))];
    return { ...state, cursor, recent: recent.filter((r) => Date.parse(r.time) >= keepFrom) };
  }

  /**
   * Runs a pass every `intervalMs` until `stop()`; `onPass` hears each pass's outcome (the
   * CLI prints it). A transient failure is tried again at the next pass; a halt ends the loop.
   */
  start(options: {
    intervalMs: number;
    onPass?: (outcome: { mirrored: number } | { error: Error }, metrics: MirrorMetrics) => void;
  }): void {
    if (this.loop) return;
    let wake: () => void = () => {};
    let running = true;
    const sleep = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs);
        wake = () => (clearTimeout(timer), resolve());
      });
    const run = async () => {
      while (running) {
        const outcome = await this.runOnce().catch((e: unknown) => ({ error: e as Error }));
        options.onPass?.(outcome, this.metrics);
        if (this.halted || !running) break;
        await sleep();
      }
    };
    this.loop = { stop: () => ((running = false), wake()), done: run() };
  }

  /** Stops the loop after the pass under way; resolves once it ended. */
  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = undefined;
    loop?.stop();
    await loop?.done;
    await this.options.adapter.close?.();
  }

  /** The failure that halted the mirror, if one did. */
  get haltedBy(): SyncError | undefined {
    return this.halted;
  }
}

/** Whether `e` comes after `cursor` in log order (time, then row id). */
function later(e: LogEvent, cursor: { time: string; id: string }): boolean {
  if (e.time !== cursor.time) return e.time > cursor.time;
  return BigInt(e.id) > BigInt(cursor.id);
}
