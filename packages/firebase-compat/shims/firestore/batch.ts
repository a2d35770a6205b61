// WriteBatch (one atomic commit: the runtime's commits are) and Transaction (optimistic:
// reads are not locked; each write to a document the transaction read carries that read's
// update time as its precondition, and runTransaction retries when one no longer holds).
import type { WireWrite } from "../context.js";
import { toStored } from "./converter.js";
import { commitWrites, type DocumentReference, type WriteResult } from "./references.js";
import type { Query } from "./query.js";
import type { DocumentSnapshot, QuerySnapshot } from "./snapshots.js";
import {
  createWrite,
  deleteWrite,
  setWrite,
  updateWrite,
  type Precondition,
  type SetOptions,
} from "./writes.js";

export class WriteBatch {
  protected readonly writes: WireWrite[] = [];

  set(ref: DocumentReference, data: unknown, options?: SetOptions): this {
    this.writes.push(setWrite(ref.path, toStored(ref.converter, data, options), options));
    return this;
  }
  create(ref: DocumentReference, data: unknown): this {
    this.writes.push(createWrite(ref.path, toStored(ref.converter, data)));
    return this;
  }
  update(ref: DocumentReference, ...args: unknown[]): this {
    this.writes.push(updateWrite(ref.path, args));
    return this;
  }
  delete(ref: DocumentReference, precondition?: Precondition): this {
    this.writes.push(deleteWrite(ref.path, precondition));
    return this;
  }
  async commit(): Promise<WriteResult[]> {
    if (this.writes.length === 0) return [];
    return commitWrites(this.writes.splice(0));
  }
}

export class Transaction extends WriteBatch {
  /** Each document read: its update time, or null when it was absent. */
  private readonly reads = new Map<string, string | null>();

  async get(
    target: DocumentReference | Query,
  ): Promise<DocumentSnapshot<DocumentReference> | QuerySnapshot> {
    if ("isDocumentReference" in target) {
      const snapshot = await target.get();
      this.reads.set(target.path, snapshot.wireUpdateTime ?? null);
      return snapshot;
    }
    return target.get();
  }
  async getAll(...refs: DocumentReference[]): Promise<DocumentSnapshot<DocumentReference>[]> {
    return Promise.all(
      refs.map((r) => this.get(r) as Promise<DocumentSnapshot<DocumentReference>>),
    );
  }

  /** The writes, the first one to each document read made conditional on that read. */
  guardedWrites(): WireWrite[] {
    const guarded = new Set<string>();
    return this.writes.map((write) => {
      const path = write.update?.name ?? write.delete ?? "";
      const read = this.reads.get(path);
      if (read === undefined || guarded.has(path)) return write;
      guarded.add(path);
      if (read !== null) return { ...write, currentDocument: { updateTime: read } };
      return write.currentDocument ? write : { ...write, currentDocument: { exists: false } };
    });
  }
  hasWrites(): boolean {
    return this.writes.length > 0;
  }
}

const RETRYABLE = /^(aborted|failed-precondition):/;

/** `db.runTransaction(fn)`: runs `fn`, commits its writes once, retries on a stale read. */
export async function runTransaction<T>(
  fn: (tx: Transaction) => Promise<T>,
  options: { maxAttempts?: number } = {},
): Promise<T> {
  const attempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const tx = new Transaction();
    const result = await fn(tx);
    if (!tx.hasWrites()) return result;
    try {
      await commitWrites(tx.guardedWrites());
      return result;
    } catch (e) {
      const message = e instanceof Error ? e.message : "";
      if (attempt >= attempts || !RETRYABLE.test(message)) throw e;
    }
  }
}
