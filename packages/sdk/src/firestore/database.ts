import type { HttpClient } from "../http.js";
import type { ListenConnection } from "../realtime/connection.js";
import { CollectionReference, DocumentReference, Query, emptyQuery } from "./references.js";
import { invalidArgument } from "../errors.js";

/**
 * A project's document database, as `client.db`. Makes references and queries; the operations
 * (`getDoc`, `setDoc`, `getDocs`, …) are functions taking them, as in Firebase's modular API.
 *
 * @example
 * ```ts
 * const { db } = createClient({ url: "http://localhost:4000", project: "my-app" });
 * const ada = db.doc("users/ada");
 * const users = db.collection("users");
 * const allComments = db.collectionGroup("comments");
 * ```
 */
export class Database {
  /** @internal Made by {@link createClient}. */
  constructor(
    readonly project: string,
    /** @internal */
    readonly http: HttpClient,
    /** @internal The client's shared listen connection, for {@link onSnapshot}. */
    readonly realtime: ListenConnection,
  ) {}

  /**
   * The collection at `path` (`"users"`, `"users/ada/posts"`).
   * @throws WinkyError invalid-argument for a path that does not name a collection.
   */
  collection(path: string): CollectionReference {
    return new CollectionReference(this, path);
  }

  /**
   * The document at `path` (`"users/ada"`).
   * @throws WinkyError invalid-argument for a path that does not name a document.
   */
  doc(path: string): DocumentReference {
    return new DocumentReference(this, path);
  }

  /**
   * A query over every collection named `collectionId`, wherever it hangs.
   * @throws WinkyError invalid-argument for an id containing "/".
   */
  collectionGroup(collectionId: string): Query {
    if (typeof collectionId !== "string" || collectionId === "" || collectionId.includes("/")) {
      throw invalidArgument(`collectionGroup(): "${collectionId}" is not a collection id`);
    }
    return new Query(this, { ...emptyQuery(), collectionId, allDescendants: true });
  }
}

/**
 * Firebase's modular spelling of {@link Database.collection}: a root collection of `db`, or a
 * subcollection of a document.
 *
 * @example
 * ```ts
 * const posts = collection(db, "users/ada/posts");
 * const same = collection(db.doc("users/ada"), "posts");
 * ```
 */
export function collection(
  parent: Database | DocumentReference,
  path: string,
): CollectionReference {
  return parent instanceof Database ? parent.collection(path) : parent.collection(path);
}

/**
 * Firebase's modular spelling of {@link Database.doc} and {@link CollectionReference.doc}:
 * `doc(db, "users/ada")`, `doc(usersRef, "ada")`, or `doc(usersRef)` for an automatic id.
 */
export function doc(parent: Database | CollectionReference, path?: string): DocumentReference {
  if (parent instanceof Database) {
    if (path === undefined) throw invalidArgument("doc(db, path): the path is missing");
    return parent.doc(path);
  }
  return path === undefined
    ? parent.doc()
    : new DocumentReference(parent.db, `${parent.path}/${path}`);
}

/** Firebase's modular spelling of {@link Database.collectionGroup}. */
export function collectionGroup(db: Database, collectionId: string): Query {
  return db.collectionGroup(collectionId);
}
