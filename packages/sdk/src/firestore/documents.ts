/**
 * Reading and writing documents: Firebase's modular functions over the runtime's
 * `GET documents/<path>`, `documents:runQuery` and `documents:commit`.
 */
import { isWinkyError } from "../errors.js";
import { documentsRoot, type WireDocument, type WireWrite } from "../values/wire.js";
import type { Database } from "./database.js";
import type { CollectionReference, DocumentReference, Query } from "./references.js";
import { DocumentSnapshot, QueryDocumentSnapshot, QuerySnapshot } from "./snapshot.js";
import { toQueryBody } from "./structured-query.js";
import { deleteWrite, setWrite, updateWrite, type SetOptions } from "./write-data.js";

/** What `documents:commit` answers. */
export interface CommitResponse {
  commitTime: string;
  writeResults: { updateTime?: string }[];
}

/**
 * Reads a document. A document that does not exist is a snapshot whose `exists()` is false,
 * not an error.
 *
 * @example
 * ```ts
 * const snap = await getDoc(db.doc("users/ada"));
 * const name = snap.exists() ? snap.data().name : "stranger";
 * ```
 * @throws WinkyError permission-denied when the rules refuse the read, unavailable offline.
 */
export async function getDoc(ref: DocumentReference): Promise<DocumentSnapshot> {
  return new DocumentSnapshot(ref, await readDocument(ref));
}

/** @internal The document, or null when the runtime says it does not exist. */
export async function readDocument(ref: DocumentReference): Promise<WireDocument | null> {
  const path = ref.path.split("/").map(encodeURIComponent).join("/");
  try {
    return await ref.db.http.request<WireDocument>(`/documents/${path}`, {
      method: "GET",
      authenticated: true,
    });
  } catch (e) {
    if (isWinkyError(e) && e.code === "not-found") return null;
    throw e;
  }
}

/**
 * Runs a query (a collection is a query for all its documents).
 *
 * @example
 * ```ts
 * const snap = await getDocs(query(db.collection("posts"), where("published", "==", true)));
 * for (const doc of snap.docs) console.log(doc.id);
 * ```
 * @throws WinkyError permission-denied when the rules cannot prove every possible result is
 *   readable (rules are not filters), invalid-argument for a query the runtime refuses.
 */
export async function getDocs(q: Query): Promise<QuerySnapshot> {
  const body = toQueryBody(q);
  const answer = await q.db.http.request<{ documents?: WireDocument[] }>("/documents:runQuery", {
    method: "POST",
    body,
    authenticated: true,
  });
  const docs = (answer.documents ?? []).map(
    (d) => new QueryDocumentSnapshot(q.db.doc(relativeName(q.db, d.name)), d),
  );
  return new QuerySnapshot(q, docs);
}

/**
 * Writes a document: replaces it, or with `{ merge: true }` / `{ mergeFields }` changes only
 * the given fields. FieldValues (`serverTimestamp()`, `increment()`, …) are applied by the
 * runtime.
 *
 * @example
 * ```ts
 * await setDoc(db.doc("users/ada"), { name: "Ada", joined: serverTimestamp() });
 * await setDoc(db.doc("users/ada"), { address: { city: "London" } }, { merge: true });
 * ```
 * @throws WinkyError invalid-argument for data without an encoding (naming the field),
 *   permission-denied when the rules refuse.
 */
export async function setDoc(
  ref: DocumentReference,
  data: object,
  options?: SetOptions,
): Promise<void> {
  await commitWrites(ref.db, [setWrite(ref, data, options)]);
}

/**
 * Creates a document with an automatic id in `collection` and resolves its reference. It never
 * overwrites: the write requires the document not to exist.
 *
 * @example
 * ```ts
 * const ref = await addDoc(db.collection("posts"), { title: "Hello", at: serverTimestamp() });
 * ```
 */
export async function addDoc(
  collection: CollectionReference,
  data: object,
): Promise<DocumentReference> {
  const ref = collection.doc();
  const write = setWrite(ref, data, {}, "addDoc()");
  await commitWrites(ref.db, [{ ...write, currentDocument: { exists: false } }]);
  return ref;
}

/**
 * Changes fields of an existing document. Keys are dotted field paths (`"address.city"`);
 * each named field is replaced as a whole; `deleteField()` removes one.
 *
 * @example
 * ```ts
 * await updateDoc(db.doc("users/ada"), { "address.city": "Paris", visits: increment(1) });
 * ```
 * @throws WinkyError not-found when the document does not exist.
 */
export async function updateDoc(ref: DocumentReference, data: object): Promise<void> {
  await commitWrites(ref.db, [updateWrite(ref, data)]);
}

/**
 * Deletes a document; deleting one that does not exist succeeds.
 *
 * @example
 * ```ts
 * await deleteDoc(db.doc("users/ada"));
 * ```
 */
export async function deleteDoc(ref: DocumentReference): Promise<void> {
  await commitWrites(ref.db, [deleteWrite(ref)]);
}

/** @internal Commits writes atomically. */
export function commitWrites(db: Database, writes: WireWrite[]): Promise<CommitResponse> {
  return db.http.request<CommitResponse>("/documents:commit", {
    method: "POST",
    body: { writes },
    authenticated: true,
  });
}

/**
 * @internal The path of a document name: the runtime answers names below the documents root,
 * Firestore full names.
 */
export function relativeName(db: Database, name: string): string {
  const root = documentsRoot(db.project);
  return name.startsWith(root) ? name.slice(root.length) : name;
}
