/**
 * References to documents and collections, and the immutable query state a collection starts.
 * They only name things: nothing here talks to the runtime.
 */
import { invalidArgument } from "../errors.js";
import type { Database } from "./database.js";
import type { DocumentSnapshot } from "./snapshot.js";

/**
 * The operators of {@link where}, as Firebase spells them.
 *
 * @example
 * ```ts
 * const op: WhereFilterOp = "array-contains";
 * query(db.collection("posts"), where("tags", op, "news"));
 * ```
 */
export type WhereFilterOp =
  "<" | "<=" | "==" | "!=" | ">=" | ">" | "array-contains" | "array-contains-any" | "in" | "not-in";

/** @internal A filter as the app gave it; values are encoded when the query is sent. */
export type FilterSpec =
  | { kind: "field"; field: string[]; op: WhereFilterOp; value: unknown }
  | { kind: "composite"; op: "AND" | "OR"; filters: FilterSpec[] };

/** @internal */
export interface OrderSpec {
  field: string[];
  descending: boolean;
}

/**
 * @internal A cursor: values for the order fields, or a snapshot to take them from; `method`
 * is the function that made it (`startAfter`), for messages.
 */
export type CursorSpec = { before: boolean; method: string } & (
  { values: unknown[] } | { snapshot: DocumentSnapshot }
);

/** @internal */
export interface QueryState {
  /** The document the collection hangs from ("" for a root collection or a whole group). */
  parent: string;
  collectionId: string;
  allDescendants: boolean;
  filters: FilterSpec[];
  orders: OrderSpec[];
  limit: number | undefined;
  limitToLast: boolean;
  startAt: CursorSpec | undefined;
  endAt: CursorSpec | undefined;
}

/**
 * A query: a collection (or collection group) narrowed by {@link query} constraints. Immutable;
 * run it with {@link getDocs}.
 *
 * @example
 * ```ts
 * const recent: Query = query(db.collection("posts"), orderBy("at", "desc"), limit(10));
 * const more = query(recent, where("draft", "==", false)); // a new query; `recent` is unchanged
 * ```
 */
export class Query {
  /** @internal Made by collections, {@link Database.collectionGroup} and {@link query}. */
  constructor(
    readonly db: Database,
    /** @internal */
    readonly state: QueryState,
  ) {}
}

/**
 * A collection: a {@link Query} for all its documents, and the factory of their references.
 *
 * @example
 * ```ts
 * const posts = db.collection("users/ada/posts");
 * const draft = posts.doc(); // a new document with an automatic id
 * ```
 */
export class CollectionReference extends Query {
  /** The path below the database root, e.g. `users/ada/posts`. */
  readonly path: string;

  /** @internal Use {@link Database.collection}. */
  constructor(db: Database, path: string) {
    const segments = splitPath(path, "collection");
    const collectionId = segments.at(-1)!;
    const parent = segments.slice(0, -1).join("/");
    super(db, { ...emptyQuery(), parent, collectionId });
    this.path = segments.join("/");
  }

  get id(): string {
    return this.state.collectionId;
  }

  /** The document a subcollection hangs from; null for a root collection. */
  get parent(): DocumentReference | null {
    return this.state.parent ? new DocumentReference(this.db, this.state.parent) : null;
  }

  /**
   * The document `id` of this collection, or a new one with an automatic id: 20 characters
   * of [A-Za-z0-9] from `crypto.getRandomValues`, as Firebase makes them.
   */
  doc(id?: string): DocumentReference {
    return new DocumentReference(this.db, `${this.path}/${id ?? autoId()}`);
  }
}

/**
 * A document, existing or not.
 *
 * @example
 * ```ts
 * const ref = db.doc("users/ada");
 * ref.id; // "ada"
 * ref.collection("posts").path; // "users/ada/posts"
 * ```
 */
export class DocumentReference {
  /** The path below the database root, e.g. `users/ada`. */
  readonly path: string;

  /** @internal Use {@link Database.doc} or {@link CollectionReference.doc}. */
  constructor(
    readonly db: Database,
    path: string,
  ) {
    this.path = splitPath(path, "document").join("/");
  }

  get id(): string {
    return this.path.slice(this.path.lastIndexOf("/") + 1);
  }

  /** The collection holding this document. */
  get parent(): CollectionReference {
    return new CollectionReference(this.db, this.path.slice(0, this.path.lastIndexOf("/")));
  }

  /** A subcollection of this document. */
  collection(path: string): CollectionReference {
    return new CollectionReference(this.db, `${this.path}/${path}`);
  }

  /** Same database, same path. */
  isEqual(other: DocumentReference): boolean {
    return this.db === other.db && this.path === other.path;
  }
}

/** @internal The state of a query over a whole collection. */
export function emptyQuery(): QueryState {
  return {
    parent: "",
    collectionId: "",
    allDescendants: false,
    filters: [],
    orders: [],
    limit: undefined,
    limitToLast: false,
    startAt: undefined,
    endAt: undefined,
  };
}

/**
 * Splits and checks a path: no empty segments, no `.` or `..` segments, and an even number of
 * them for a document, odd for a collection. Leading and trailing slashes are ignored, as
 * Firebase does.
 */
function splitPath(path: string, kind: "document" | "collection"): string[] {
  if (typeof path !== "string") throw invalidArgument(`a ${kind} path must be a string`);
  const segments = path.replace(/^\/+|\/+$/g, "").split("/");
  if (segments.some((s) => s === "")) {
    throw invalidArgument(`invalid ${kind} path "${path}": a segment is empty`);
  }
  // Firestore refuses these ids, and a URL cannot carry them (even as %2E): fetch would
  // resolve `items/../items/x` to `items/x` and read another document than the one named.
  const dots = segments.find((s) => s === "." || s === "..");
  if (dots !== undefined) {
    throw invalidArgument(`invalid ${kind} path "${path}": a segment is "${dots}"`);
  }
  if ((segments.length % 2 === 0) !== (kind === "document")) {
    throw invalidArgument(
      `invalid ${kind} path "${path}": a ${kind} path has an ${kind === "document" ? "even" : "odd"} number of segments, this one has ${segments.length}`,
    );
  }
  return segments;
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 20 random characters of [A-Za-z0-9], without modulo bias. */
export function autoId(): string {
  let id = "";
  while (id.length < 20) {
    for (const byte of crypto.getRandomValues(new Uint8Array(40))) {
      // 248 = 4 × 62: bytes above it would favour the alphabet's first characters.
      if (byte < 248 && id.length < 20) id += ID_ALPHABET[byte % 62];
    }
  }
  return id;
}
