/**
 * Transactions, optimistically on top of `documents:commit` (the runtime has no transaction
 * sessions): each read records the document's `updateTime` (or that it did not exist), and
 * the writes are committed with matching preconditions. When another writer got there first,
 * a precondition fails and the whole function runs again.
 */
import { WinkyError, invalidArgument, isWinkyError } from "../errors.js";
import type { WireWrite } from "../values/wire.js";
import type { Database } from "./database.js";
import { commitWrites, readDocument } from "./documents.js";
import type { DocumentReference } from "./references.js";
import { DocumentSnapshot } from "./snapshot.js";
import { deleteWrite, setWrite, updateWrite, type SetOptions } from "./write-data.js";

/**
 * Options of {@link runTransaction}.
 *
 * @example
 * ```ts
 * await runTransaction(db, transfer, { maxAttempts: 10 });
 * ```
 */
export interface TransactionOptions {
  /** How many times the function may run in all; 5 unless given, as in Firebase. */
  maxAttempts?: number;
}

/**
 * The reads and writes of one attempt of {@link runTransaction}. All reads come before all
 * writes. A document read here is written only if nobody changed it since; a document not
 * read is written unconditionally (an update still needs it to exist).
 *
 * @example
 * ```ts
 * await runTransaction(db, async (tx) => {
 *   const from = await tx.get(db.doc("accounts/a"));
 *   const to = await tx.get(db.doc("accounts/b"));
 *   tx.update(from.ref, { balance: from.get("balance") - 10 });
 *   tx.update(to.ref, { balance: to.get("balance") + 10 });
 * });
 * ```
 */
export class Transaction {
  /** Path → the updateTime read, or null when the document did not exist. */
  private readonly versions = new Map<string, string | null>();
  private readonly writes: WireWrite[] = [];
  /** @internal The commit's error when a precondition from a read failed. */
  conflict: unknown;

  /** @internal Made by {@link runTransaction}. */
  constructor(private readonly db: Database) {}

  /**
   * Reads a document and remembers its version.
   * @throws WinkyError invalid-argument after a write (Firestore's rule: reads come first).
   */
  async get(ref: DocumentReference): Promise<DocumentSnapshot> {
    if (this.writes.length > 0) {
      throw invalidArgument(
        "Firestore transactions require all reads to be executed before all writes.",
      );
    }
    const doc = await readDocument(ref);
    const version = doc?.updateTime ?? null;
    if (this.versions.has(ref.path) && this.versions.get(ref.path) !== version) {
      this.conflict = new WinkyError(
        "aborted",
        `${ref.path} changed between two reads of one transaction`,
      );
      throw this.conflict;
    }
    this.versions.set(ref.path, version);
    return new DocumentSnapshot(ref, doc);
  }

  /** Adds a set (see {@link setDoc}). */
  set(ref: DocumentReference, data: object, options?: SetOptions): this {
    return this.add(ref, setWrite(ref, data, options, "Transaction.set()"), false);
  }

  /**
   * Adds an update (see {@link updateDoc}).
   * @throws WinkyError invalid-argument when this transaction read the document as missing.
   */
  update(ref: DocumentReference, data: object): this {
    if (this.versions.get(ref.path) === null) {
      throw invalidArgument(`Transaction.update(): ${ref.path} does not exist`);
    }
    return this.add(ref, updateWrite(ref, data, "Transaction.update()"), true);
  }

  /** Adds a delete. */
  delete(ref: DocumentReference): this {
    return this.add(ref, deleteWrite(ref), false);
  }

  /** @internal Commits the writes; a failed read-based precondition is kept in `conflict`. */
  async commit(): Promise<void> {
    if (this.writes.length === 0) return;
    try {
      await commitWrites(this.db, this.writes);
    } catch (e) {
      if (this.causedByReads(e)) this.conflict = e;
      throw e;
    }
  }

  private add(ref: DocumentReference, write: WireWrite, mustExist: boolean): this {
    if (ref.db !== this.db) throw invalidArgument("a transaction writes to one database only");
    // The writes of a commit apply in order, each precondition against the state before it:
    // what the transaction read holds only before its first write to that document.
    if (this.writes.some((w) => writtenPath(w) === ref.path)) {
      this.writes.push(write);
      return this;
    }
    const read = this.versions.get(ref.path);
    // The read's version replaces update's own exists: true, which an updateTime implies.
    const currentDocument =
      read === undefined
        ? mustExist
          ? { exists: true }
          : undefined
        : read === null
          ? { exists: false }
          : { updateTime: read };
    const { currentDocument: _own, ...rest } = write;
    this.writes.push(currentDocument ? { ...rest, currentDocument } : rest);
    return this;
  }

  /**
   * Whether a commit error comes from a precondition this transaction's reads set: a changed
   * document fails its updateTime (failed-precondition), a created one its exists: false
   * (already-exists). not-found counts only when no write asked for existence on its own.
   */
  private causedByReads(e: unknown): boolean {
    if (!isWinkyError(e)) return false;
    const conditions = this.writes.map((w) => w.currentDocument ?? {});
    const byTime = conditions.some((c) => c.updateTime !== undefined);
    switch (e.code) {
      case "failed-precondition":
        return byTime;
      case "already-exists":
        return conditions.some((c) => c.exists === false);
      case "not-found":
        return byTime && !conditions.some((c) => c.exists === true);
      default:
        return false;
    }
  }
}

/**
 * Runs `updateFunction` as a transaction: its reads see one version of each document, and its
 * writes commit only if none of those documents changed in between. On a conflict the function
 * runs again (up to `maxAttempts` times in all, with backoff), so it must not have side effects
 * beyond the transaction. Resolves what the function resolves.
 *
 * @example
 * ```ts
 * const next = await runTransaction(db, async (tx) => {
 *   const snap = await tx.get(db.doc("counters/visits"));
 *   const value = (snap.data()?.value ?? 0) + 1;
 *   tx.set(db.doc("counters/visits"), { value });
 *   return value;
 * });
 * ```
 * @throws WinkyError the last conflict after `maxAttempts` attempts; any other error (the
 *   function's own, permission-denied, …) at once.
 */
export async function runTransaction<T>(
  db: Database,
  updateFunction: (tx: Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const tx = new Transaction(db);
    try {
      const result = await updateFunction(tx);
      await tx.commit();
      return result;
    } catch (e) {
      if (tx.conflict !== e || attempt >= maxAttempts) throw e;
      await sleep(backoffMs(attempt));
    }
  }
}

/** Exponential from 50 ms, capped at 1 s, with jitter so two losers do not collide again. */
function backoffMs(attempt: number): number {
  return Math.min(1000, 50 * 2 ** (attempt - 1)) * (0.5 + Math.random());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The document a write is for. */
function writtenPath(write: WireWrite): string | undefined {
  return write.update?.name ?? write.delete;
}
