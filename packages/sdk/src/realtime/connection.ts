/**
 * One WebSocket per client, shared by all its listeners: opened on the first listener, closed
 * after the last, reopened with backoff when it drops or with new credentials when the ID
 * token changes. Every (re)opening listens again to every target; the listeners then diff the
 * runtime's full snapshot against what the app last saw (see on-snapshot.ts).
 */
import { invalidArgument, type WinkyError } from "../errors.js";
import { ListenCredentials, type ListenTokens } from "./credentials.js";
import {
  backoffDelay,
  errorFromMessage,
  isTransient,
  listenUrl,
  parseServerMessage,
  type ClientMessage,
  type ListenHandler,
  type ListenTarget,
  type WebSocketConstructor,
  type WebSocketLike,
} from "./socket.js";

export interface ListenConnectionOptions {
  url: string;
  project: string;
  tokens: ListenTokens;
  /** Undefined when there is none: listening then throws. */
  WebSocket: WebSocketConstructor | undefined;
  /** Jitter source for the backoff (tests fix it). */
  random?: () => number;
}

interface Subscription {
  target: ListenTarget;
  handler: ListenHandler;
  /** The id on the current socket; undefined until sent. */
  serverId: string | undefined;
  /** The runtime has answered the current id (only then does an `unlisten` reach it). */
  answered: boolean;
}

/** @internal The shared listen connection of one client. */
export class ListenConnection {
  private readonly subscriptions = new Set<Subscription>();
  /** Ids sent on the current socket; null once unsubscribed but not yet answered. */
  private readonly byId = new Map<string, Subscription | null>();
  private socket: WebSocketLike | undefined;
  private open = false;
  private connecting = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever the current socket or attempt is abandoned; stale events check it. */
  private generation = 0;
  private attempt = 0;
  private nextId = 0;
  private readonly credentials: ListenCredentials;
  private unwatchTokens: (() => void) | undefined;

  constructor(private readonly options: ListenConnectionOptions) {
    this.credentials = new ListenCredentials(options.tokens);
  }

  /**
   * Starts listening to `target`; returns the function that stops.
   * @throws WinkyError invalid-argument when there is no WebSocket class.
   */
  listen(target: ListenTarget, handler: ListenHandler): () => void {
    if (!this.options.WebSocket) {
      throw invalidArgument("onSnapshot(): no global WebSocket; pass createClient({ WebSocket })");
    }
    const subscription: Subscription = { target, handler, serverId: undefined, answered: false };
    this.subscriptions.add(subscription);
    if (this.open) this.sendListen(subscription);
    else if (!this.socket && !this.connecting && this.timer === undefined) {
      this.unwatchTokens ??= this.options.tokens.onIdTokenChange(() => this.restart());
      void this.connect();
    }
    return () => this.remove(subscription);
  }

  /** New credentials: drop the socket and connect at once with them. */
  private restart(): void {
    if (this.subscriptions.size === 0) return;
    this.abandon();
    this.attempt = 0;
    this.credentials.reset();
    void this.connect();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.connecting = true;
    this.timer = undefined;
    let token: string | null;
    try {
      token = await this.credentials.next();
    } catch {
      // No token now (e.g. the refresh could not reach the runtime): try again later.
      if (generation === this.generation) this.retry();
      return;
    }
    if (generation !== this.generation) return;
    this.connecting = false;
    this.credentials.use(token);
    let socket: WebSocketLike;
    try {
      socket = new this.options.WebSocket!(
        listenUrl(this.options.url, this.options.project, token),
      );
    } catch {
      return this.retry();
    }
    this.socket = socket;
    const current = () => generation === this.generation;
    socket.onopen = () => current() && this.opened();
    socket.onmessage = (event: { data: unknown }) => current() && this.receive(event.data);
    socket.onclose = () => current() && this.dropped();
    socket.onerror = () => undefined; // a close event follows
  }

  private opened(): void {
    this.open = true;
    for (const subscription of this.subscriptions) this.sendListen(subscription);
  }

