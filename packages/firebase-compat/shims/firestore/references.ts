// DocumentReference and CollectionReference: reads through `context.documents.get`, writes
// as one-write commits (their wire form is writes.ts's).
import { createHash, randomBytes } from "node:crypto";
import { currentContext, type RuntimeContext, type WireWrite } from "../context.js";
import { converterOf, toStored, type Converter } from "./converter.js";
import { Query, type QueryHost } from "./query.js";
import { DocumentSnapshot } from "./snapshots.js";
import { Timestamp } from "./values.js";
import {
  createWrite,
  deleteWrite,
  setWrite,
  updateWrite,
  type Precondition,
  type SetOptions,
} from "./writes.js";

/** What references need of their Firestore. */
export interface ReferenceHost extends QueryHost {
  doc(path: string): DocumentReference;
  collection(path: string): CollectionReference;
}

export interface WriteResult {
  writeTime: Timestamp;
}

/**
 * Commits `writes` as the current invocation; answers one result per write. A `deliveryKey`
 * names the commit within a trigger's delivery by its content (see the runtime's wrapper).
 */
export async function commitWrites(
  writes: WireWrite[],
  options: { deliveryKey?: string } = {},
): Promise<WriteResult[]> {
  const result = await currentContext().documents.commit(writes, options);
  const commitTime = Timestamp.parse(result.commitTime);
  return writes.map((_, i) => {
    const time = result.writeResults[i]?.updateTime;
    return { writeTime: time ? Timestamp.parse(time) : commitTime };
  });
}

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const autoIds = new WeakMap<RuntimeContext, number>();

/**
 * A 20-character id as Firestore's. In a trigger it derives from the event id and its ordinal
 * in the delivery: a retried delivery then names the same documents, in step with the
 * runtime's keyed commits (a random id would differ from what the first delivery wrote).
 */
export function autoId(): string {
  let bytes: Buffer;
  let context: RuntimeContext | undefined;
  try {
    context = currentContext();
  } catch {
    context = undefined;
  }
  if (context?.eventId) {
    const n = (autoIds.get(context) ?? 0) + 1;
    autoIds.set(context, n);
    bytes = createHash("sha256").update(`${context.eventId}/autoId/${n}`).digest();
  } else bytes = randomBytes(32);
  let id = "";
  for (let i = 0; i < 20; i++) id += ID_CHARS[bytes[i]! % ID_CHARS.length];
  return id;
}

export class DocumentReference {
  readonly isDocumentReference = true as const;
  constructor(
    readonly firestore: ReferenceHost,
    readonly path: string,
    /** withConverter()'s: what set/create write and what data() answers go through it. */
    readonly converter: Converter = null,
  ) {}

  withConverter(converter: unknown): DocumentReference {
    return new DocumentReference(this.firestore, this.path, converterOf(converter));
  }

  get id(): string {
    return this.path.slice(this.path.lastIndexOf("/") + 1);
  }
  get parent(): CollectionReference {
    const parent = this.firestore.collection(this.path.slice(0, this.path.lastIndexOf("/")));
    return this.converter ? parent.withConverter(this.converter) : parent;
  }
  collection(id: string): CollectionReference {
    return this.firestore.collection(`${this.path}/${id}`);
  }
  isEqual(other: DocumentReference): boolean {
    return (
      other instanceof DocumentReference &&
      other.path === this.path &&
      other.converter === this.converter
    );
  }

  async get(): Promise<DocumentSnapshot<DocumentReference>> {
    const doc = await currentContext().documents.get(this.path);
    return DocumentSnapshot.fromWire(this, doc, (p) => this.firestore.doc(p), this.converter);
  }
  async set(data: unknown, options?: SetOptions): Promise<WriteResult> {
    const stored = toStored(this.converter, data, options);
    return (await commitWrites([setWrite(this.path, stored, options)]))[0]!;
  }
  async create(data: unknown): Promise<WriteResult> {
    return (await commitWrites([createWrite(this.path, toStored(this.converter, data))]))[0]!;
  }
  async update(...args: unknown[]): Promise<WriteResult> {
    return (await commitWrites([updateWrite(this.path, args)]))[0]!;
  }
  async delete(precondition?: Precondition): Promise<WriteResult> {
    return (await commitWrites([deleteWrite(this.path, precondition)]))[0]!;
  }
  /** The subcollections holding documents at any depth (none on a runtime without the op). */
  async listCollections(): Promise<CollectionReference[]> {
    const ids = (await currentContext().documents.listCollections?.(this.path)) ?? [];
    return ids.map((id) => this.collection(id));
  }
  toJSON(): string {
    return this.path;
  }
}

export class CollectionReference extends Query {
  constructor(
    readonly firestore: ReferenceHost,
    readonly path: string,
    converter: Converter = null,
  ) {
    const slash = path.lastIndexOf("/");
    const state = {
      parent: slash < 0 ? "" : path.slice(0, slash),
      collectionId: path.slice(slash + 1),
      allDescendants: false,
      filters: [],
      orderBy: [],
    };
    super(firestore, state, converter);
  }
  override withConverter(converter: unknown): CollectionReference {
    return new CollectionReference(this.firestore, this.path, converterOf(converter));
  }
  get id(): string {
    return this.path.slice(this.path.lastIndexOf("/") + 1);
  }
  get parent(): DocumentReference | null {
    const slash = this.path.lastIndexOf("/");
    return slash < 0 ? null : this.firestore.doc(this.path.slice(0, slash));
  }
  doc(id?: string): DocumentReference {
    const ref = this.firestore.doc(`${this.path}/${id ?? autoId()}`);
    return this.converter ? ref.withConverter(this.converter) : ref;
  }
  /** As firebase-admin: a create() of a new auto-id document. */
  async add(data: unknown): Promise<DocumentReference> {
    const ref = this.doc();
    await ref.create(data);
    return ref;
  }
  /** The collection's existing documents (documents with only subcollections are not seen). */
  async listDocuments(): Promise<DocumentReference[]> {
    return (await this.get()).docs.map((d) => this.doc(d.id));
  }
  override isEqual(other: Query): boolean {
    return (
      other instanceof CollectionReference &&
      other.path === this.path &&
      other.converter === this.converter
    );
  }
}
