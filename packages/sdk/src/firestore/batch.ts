import { invalidArgument } from "../errors.js";
import type { WireWrite } from "../values/wire.js";
import type { Database } from "./database.js";
import { commitWrites } from "./documents.js";
import type { DocumentReference } from "./references.js";
import { deleteWrite, setWrite, updateWrite, type SetOptions } from "./write-data.js";

/**
 * Firestore's limit on the writes of one commit; the runtime enforces it too.
 *
 * @example
 * ```ts
 * for (let i = 0; i < refs.length; i += MAX_BATCH_WRITES) {
 *   const batch = writeBatch(db);
 *   refs.slice(i, i + MAX_BATCH_WRITES).forEach((ref) => batch.delete(ref));
 *   await batch.commit();
 * }
 * ```
 */
export const MAX_BATCH_WRITES = 500;

/**
 * Writes applied atomically by {@link WriteBatch.commit}: all of them or none. The runtime
 * checks the rules on every write, with `getAfter()` seeing the whole batch. Each document may
 * be written once per batch (the runtime refuses a second write to the same document).
 *
 * @example
 * ```ts
 * const batch = writeBatch(db);
 * batch.set(db.doc("cities/paris"), { name: "Paris" });
 * batch.update(db.doc("countries/fr"), { cities: increment(1) });
 * batch.delete(db.doc("cities/old"));
 * await batch.commit();
 * ```
 */
export class WriteBatch {
  private readonly writes: WireWrite[] = [];
  private committed = false;

  /** @internal Use {@link writeBatch}. */
  constructor(private readonly db: Database) {}

  /** Adds a {@link setDoc}. @throws WinkyError invalid-argument for bad data or a full batch. */
  set(ref: DocumentReference, data: object, options?: SetOptions): this {
    return this.add(ref, setWrite(ref, data, options, "WriteBatch.set()"));
  }

  /** Adds an {@link updateDoc}: the commit fails with not-found if the document is missing. */
  update(ref: DocumentReference, data: object): this {
    return this.add(ref, updateWrite(ref, data, "WriteBatch.update()"));
  }

  /** Adds a {@link deleteDoc}. */
  delete(ref: DocumentReference): this {
    return this.add(ref, deleteWrite(ref));
  }

  /**
   * Applies every write atomically. An empty batch succeeds without a request.
   * @throws WinkyError from the runtime; nothing was written then.
   */
  async commit(): Promise<void> {
    this.open();
    this.committed = true;
    if (this.writes.length > 0) await commitWrites(this.db, this.writes);
  }

  private add(ref: DocumentReference, write: WireWrite): this {
    this.open();
    if (ref.db !== this.db) throw invalidArgument("a batch writes to one database only");
    if (this.writes.length >= MAX_BATCH_WRITES) {
      throw invalidArgument(`a batch holds at most ${MAX_BATCH_WRITES} writes`);
    }
    this.writes.push(write);
    return this;
  }

  private open(): void {
    if (this.committed) {
      throw invalidArgument("A write batch can no longer be used after commit() has been called.");
    }
  }
}

/**
 * A new, empty {@link WriteBatch} for `db`.
 *
 * @example
 * ```ts
 * await writeBatch(db).delete(db.doc("todos/1")).delete(db.doc("todos/2")).commit();
 * ```
 */
export function writeBatch(db: Database): WriteBatch {
  return new WriteBatch(db);
}