  /** The socket closed or never opened: listen again after a backoff. */
  private dropped(): void {
    this.abandon();
    if (this.subscriptions.size > 0) this.retry();
    else this.stop();
  }

  private retry(): void {
    this.connecting = false;
    const delay = backoffDelay(this.attempt++, this.options.random);
    this.timer = setTimeout(() => void this.connect(), delay);
  }

  /** Forgets the socket (closing it) and any attempt or timer in progress. */
  private abandon(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.connecting = false;
    this.open = false;
    this.byId.clear();
    for (const subscription of this.subscriptions) subscription.serverId = undefined;
    const socket = this.socket;
    this.socket = undefined;
    try {
      socket?.close(1000, "done");
    } catch {
      // Closing a socket that never opened may throw; it is gone either way.
    }
  }

  private stop(): void {
    this.abandon();
    this.attempt = 0;
    this.unwatchTokens?.();
    this.unwatchTokens = undefined;
  }

  private remove(subscription: Subscription): void {
    if (!this.subscriptions.delete(subscription)) return;
    const id = subscription.serverId;
    if (id !== undefined) {
      // The runtime registers a listener only after reading its first result: an `unlisten`
      // arriving before that is lost. So wait for the first answer before sending it.
      if (subscription.answered) this.unlisten(id);
      else this.byId.set(id, null);
    }
    this.stopWhenIdle();
  }

  private stopWhenIdle(): void {
    if (this.subscriptions.size === 0 && this.byId.size === 0) this.stop();
  }

  private sendListen(subscription: Subscription): void {
    const id = String(++this.nextId);
    subscription.serverId = id;
    subscription.answered = false;
    this.byId.set(id, subscription);
    subscription.handler.reset();
    this.send({ type: "listen", id, target: subscription.target });
  }

  private unlisten(id: string): void {
    this.byId.delete(id);
    this.send({ type: "unlisten", id });
  }

  private send(message: ClientMessage): void {
    try {
      this.socket?.send(JSON.stringify(message));
    } catch {
      // The socket is closing: its close event reconnects.
    }
  }

  private receive(data: unknown): void {
    const message = parseServerMessage(data);
    if (!message) return;
    if (message.type === "error" && message.id === null) {
      return this.connectionError(errorFromMessage(message.error));
    }
    const id = message.id;
    if (id === null) return;
    const subscription = this.byId.get(id);
    if (subscription === undefined) return; // an id of an earlier socket, or already stopped
    if (subscription === null) {
      // Unsubscribed before the runtime answered: now the `unlisten` reaches it.
      if (message.type === "snapshot") this.unlisten(id);
      else this.byId.delete(id);
      return this.stopWhenIdle();
    }
    subscription.answered = true;
    if (message.type === "error") return this.end(subscription, errorFromMessage(message.error));
    // A snapshot proves the connection and its credentials work.
    this.attempt = 0;
    this.credentials.accepted();
    const outcome = subscription.handler.snapshot(message);
    if (outcome === "ok" || subscription.serverId !== id) return;
    this.unlisten(id);
    if (outcome === "resync") this.sendListen(subscription);
    else this.end(subscription, outcome);
  }

  /** The listener is over (the runtime stopped it, or it cannot go on). */
  private end(subscription: Subscription, error: WinkyError): void {
    if (subscription.serverId !== undefined) this.byId.delete(subscription.serverId);
    this.subscriptions.delete(subscription);
    subscription.handler.error(error);
    this.stopWhenIdle();
  }

  /** The runtime refused the connection itself (it closes the socket next). */
  private connectionError(error: WinkyError): void {
    // E.g. expired by the runtime's clock: renewed before the next attempt.
    if (error.code === "unauthenticated" && this.credentials.refused()) return;
    if (isTransient(error)) return;
    // A refusal no retry can fix (an unknown project, credentials refused even once renewed):
    // every listener ends with it.
    const ended = [...this.subscriptions];
    this.subscriptions.clear();
    this.stop();
    for (const subscription of ended) subscription.handler.error(error);
  }
}
