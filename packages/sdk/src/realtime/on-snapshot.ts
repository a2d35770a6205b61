/**
 * `onSnapshot`: realtime listeners on a document or a query, in Firebase's modular shape, over
 * the client's one listen connection (connection.ts).
 */
import { WinkyError, callApp, invalidArgument } from "../errors.js";
import { relativeName } from "../firestore/documents.js";
import { DocumentReference, Query } from "../firestore/references.js";
import { DocumentSnapshot, QueryDocumentSnapshot, QuerySnapshot } from "../firestore/snapshot.js";
import { toQueryBody } from "../firestore/structured-query.js";
import type { WireDocument } from "../values/wire.js";
import type { ListenHandler, ListenTarget, SnapshotMessage, SnapshotOutcome } from "./socket.js";
import { applyChanges, diffViews, type ViewChange } from "./view.js";

/**
 * Stops a listener; calling it again does nothing.
 * @example `const unsubscribe: Unsubscribe = onSnapshot(ref, render); unsubscribe();`
 */
export type Unsubscribe = () => void;

/**
 * The observer form of {@link onSnapshot}'s callbacks.
 * @example `onSnapshot(ref, { next: (snap) => render(snap), error: (e) => showError(e.code) })`
 */
export interface SnapshotObserver<T> {
  next?: (snapshot: T) => void;
  /** Called once when the listener fails; it is then stopped. */
  error?: (error: WinkyError) => void;
  /** Accepted for Firebase compatibility; never called (listeners end by error or unsubscribe). */
  complete?: () => void;
}

/**
 * Listens to a document: `onNext` gets a {@link DocumentSnapshot} at once (`exists()` false
 * when it is missing), then after every change, including its deletion.
 *
 * @example
 * ```ts
 * const stop = onSnapshot(db.doc(`profiles/${uid}`), (snap) => render(snap.data()));
 * ```
 */
export function onSnapshot(
  ref: DocumentReference,
  onNext: (snapshot: DocumentSnapshot) => void,
  onError?: (error: WinkyError) => void,
): Unsubscribe;
/** Listens to a document, with an observer `{ next, error }`. */
export function onSnapshot(
  ref: DocumentReference,
  observer: SnapshotObserver<DocumentSnapshot>,
): Unsubscribe;
/**
 * Listens to a query: `onNext` gets a {@link QuerySnapshot} at once (even empty), then after
 * every change of the result; `docChanges()` says what changed.
 *
 * @example
 * ```ts
 * const q = query(db.collection("rooms"), where("open", "==", true), orderBy("name"));
 * const stop = onSnapshot(q, (snap) => {
 *   for (const change of snap.docChanges()) console.log(change.type, change.doc.id);
 * }, (error) => console.warn(error.code));
 * ```
 * @throws WinkyError invalid-argument for a query that cannot be encoded, or no WebSocket.
 */
export function onSnapshot(
  query: Query,
  onNext: (snapshot: QuerySnapshot) => void,
  onError?: (error: WinkyError) => void,
): Unsubscribe;
/** Listens to a query, with an observer `{ next, error }`. */
export function onSnapshot(query: Query, observer: SnapshotObserver<QuerySnapshot>): Unsubscribe;
export function onSnapshot(
  target: DocumentReference | Query,
  nextOrObserver: ((snapshot: never) => void) | SnapshotObserver<never>,
  onError?: (error: WinkyError) => void,
): Unsubscribe {
  const observer = (
    typeof nextOrObserver === "function" ? { next: nextOrObserver, error: onError } : nextOrObserver
  ) as SnapshotObserver<unknown>;
  if (typeof observer !== "object" || observer === null) {
    throw invalidArgument("onSnapshot(): give a callback or an observer { next, error }");
  }
  let wire: ListenTarget;
  let view: ViewOf;
  if (target instanceof DocumentReference) {
    wire = { document: target.path };
    view = documentView(target);
  } else if (target instanceof Query) {
    wire = { query: toQueryBody(target) };
    view = queryView(target);
  } else {
    throw invalidArgument("onSnapshot(): give a DocumentReference or a Query");
  }
  const listener = new Listener(view, observer);
  const stop = target.db.realtime.listen(wire, listener);
  return () => {
    listener.active = false;
    stop();
  };
}

/** Turns a listener's result into what the app gets; undefined when the result cannot be. */
type ViewOf = (docs: WireDocument[], changes: ViewChange[]) => unknown;

function documentView(ref: DocumentReference): ViewOf {
  return (docs) => {
    const [doc] = docs;
    if (docs.length > 1 || (doc && relativeName(ref.db, doc.name) !== ref.path)) return undefined;
    return new DocumentSnapshot(ref, doc ?? null);
  };
}

function queryView(q: Query): ViewOf {
  const snapshot = (w: WireDocument) =>
    new QueryDocumentSnapshot(q.db.doc(relativeName(q.db, w.name)), w);
  return (docs, changes) => {
    const current = new Map(docs.map((w) => [w.name, snapshot(w)]));
    return new QuerySnapshot(
      q,
      [...current.values()],
      changes.map(({ type, doc, oldIndex, newIndex }) => ({
        type,
        doc: type === "removed" ? snapshot(doc) : current.get(doc.name)!,
        oldIndex,
        newIndex,
      })),
    );
  };
}

/**
 * One listener's state: the result the app last saw. Each runtime subscription (the first, and
 * one after every reconnection) starts from an empty result that its first snapshot fills; the
 * app gets the difference from what it last saw, so after a reconnection it sees exactly the
 * changes it missed, and nothing when there were none.
 */
class Listener implements ListenHandler {
  active = true;
  private seen: WireDocument[] = [];
  /** The runtime's next snapshot starts from an empty result. */
  private fresh = true;
  private delivered = false;

  constructor(
    private readonly view: ViewOf,
    private readonly observer: SnapshotObserver<unknown>,
  ) {}

  reset(): void {
    this.fresh = true;
  }

  snapshot(message: SnapshotMessage): SnapshotOutcome {
    const fresh = this.fresh;
    const docs = applyChanges(fresh ? [] : this.seen, message.changes ?? [], message.size);
    const changes = docs && diffViews(this.seen, docs);
    let value: unknown;
    try {
      value = docs && changes ? this.view(docs, changes) : undefined;
    } catch {
      value = undefined; // a document name that is not a path
    }
    // An update that does not fit what we have: ask for a full snapshot. A full one that does
    // not fit cannot be fixed by asking again.
    if (value === undefined || !docs || !changes) {
      return fresh
        ? new WinkyError("internal", "the runtime sent an inconsistent snapshot")
        : "resync";
    }
    this.seen = docs;
    this.fresh = false;
    if (this.delivered && changes.length === 0) return "ok";
    this.delivered = true;
    if (this.active && this.observer.next) callApp(this.observer.next, value);
    return "ok";
  }

  error(error: WinkyError): void {
    if (!this.active) return;
    this.active = false;
    if (this.observer.error) callApp(this.observer.error, error);
    else console.error("onSnapshot(): the listener stopped:", error);
  }
}
