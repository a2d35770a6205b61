// The Firestore object firebase-admin's getFirestore() / admin.firestore() answers, over the
// current invocation's `context.documents` (rules do not apply: functions act as admins).
import { WriteBatch, runTransaction, type Transaction } from "./batch.js";
import { settings as codecSettings } from "./codec.js";
import { createHash } from "node:crypto";
import { currentContext } from "../context.js";
import { Query } from "./query.js";
import { CollectionReference, DocumentReference, commitWrites } from "./references.js";
import { deleteWrite } from "./writes.js";

const MAX_WRITES = 500;

/** A path relative to the documents root, from a relative or full name. */
function relative(path: string): string {
  const at = path.indexOf("/documents/");
  const rel =
    path.startsWith("projects/") && at >= 0 ? path.slice(at + "/documents/".length) : path;
  return rel.replace(/^\/+|\/+$/g, "");
}

const segmentsOf = (path: string) => (path === "" ? 0 : path.split("/").length);

export class Firestore {
  readonly databaseId = "(default)";

  doc(path: string): DocumentReference {
    const rel = relative(path);
    if (segmentsOf(rel) % 2 !== 0 || rel === "") {
      throw new TypeError(`doc(): "${path}" is not a document path (an even number of segments)`);
    }
    return new DocumentReference(this, rel);
  }
  collection(path: string): CollectionReference {
    const rel = relative(path);
    if (segmentsOf(rel) % 2 !== 1) {
      throw new TypeError(`collection(): "${path}" is not a collection path (an odd number)`);
    }
    return new CollectionReference(this, rel);
  }
  collectionGroup(collectionId: string): Query {
    return new Query(this, {
      parent: "",
      collectionId,
      allDescendants: true,
      filters: [],
      orderBy: [],
    });
  }
  batch(): WriteBatch {
    return new WriteBatch();
  }
  runTransaction<T>(
    fn: (tx: Transaction) => Promise<T>,
    options?: { maxAttempts?: number },
  ): Promise<T> {
    return runTransaction(fn, options);
  }
  getAll(...refs: DocumentReference[]) {
    return Promise.all(refs.map((r) => r.get()));
  }
  settings(options: { ignoreUndefinedProperties?: boolean }): void {
    if (options.ignoreUndefinedProperties !== undefined) {
      codecSettings.ignoreUndefinedProperties = options.ignoreUndefinedProperties;
    }
  }
  /** The root collections (none on a runtime without the op). */
  async listCollections(): Promise<CollectionReference[]> {
    const ids = (await currentContext().documents.listCollections?.("")) ?? [];
    return ids.map((id) => this.collection(id));
  }

  /**
   * Deletes a document or a collection's documents and everything below them at any depth
   * (documents under missing parents too), in commits of at most 500 deletes; each delete is
   * an event, so delete triggers run as in Firebase. The runtime pages the paths.
   */
  async recursiveDelete(ref: DocumentReference | CollectionReference): Promise<void> {
    const documents = currentContext().documents;
    if (!documents.descendants) return this.recursiveDeleteByListing(ref);
    // Each page lies after the last one deleted, so paging and deleting do not disturb
    // each other.
    let after: string | null = null;
    do {
      const page = await documents.descendants(ref.path, after);
      for (let i = 0; i < page.paths.length; i += MAX_WRITES) {
        const chunk = page.paths.slice(i, i + MAX_WRITES);
        // Keyed by what it deletes: a retried trigger finds fewer documents, and its chunks
        // must neither take the keys of the first delivery's nor shift its other commits'.
        const deliveryKey = `recursiveDelete/${createHash("sha256").update(chunk.join("\n")).digest("hex")}`;
        await commitWrites(
          chunk.map((p) => deleteWrite(p)),
          { deliveryKey },
        );
      }
      after = page.next;
    } while (after !== null);
  }

  /** Without the runtime's paging: what `get()` and `listCollections()` find. */
  private async recursiveDeleteByListing(
    ref: DocumentReference | CollectionReference,
  ): Promise<void> {
    const paths: string[] = [];
    const collect = async (target: DocumentReference | CollectionReference): Promise<void> => {
      if (target instanceof CollectionReference) {
        for (const doc of (await target.get()).docs) await collect(this.doc(doc.ref.path));
        return;
      }
      for (const sub of await target.listCollections()) await collect(sub);
      paths.push(target.path);
    };
    await collect(ref);
    for (let i = 0; i < paths.length; i += MAX_WRITES) {
      await commitWrites(paths.slice(i, i + MAX_WRITES).map((p) => deleteWrite(p)));
    }
  }
  /** bulkWriter(): writes committed as they come, like a batch per call. */
  bulkWriter() {
    const pending: Array<Promise<unknown>> = [];
    const track = <T>(p: Promise<T>) => (pending.push(p), p);
    return {
      set: (ref: DocumentReference, data: unknown) => track(ref.set(data)),
      update: (ref: DocumentReference, data: unknown) => track(ref.update(data)),
      create: (ref: DocumentReference, data: unknown) => track(ref.create(data)),
      delete: (ref: DocumentReference) => track(ref.delete()),
      flush: () => Promise.allSettled(pending).then(() => undefined),
      close: () => Promise.allSettled(pending).then(() => undefined),
    };
  }
}

let defaultFirestore: Firestore | undefined;

/** `getFirestore()`: one instance per bundle (the app argument is accepted and ignored). */
export function getFirestore(): Firestore {
  defaultFirestore ??= new Firestore();
  return defaultFirestore;
}
