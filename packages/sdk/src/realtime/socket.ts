/**
 * The WebSocket the realtime listeners use, as far as the SDK needs it, and the wire messages
 * of the runtime's listen protocol (`GET /v1/projects/<project>/listen`).
 */
import { WinkyError, isErrorCode, type WinkyErrorCode } from "../errors.js";
import type { WireDocument } from "../values/wire.js";

/**
 * The part of a WebSocket the SDK uses. The browser's `WebSocket`, Node 22's global one and the
 * `ws` package's all fit. Event handlers take `never` so that every implementation's own event
 * types are accepted; the SDK reads only `data` of a message event.
 *
 * @example
 * ```ts
 * import WebSocket from "ws";
 * const socket: WebSocketLike = new WebSocket("ws://localhost:4000/v1/projects/my-app/listen");
 * ```
 */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}

/**
 * A WebSocket class, as `createClient({ WebSocket })` takes it: `globalThis.WebSocket` by
 * default; on Node 20, which has none, pass the `ws` package's.
 *
 * @example
 * ```ts
 * import WebSocket from "ws";
 * const { db } = createClient({ url, project, WebSocket });
 * ```
 */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** A change of a listener's result, as the runtime sends it. */
export interface WireChange {
  type: "added" | "modified" | "removed";
  doc: WireDocument;
  oldIndex: number;
  newIndex: number;
}

/** What the runtime sends for a listener: its changes since the previous snapshot. */
export interface SnapshotMessage {
  type: "snapshot";
  id: string;
  changes: WireChange[];
  size: number;
  readTime: string;
}

/** Why the runtime stopped a listener (`id`), or refused the connection (`id: null`). */
export interface ErrorMessage {
  type: "error";
  id: string | null;
  error: { code?: unknown; message?: unknown; details?: unknown };
}

/** What the runtime sends. */
export type ServerMessage = SnapshotMessage | ErrorMessage;

/** What the SDK sends: start a listener on a target, or stop one. */
export type ClientMessage =
  { type: "listen"; id: string; target: ListenTarget } | { type: "unlisten"; id: string };

/** What a snapshot did: applied, to be asked again in full, or the listener's end. */
export type SnapshotOutcome = "ok" | "resync" | WinkyError;

/** What a listener does with the runtime's messages. */
export interface ListenHandler {
  /** A new subscription starts on the runtime: its first snapshot will be a full result. */
  reset(): void;
  snapshot(message: SnapshotMessage): SnapshotOutcome;
  /** The runtime stopped the listener; nothing more arrives. */
  error(error: WinkyError): void;
}

/** A listener's target: one document (path below the root), or a runQuery body. */
export type ListenTarget = { document: string } | { query: unknown };

/**
 * A message from the runtime, or undefined for anything else (ignored): not JSON, an unknown
 * type, a snapshot without its changes or size.
 */
export function parseServerMessage(data: unknown): ServerMessage | undefined {
  let m: Partial<SnapshotMessage> | Partial<ErrorMessage>;
  try {
    m = JSON.parse(String(data)) as typeof m;
  } catch {
    return undefined;
  }
  if (m?.type === "error" && (typeof m.id === "string" || m.id === null)) {
    return { type: "error", id: m.id, error: m.error ?? {} };
  }
  const snapshot = m as Partial<SnapshotMessage>;
  const valid =
    snapshot?.type === "snapshot" &&
    typeof snapshot.id === "string" &&
    Array.isArray(snapshot.changes) &&
    typeof snapshot.size === "number";
  return valid ? (snapshot as SnapshotMessage) : undefined;
}

/**
 * The listen endpoint of `project` on the runtime at `url` (`http(s)` becomes `ws(s)`). The
 * token goes in `?access_token=`: browsers cannot set headers on a WebSocket.
 */
export function listenUrl(url: string, project: string, token: string | null): string {
  const origin = url.replace(/\/+$/, "").replace(/^http/, "ws");
  const base = `${origin}/v1/projects/${encodeURIComponent(project)}/listen`;
  return token ? `${base}?access_token=${encodeURIComponent(token)}` : base;
}

/** The first reconnection delay; each failed attempt doubles it, up to {@link MAX_DELAY_MS}. */
export const INITIAL_DELAY_MS = 100;
export const MAX_DELAY_MS = 5_000;

/**
 * How long to wait before reconnection attempt `attempt` (0 for the first): 100 ms doubling
 * up to 5 s, then a random point in its upper half, so that clients dropped together do not
 * come back together.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, INITIAL_DELAY_MS * 2 ** attempt);
  return Math.round(base / 2 + (random() * base) / 2);
}

// Codes that say "not now" rather than "no": a connection refused with one of them is retried.
const TRANSIENT = new Set<WinkyErrorCode>([
  "unavailable",
  "internal",
  "unknown",
  "aborted",
  "deadline-exceeded",
  "resource-exhausted",
  "cancelled",
]);

/** Whether a refusal of the connection may go away by itself. */
export function isTransient(error: WinkyError): boolean {
  return TRANSIENT.has(error.code);
}

/** The {@link WinkyError} of an `error` message (`status` 0: no HTTP answer was involved). */
export function errorFromMessage(error: ErrorMessage["error"] | undefined): WinkyError {
  const code = isErrorCode(error?.code) ? error.code : "unknown";
  const message =
    typeof error?.message === "string" ? error.message : "the runtime stopped the listener";
  const details =
    typeof error?.details === "object" && error.details !== null
      ? (error.details as Record<string, unknown>)
      : undefined;
  return new WinkyError(code, message, details ? { details } : {});
}
