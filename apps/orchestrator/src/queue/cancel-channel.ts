import pg from "pg";

/** The channel cancels are announced on (payload: the run's id). */
export const RUN_CANCEL_CHANNEL = "winky_run_cancel";

/** Announces that `runId` was cancelled, to whichever worker moves it. */
export async function announceCancel(pool: pg.Pool, runId: string): Promise<void> {
  await pool.query("select pg_notify($1, $2)", [RUN_CANCEL_CHANNEL, runId]);
}

/**
 * The runs this worker moves, each with an AbortController that a cancel announced by any
 * process aborts. One LISTEN connection serves all of them. A cancel missed while the
 * connection was down is still caught: every node's start checks the run's status.
 */
export class CancelListener {
  private readonly active = new Map<string, AbortController>();
  private client: pg.Client | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** Listens; rejects when the first connection fails (later ones are retried). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on("notification", (message) => {
      if (message.channel === RUN_CANCEL_CHANNEL && message.payload) {
        this.active.get(message.payload)?.abort(new Error("the run was cancelled"));
      }
    });
    // A lost connection is reported and opened again; meanwhile cancels still land at the
    // next node's start.
    client.on("error", (e) => {
      this.onError(e);
      this.reconnectSoon(client);
    });
    client.on("end", () => this.reconnectSoon(client));
    await client.connect();
    await client.query(`listen ${RUN_CANCEL_CHANNEL}`);
    this.client = client;
  }

  private reconnectSoon(lost: pg.Client): void {
    if (this.closed || this.client !== lost || this.retryTimer) return;
    this.client = undefined;
    void lost.end().catch(() => undefined);
    const attempt = (delayMs: number) => {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        if (this.closed) return;
        this.connect().catch((e: Error) => {
          this.onError(e);
          attempt(Math.min(delayMs * 2, 30_000));
        });
      }, delayMs);
      this.retryTimer.unref();
    };
    attempt(1_000);
  }

  /** The signal that aborts when `runId` is cancelled; call the returned `done` after. */
  track(runId: string): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController();
    this.active.set(runId, controller);
    return {
      signal: controller.signal,
      done: () => {
        if (this.active.get(runId) === controller) this.active.delete(runId);
      },
    };
  }

  /** Aborts every run this worker moves (the worker is stopping). */
  abortAll(reason: Error): void {
    for (const controller of this.active.values()) controller.abort(reason);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
