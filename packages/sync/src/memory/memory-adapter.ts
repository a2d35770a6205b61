import {
  SyncError,
  type DocumentChange,
  type SyncAdapter,
  type WireFields,
} from "../sync-adapter.js";

/**
 * An adapter that keeps the mirrored documents in a map: the reference the conformance suite
 * holds the other adapters to, and a stand-in target for testing the mirror. It can be told to
 * fail, and records every batch it was handed.
 */
export class MemoryAdapter implements SyncAdapter {
  readonly name = "memory";
  readonly documents = new Map<string, WireFields>();
  /** Every batch `apply` was called with, failed ones included. */
  readonly batches: DocumentChange[][] = [];
  /** Every change of the batches that succeeded, in the order applied. */
  readonly applied: DocumentChange[] = [];
  private failures: SyncError[] = [];

  /** The next `count` calls to `apply` write nothing and throw `error`. */
  failNext(count: number, error = new SyncError("memory: unavailable", { retryable: true })) {
    this.failures.push(...Array.from({ length: count }, () => error));
  }

  apply(changes: readonly DocumentChange[]): Promise<void> {
    this.batches.push([...changes]);
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    this.applied.push(...changes);
    for (const change of changes) {
      if (change.kind === "delete") this.documents.delete(change.path);
      else this.documents.set(change.path, change.fields ?? {});
    }
    return Promise.resolve();
  }
}
