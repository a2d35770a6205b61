import type { DocumentChange, WireFields, WireValue } from "../sync-adapter.js";

/** Firestore refuses a commit of more writes than this. */
export const MAX_WRITES_PER_COMMIT = 500;

/** One `Write` of a `documents:commit` body: a whole-document set, or a delete. */
export type FirestoreWrite = { update: { name: string; fields: WireFields } } | { delete: string };

/** A commit to send, and the changes it carries (to name a document when it is refused). */
export interface PlannedCommit {
  writes: FirestoreWrite[];
  changes: DocumentChange[];
}

/** `projects/<p>/databases/<d>/documents`, under which every document name of the target is. */
export function documentsRoot(projectId: string, databaseId: string): string {
  return `projects/${projectId}/databases/${databaseId}/documents`;
}

// A reference names its database in full; the runtime writes `projects/<ours>/databases/
// (default)/documents/…`. Firestore only accepts references into the database being written,
// so any project/database prefix is re-pointed at the target.
const REFERENCE_ROOT = /^projects\/[^/]+\/databases\/[^/]+\/documents(?=\/|$)/;

/** A value with every reference in it (however deeply nested) re-pointed at `root`. */
export function rewriteReferences(value: WireValue, root: string): WireValue {
  if ("referenceValue" in value) {
    return { referenceValue: value.referenceValue.replace(REFERENCE_ROOT, root) };
  }
  if ("arrayValue" in value) {
    const values = value.arrayValue.values;
    return { arrayValue: values ? { values: values.map((v) => rewriteReferences(v, root)) } : {} };
  }
  if ("mapValue" in value) {
    const fields = value.mapValue.fields;
    return { mapValue: fields ? { fields: rewriteFields(fields, root) } : {} };
  }
  return value;
}

export function rewriteFields(fields: WireFields, root: string): WireFields {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, rewriteReferences(v, root)]),
  );
}

/**
 * The change as a Firestore write. An `update` without a mask replaces the whole document
 * (creating it if needed) and a `delete` of a missing document succeeds, so applying a change
 * twice leaves what applying it once did: what makes replays after a crash safe.
 */
export function toWrite(change: DocumentChange, root: string): FirestoreWrite {
  const name = `${root}/${change.path}`;
  if (change.kind === "delete") return { delete: name };
  return { update: { name, fields: rewriteFields(change.fields ?? {}, root) } };
}

/** Under Firestore's 10 MiB request limit, with room for the envelope. */
export const MAX_COMMIT_BYTES = 9 * 1024 * 1024;

/**
 * Splits the changes, in order, into commits of at most `maxWrites` writes and `maxBytes` of JSON. A commit also ends
 * before a document's second write: whether one commit may write a document twice differs
 * between Firestore's modes, and splitting there keeps the order without relying on either.
 */
export function planCommits(
  changes: readonly DocumentChange[],
  root: string,
  maxWrites = MAX_WRITES_PER_COMMIT,
  maxBytes = MAX_COMMIT_BYTES,
): PlannedCommit[] {
  const commits: PlannedCommit[] = [];
  let current: PlannedCommit | undefined;
  let paths = new Set<string>();
  let bytes = 0;
  for (const change of changes) {
    const write = toWrite(change, root);
    const size = Buffer.byteLength(JSON.stringify(write));
    const full = current && (current.writes.length >= maxWrites || bytes + size > maxBytes);
    if (!current || full || paths.has(change.path)) {
      current = { writes: [], changes: [] };
      paths = new Set();
      bytes = 0;
      commits.push(current);
    }
    current.writes.push(write);
    current.changes.push(change);
    paths.add(change.path);
    bytes += size;
  }
  return commits;
}
