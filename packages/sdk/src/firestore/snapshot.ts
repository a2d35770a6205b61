import { decodeFields, fromWireValue, type DocumentData } from "../values/decode.js";
import { parseFieldPath } from "../values/field-path.js";
import { parseTimestamp, type Timestamp } from "../values/value-types.js";
import type { WireDocument, WireValue } from "../values/wire.js";
import type { DocumentReference, Query } from "./references.js";

/**
 * A document as read at one moment: its data when it exists, and its times.
 *
 * @example
 * ```ts
 * const snap = await getDoc(db.doc("users/ada"));
 * if (snap.exists()) console.log(snap.data().name, snap.get("address.city"));
 * ```
 */
export class DocumentSnapshot {
  /** When the document was created; undefined when it does not exist. */
  readonly createTime: Timestamp | undefined;
  /** When the document was last written; undefined when it does not exist. */
  readonly updateTime: Timestamp | undefined;

  /** @internal Made by reads. */
  constructor(
    readonly ref: DocumentReference,
    /** @internal The document as the runtime sent it; null when it does not exist. */
    readonly wire: WireDocument | null,
  ) {
    this.createTime = wire?.createTime ? parseTimestamp(wire.createTime) : undefined;
    this.updateTime = wire?.updateTime ? parseTimestamp(wire.updateTime) : undefined;
  }

  /** The document's id, the last segment of its path. */
  get id(): string {
    return this.ref.id;
  }

  /** Whether the document exists. */
  exists(): this is QueryDocumentSnapshot {
    return this.wire !== null;
  }

  /**
   * The document's fields as JS values (a fresh object on every call), or undefined when it
   * does not exist.
   */
  data(): DocumentData | undefined {
    return this.wire ? decodeFields(this.wire.fields, this.ref.db) : undefined;
  }

  /**
   * The value at a dotted field path (`"address.city"`), or undefined when the document or the
   * field does not exist.
   */
  // `any`, as in Firebase and as DocumentData's values: the app knows its documents' shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(fieldPath: string): any {
    const value = this.wireField(parseFieldPath(fieldPath, "get()"));
    return value === undefined ? undefined : fromWireValue(value, this.ref.db);
  }

  /** @internal The wire value at `segments`, as sent: cursors reuse it unchanged. */
  wireField(segments: readonly string[]): WireValue | undefined {
    let fields = this.wire?.fields;
    let value: WireValue | undefined;
    for (const segment of segments) {
      value = fields && Object.hasOwn(fields, segment) ? fields[segment] : undefined;
      if (value === undefined) return undefined;
      fields = "mapValue" in value ? value.mapValue.fields : undefined;
    }
    return value;
  }
}

/**
 * A document a query returned: it always exists, so `data()` is never undefined.
 *
 * @example
 * ```ts
 * const titles = (await getDocs(db.collection("posts"))).docs.map((d) => d.data().title);
 * ```
 */
export class QueryDocumentSnapshot extends DocumentSnapshot {
  override data(): DocumentData {
    return super.data()!;
  }
}

/**
 * How a document changed between two snapshots of a query listener.
 * @example `snap.docChanges().filter((c) => c.type === "removed")`
 */
export type DocumentChangeType = "added" | "modified" | "removed";

/**
 * One change of a query's result, from {@link QuerySnapshot.docChanges}. Indexes are Firebase's:
 * `oldIndex` is the document's position once the changes before this one are applied (-1 for
 * `added`), `newIndex` its position once this one is (-1 for `removed`). So an array kept in
 * step with `splice(oldIndex, 1)` then `splice(newIndex, 0, doc)` always matches `docs`.
 *
 * @example
 * ```ts
 * for (const { type, doc, oldIndex, newIndex } of snap.docChanges()) {
 *   if (type !== "added") rows.splice(oldIndex, 1);
 *   if (type !== "removed") rows.splice(newIndex, 0, render(doc));
 * }
 * ```
 */
export interface DocumentChange {
  readonly type: DocumentChangeType;
  /** The document as it is now; for `removed`, as it was last seen. */
  readonly doc: QueryDocumentSnapshot;
  readonly oldIndex: number;
  readonly newIndex: number;
}

/**
 * The documents a query returned, in the query's order.
 *
 * @example
 * ```ts
 * const snap = await getDocs(query(db.collection("posts"), orderBy("at", "desc"), limit(10)));
 * snap.forEach((doc) => console.log(doc.id, doc.data().title));
 * ```
 */
export class QuerySnapshot {
  /** @internal Made by {@link getDocs} and query listeners. */
  constructor(
    readonly query: Query,
    readonly docs: QueryDocumentSnapshot[],
    private readonly changes?: readonly DocumentChange[],
  ) {}

  /**
   * What changed since the listener's previous snapshot: removals first, then additions and
   * modifications in the query's order. For the first snapshot (and for {@link getDocs}),
   * every document is `added`.
   */
  docChanges(): DocumentChange[] {
    if (this.changes) return [...this.changes];
    return this.docs.map((doc, i) => ({ type: "added", doc, oldIndex: -1, newIndex: i }));
  }

  /** The number of documents. */
  get size(): number {
    return this.docs.length;
  }

  /** True when the query returned nothing. */
  get empty(): boolean {
    return this.docs.length === 0;
  }

  /** Calls `callback` for each document, in order. */
  forEach(callback: (doc: QueryDocumentSnapshot) => void): void {
    this.docs.forEach((doc) => callback(doc));
  }
}
