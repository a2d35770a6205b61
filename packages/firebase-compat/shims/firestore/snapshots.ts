// DocumentSnapshot and QuerySnapshot over wire documents, decoded when read (data(), get()).
import type { WireDocument, WireFields } from "../context.js";
import { decodeFields, decodeValue } from "./codec.js";
import { fromStored, type Converter } from "./converter.js";
import { FieldPath, Timestamp } from "./values.js";

/** What a snapshot needs of its reference. */
export interface SnapshotRef {
  readonly id: string;
  readonly path: string;
}

export type RefOf = (path: string) => unknown;

const timeOf = (text: string | undefined) => (text ? Timestamp.parse(text) : undefined);

export class DocumentSnapshot<R extends SnapshotRef = SnapshotRef> {
  readonly createTime: Timestamp | undefined;
  readonly updateTime: Timestamp | undefined;
  readonly readTime: Timestamp;
  /** The wire update time, kept exact for a transaction's precondition. */
  readonly wireUpdateTime: string | undefined;

  constructor(
    readonly ref: R,
    private readonly fields: WireFields | undefined,
    private readonly refOf: RefOf,
    private readonly times: { createTime?: string; updateTime?: string } = {},
    private readonly converter: Converter = null,
  ) {
    this.createTime = timeOf(times.createTime);
    this.updateTime = timeOf(times.updateTime);
    this.wireUpdateTime = times.updateTime;
    this.readTime = Timestamp.now();
  }

  static fromWire<R extends SnapshotRef>(
    ref: R,
    doc: WireDocument | null,
    refOf: RefOf,
    converter: Converter = null,
  ): DocumentSnapshot<R> {
    const fields = doc ? (doc.fields ?? {}) : undefined;
    return new DocumentSnapshot(ref, fields, refOf, doc ?? {}, converter);
  }

  get exists(): boolean {
    return this.fields !== undefined;
  }
  get id(): string {
    return this.ref.id;
  }
  /** The stored data, or with a converter the model fromFirestore() makes of it. */
  data(): unknown {
    if (!this.fields) return undefined;
    if (this.converter) {
      // fromFirestore gets the plain snapshot, its reference without the converter too.
      const ref = (this.ref as { withConverter?(c: null): R }).withConverter?.(null) ?? this.ref;
      return fromStored(
        this.converter,
        new DocumentSnapshot(ref, this.fields, this.refOf, this.times),
      );
    }
    return decodeFields(this.fields, this.refOf);
  }
  /** A field by path (`"address.city"` or a FieldPath), undefined when absent. */
  get(field: string | FieldPath): unknown {
    const segments = FieldPath.from(field).segments;
    let fields = this.fields;
    for (const [i, name] of segments.entries()) {
      const value = fields?.[name];
      if (!value) return undefined;
      if (i === segments.length - 1) return decodeValue(value, this.refOf);
      fields = (value.mapValue as { fields?: WireFields } | undefined)?.fields;
    }
    return undefined;
  }
  isEqual(other: DocumentSnapshot): boolean {
    return (
      other.ref.path === this.ref.path &&
      JSON.stringify(other.fields) === JSON.stringify(this.fields)
    );
  }
}

export class QuerySnapshot<R extends SnapshotRef = SnapshotRef> {
  readonly readTime = Timestamp.now();
  constructor(
    readonly query: unknown,
    readonly docs: DocumentSnapshot<R>[],
  ) {}
  get size(): number {
    return this.docs.length;
  }
  get empty(): boolean {
    return this.docs.length === 0;
  }
  forEach(fn: (doc: DocumentSnapshot<R>) => void, thisArg?: unknown): void {
    this.docs.forEach((d) => fn.call(thisArg, d));
  }
  /** The same query's answer, with equal documents in the same order. */
  isEqual(other: QuerySnapshot<R>): boolean {
    if (!(other instanceof QuerySnapshot)) return false;
    const sameQuery = (this.query as { isEqual?(q: unknown): boolean }).isEqual?.(other.query);
    return (
      (sameQuery ?? other.query === this.query) &&
      other.docs.length === this.docs.length &&
      other.docs.every((d, i) => d.isEqual(this.docs[i]!))
    );
  }
  /** Every document is "added": a one-off read has no earlier state. */
  docChanges(): Array<{ type: "added"; doc: DocumentSnapshot<R>; oldIndex: -1; newIndex: number }> {
    return this.docs.map((doc, newIndex) => ({ type: "added", doc, oldIndex: -1, newIndex }));
  }
}

/** A trigger's `Change`: the document before and after. */
export class Change<T> {
  constructor(
    readonly before: T,
    readonly after: T,
  ) {}
}
