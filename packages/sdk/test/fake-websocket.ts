// A WebSocket double for the realtime unit tests: each socket records what the SDK sends, and
// the test plays the runtime's side (accept, deliver messages, drop, refuse).
import type { ClientMessage, WebSocketLike, WireChange } from "../src/realtime/socket.js";
import type { WireDocument } from "../src/values/wire.js";

type Handler = ((event: unknown) => void) | null;

/** One fake connection. */
export class FakeSocket implements WebSocketLike {
  onopen: ((event: never) => void) | null = null;
  onmessage: ((event: never) => void) | null = null;
  onclose: ((event: never) => void) | null = null;
  onerror: ((event: never) => void) | null = null;
  /** Every message the SDK sent, parsed. */
  readonly sent: ClientMessage[] = [];
  /** The SDK closed it. */
  closed = false;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.closed) throw new Error("send() on a closed socket");
    this.sent.push(JSON.parse(data) as ClientMessage);
  }

  close(): void {
    this.closed = true;
  }

  /** The handshake succeeded. */
  accept(): void {
    (this.onopen as Handler)?.({});
  }

  /** The runtime sends `message`. */
  deliver(message: object): void {
    (this.onmessage as Handler)?.({ data: JSON.stringify(message) });
  }

  /** The connection dropped (after opening or not). */
  drop(): void {
    (this.onerror as Handler)?.({});
    (this.onclose as Handler)?.({ code: 1006, reason: "" });
  }

  /** The ids of the `listen` messages sent, in order. */
  listenIds(): string[] {
    return this.sent.flatMap((m) => (m.type === "listen" ? [m.id] : []));
  }

  /** The ids of the `unlisten` messages sent, in order. */
  unlistenIds(): string[] {
    return this.sent.flatMap((m) => (m.type === "unlisten" ? [m.id] : []));
  }
}

/** A WebSocket class whose instances are recorded in `sockets`. */
export function fakeWebSockets() {
  const sockets: FakeSocket[] = [];
  class WebSocket extends FakeSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return {
    WebSocket,
    sockets,
    /** The latest socket. */
    get last(): FakeSocket {
      const socket = sockets.at(-1);
      if (!socket) throw new Error("no socket was opened");
      return socket;
    },
  };
}

/** A wire document of the runtime's listen messages (names below the documents root). */
export function wireDoc(name: string, version: number, fields: object = {}): WireDocument {
  const time = new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString();
  return {
    name,
    fields: Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, { integerValue: String(v) }]),
    ),
    createTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    updateTime: time,
  };
}

/** A change as the runtime sends it. */
export function change(
  type: WireChange["type"],
  doc: WireDocument,
  oldIndex: number,
  newIndex: number,
): WireChange {
  return { type, doc, oldIndex, newIndex };
}

/** A snapshot message. */
export function snapshot(id: string, changes: WireChange[], size: number) {
  return { type: "snapshot", id, changes, size, readTime: new Date().toISOString() };
}

/** Lets pending promises and I/O callbacks run (setImmediate is never faked here). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
