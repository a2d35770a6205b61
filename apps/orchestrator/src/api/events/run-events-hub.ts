import type pg from "pg";
import { RUN_EVENTS_CHANNEL } from "../../runs/run-log.js";

/** Told about each event appended to one run; `onLost` when notifications may have been missed. */
export interface RunEventsListener {
  onEvent(seq: number): void;
  onLost(error: Error): void;
}

/**
 * One `LISTEN winky_run_events` connection shared by every subscriber of this process, however
 * many runs they follow: PostgreSQL connections are scarce, subscribers are not. The
 * connection is taken from the pool when the first subscriber arrives and given back when the
 * last one leaves. When it breaks, every subscriber is told (`onLost`) and the next subscribe
 * opens a new one; subscribers re-read from the table, so nothing is lost but time.
 */
export class RunEventsHub {
  private readonly listeners = new Map<string, Set<RunEventsListener>>();
  private connection: Promise<Listening> | undefined;
  private closed = false;

  constructor(private readonly pool: pg.Pool) {}

  /**
   * Starts telling `listener` about the run's new events; resolves once the LISTEN is in place,
   * so anything appended afterwards is announced. Call the returned function to stop.
   */
  async subscribe(runId: string, listener: RunEventsListener): Promise<() => void> {
    if (this.closed) throw new Error("the run events hub is closed");
    let forRun = this.listeners.get(runId);
    if (!forRun) this.listeners.set(runId, (forRun = new Set()));
    forRun.add(listener);
    const set = forRun;
    const unsubscribe = () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(runId) === set) this.listeners.delete(runId);
      if (this.listeners.size === 0) this.releaseConnection();
    };
    try {
      this.connection ??= this.connect();
      await this.connection;
    } catch (e) {
      unsubscribe();
      throw e;
    }
    return unsubscribe;
  }

  /** Ends every subscription (they see `onLost`) and gives the connection back. */
  async close(): Promise<void> {
    this.closed = true;
    this.loseAll(new Error("the server is shutting down"));
    this.releaseConnection();
  }

  private connect(): Promise<Listening> {
    const attempt = (async () => {
      const client = await this.pool.connect();
      const onNotification = (n: pg.Notification) => this.dispatch(n);
      const onError = (e: Error) => this.lose(attempt, e);
      client.on("notification", onNotification);
      client.on("error", onError);
      const listening: Listening = {
        client,
        release: (error?: Error) => {
          client.off("notification", onNotification);
          client.off("error", onError);
          client.release(error);
        },
      };
      try {
        await client.query(`listen ${RUN_EVENTS_CHANNEL}`);
      } catch (e) {
        listening.release(e as Error);
        throw e;
      }
      return listening;
    })();
    // A failed attempt is forgotten, so the next subscriber tries again.
    attempt.catch(() => {
      if (this.connection === attempt) this.connection = undefined;
    });
    return attempt;
  }

  private dispatch(notification: pg.Notification): void {
    if (notification.channel !== RUN_EVENTS_CHANNEL || !notification.payload) return;
    const at = notification.payload.lastIndexOf(":");
    const seq = Number(notification.payload.slice(at + 1));
    for (const listener of this.listeners.get(notification.payload.slice(0, at)) ?? []) {
      listener.onEvent(seq);
    }
  }

  private lose(attempt: Promise<Listening>, error: Error): void {
    if (this.connection !== attempt) return;
    this.connection = undefined;
    // An attempt that failed has nothing to release (and its rejection is handled above).
    attempt.then(
      (listening) => listening.release(error),
      () => undefined,
    );
    this.loseAll(error);
  }

  private loseAll(error: Error): void {
    const everyone = [...this.listeners.values()].flatMap((set) => [...set]);
    this.listeners.clear();
    for (const listener of everyone) listener.onLost(error);
  }

  private releaseConnection(): void {
    const pending = this.connection;
    if (!pending) return;
    this.connection = undefined;
    pending.then(
      ({ client, release }) =>
        client.query(`unlisten ${RUN_EVENTS_CHANNEL}`).then(
          () => release(),
          (e: Error) => release(e),
        ),
      () => undefined,
    );
  }
}

/** The LISTEN connection, and how to give it back (a failed one is destroyed, not reused). */
interface Listening {
  client: pg.PoolClient;
  release(error?: Error): void;
}
