import type { Readable, Writable } from "node:stream";

/** An event of the Chrome DevTools Protocol, with the session (page) it belongs to. */
export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

interface Pending {
  method: string;
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** How long one command may take before it is given up (Chromium is slow on a loaded host). */
export const CDP_COMMAND_TIMEOUT_MS = 60_000;

/**
 * The Chrome DevTools Protocol over Chromium's `--remote-debugging-pipe`: JSON messages, each
 * ended by a NUL byte, written to the browser's fd 3 and read from its fd 4. A pipe needs no
 * port and no WebSocket client, and the browser exits by itself when the pipe closes (even if
 * the test process dies). Page commands carry the `sessionId` of a flattened target session.
 */
export class CdpConnection {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();
  private buffered = "";
  private closed: Error | undefined;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    // A string decoder keeps multi-byte characters split across chunks whole.
    fromBrowser.setEncoding("utf8");
    fromBrowser.on("data", (chunk: string) => this.receive(chunk));
    fromBrowser.on("close", () => this.close(new Error("the DevTools pipe closed")));
    // A browser that just died must not crash the test process: `close` reports it.
    fromBrowser.on("error", (e) => this.close(e));
    toBrowser.on("error", (e) => this.close(e));
  }

  /**
   * Sends a command and resolves its result.
   * @throws Error with the browser's message, after {@link CDP_COMMAND_TIMEOUT_MS}, or once the
   *   connection has closed.
   */
  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer from Chromium in ${CDP_COMMAND_TIMEOUT_MS} ms`));
      }, CDP_COMMAND_TIMEOUT_MS);
      this.pending.set(id, {
        method,
        resolve: resolve as (result: Record<string, unknown>) => void,
        reject,
        timer,
      });
      this.toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  }

  /** Calls `listener` with every event; returns the function that stops. */
  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Rejects every command in flight, and every later one, with `error`. */
  close(error: Error): void {
    if (this.closed) return;
    this.closed = error;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`${pending.method}: ${error.message}`));
      this.pending.delete(id);
    }
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end: number;
    while ((end = this.buffered.indexOf("\0")) >= 0) {
      const text = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      this.dispatch(JSON.parse(text) as Record<string, unknown>);
    }
  }

  private dispatch(message: Record<string, unknown>): void {
    if (typeof message.id === "number") {
      const pending = this.pending.get(message.id);
      if (!pending) return; // given up on already
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      const error = message.error as { message?: string } | undefined;
      if (error) pending.reject(new Error(`${pending.method}: ${error.message ?? "failed"}`));
      else pending.resolve((message.result ?? {}) as Record<string, unknown>);
      return;
    }
    if (typeof message.method !== "string") return;
    const event: CdpEvent = {
      method: message.method,
      params: (message.params ?? {}) as Record<string, unknown>,
      ...(typeof message.sessionId === "string" ? { sessionId: message.sessionId } : {}),
    };
    for (const listener of this.listeners) listener(event);
  }
}
