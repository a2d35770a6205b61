/**
 * The contract between the mirror and an external store. The mirror reads the project's event
 * log and hands each adapter the document changes in log order, a batch at a time; an adapter
 * only has to write them. Delivery is at least once: after a crash the mirror hands over again
 * every change after the last batch it saw succeed, so `apply` must converge when a suffix of
 * the sequence it already applied is applied again, in order.
 */

/** A Firestore REST `Value` as JSON (the runtime's wire format, which is Firestore's). */
export type WireValue =
  | { nullValue: null }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number | "NaN" | "Infinity" | "-Infinity" | "-0" }
  | { timestampValue: string }
  | { stringValue: string }
  | { bytesValue: string }
  | { referenceValue: string }
  | { geoPointValue: { latitude: number; longitude: number } }
  | { arrayValue: { values?: WireValue[] } }
  | { mapValue: { fields?: WireFields } };

export type WireFields = Record<string, WireValue>;

/** One document write, as the event log recorded it. */
export interface DocumentChange {
  /** The event's stable id (the same on every read of the log). */
  eventId: string;
  /** The commit time (RFC 3339, UTC). */
  time: string;
  /** The document's path below `documents/`, e.g. `notes/n1/comments/c1`. */
  path: string;
  kind: "create" | "update" | "delete";
  /** The whole document after the write (create and update only). */
  fields?: WireFields;
}

/** What the mirror wants to hear while an adapter works (it feeds the metrics). */
export interface ApplyContext {
  /** Called before each retry of a transient failure, with the wait chosen. */
  onRetry?(error: SyncError, delayMs: number): void;
}

export interface SyncAdapter {
  /** Names the target in logs and errors, e.g. `firestore:my-project`. */
  readonly name: string;
  /**
   * Writes the changes in the given order. Resolves once all are durable in the target;
   * rejects with a `SyncError` (some of the batch may have been written: the mirror applies
   * the whole batch again, which must converge).
   */
  apply(changes: readonly DocumentChange[], context?: ApplyContext): Promise<void>;
  close?(): Promise<void>;
}

/**
 * A failure to write. `retryable` says whether the same batch may succeed later unchanged
 * (overload, outage) or never will (bad data, bad credentials): the mirror keeps trying the
 * first and stops on the second, so a person looks at it.
 */
export class SyncError extends Error {
  override readonly name = "SyncError";
  readonly retryable: boolean;
  /** The HTTP status, when the target answered. */
  readonly status: number | undefined;
  /** The document the target refused, when it is known. */
  readonly path: string | undefined;
  /** How long the target asked us to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: {
      retryable: boolean;
      status?: number | undefined;
      path?: string | undefined;
      retryAfterMs?: number | undefined;
      cause?: unknown;
    },
  ) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.retryable = options.retryable;
    this.status = options.status;
    this.path = options.path;
    this.retryAfterMs = options.retryAfterMs;
  }
}
