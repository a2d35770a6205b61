import pg from "pg";
import { MAIL_QUEUED_CHANNEL } from "../auth/postgres/outbox.js";

const MAX_RECONNECT_DELAY_MS = 10_000;
// Without it a connect to an unreachable host hangs as long as the kernel lets it, and so
// would close().
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Calls `onQueued` whenever any runtime process queues a mail: `PostgresOutbox.enqueue`
 * notifies {@link MAIL_QUEUED_CHANNEL} in the insert's own statement, so the notification
 * arrives once the mail is committed and visible, never before.
 *
 * One dedicated connection (LISTEN needs a session of its own). When it drops, the listener
 * reconnects with backoff and then calls `onQueued` once, since notifications sent meanwhile
 * are lost.
 */
export class QueuedMailListener {
  private client: pg.Client | undefined;
  private closed = false;
  private reconnecting: Promise<void> | undefined;
  private cancelReconnectWait: (() => void) | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly onQueued: () => void,
    private readonly onConnectionLost: (error: Error) => void = () => undefined,
  ) {}

  /** @throws the database's error when the first connection fails. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Closes the connection and stops reconnecting; resolves once both are done. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelReconnectWait?.();
    await this.reconnecting;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    client.on("notification", (message) => {
      if (message.channel === MAIL_QUEUED_CHANNEL) this.onQueued();
    });
    client.on("error", (error) => {
      // Only the current connection's failure matters; an ended one may still report.
      if (client !== this.client || this.closed) return;
      this.client = undefined;
      void client.end().catch(() => undefined);
      this.onConnectionLost(error);
      this.reconnecting ??= this.reconnect().finally(() => (this.reconnecting = undefined));
    });
    try {
      await client.connect();
      await client.query(`listen ${MAIL_QUEUED_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(MAX_RECONNECT_DELAY_MS, 100 * 2 ** attempt));
        this.cancelReconnectWait = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.cancelReconnectWait = undefined;
      if (this.closed) return;
      try {
        await this.connect();
        if (!this.closed) this.onQueued();
        return;
      } catch {
        // Still unreachable: the next round waits longer.
      }
    }
  }
}
