/**
 * A listener's result as ordered lists of wire documents: applying the runtime's changes to it,
 * and computing the changes the app sees between what it last saw and the new result.
 */
import type { WireDocument } from "../values/wire.js";
import type { WireChange } from "./socket.js";

/** A change of the app's view, with Firebase's incremental indexes (see {@link diffViews}). */
export interface ViewChange {
  type: "added" | "modified" | "removed";
  /** The new version; for a removal, the version the app last saw. */
  doc: WireDocument;
  oldIndex: number;
  newIndex: number;
}

/**
 * The result after a snapshot message, or null when the message does not fit `view` (the caller
 * then asks the runtime for a full snapshot again). The algorithm:
 *
 * 1. drop every document a `removed` change names (by name; unknown names are ignored);
 * 2. the documents of `added` and `modified` changes (upserted by name: an `added` for a known
 *    document replaces it, a `modified` for an unknown one adds it) go to their `newIndex`;
 * 3. the other documents keep their relative order and fill the remaining positions.
 *
 * The message does not fit when the result's length differs from its `size`, or a `newIndex`
 * is outside the result or taken twice.
 */
export function applyChanges(
  view: readonly WireDocument[],
  changes: readonly WireChange[],
  size: number,
): WireDocument[] | null {
  const removed = new Set<string>();
  const placed = new Map<string, { doc: WireDocument; at: number }>();
  for (const change of changes) {
    const name = change.doc?.name;
    if (typeof name !== "string") return null;
    if (change.type === "removed") {
      removed.add(name);
      placed.delete(name);
    } else if (change.type === "added" || change.type === "modified") {
      removed.delete(name);
      placed.set(name, { doc: change.doc, at: change.newIndex });
    } else {
      return null;
    }
  }
  const rest = view.filter((d) => !removed.has(d.name) && !placed.has(d.name));
  const length = rest.length + placed.size;
  if (length !== size) return null;
  const slots = Array.from({ length }, (): WireDocument | undefined => undefined);
  for (const { doc, at } of placed.values()) {
    if (!Number.isInteger(at) || at < 0 || at >= length || slots[at]) return null;
    slots[at] = doc;
  }
  let next = 0;
  return slots.map((doc) => doc ?? rest[next++]!);
}

/**
 * The changes from `before` (what the app last saw) to `after`, in the order the runtime sends
 * them: removals (in the old order), then additions and modifications (in the new order). A
 * document whose `updateTime` is unchanged is not a change, even if others moved it.
 *
 * Indexes are Firebase's: each change's `oldIndex` is the document's position once the changes
 * before it have been applied, and `newIndex` its position once this one is; so applying them
 * in order to a copy of `before` — `splice(oldIndex, 1)` unless added, then
 * `splice(newIndex, 0, doc)` unless removed — yields `after`. An added or modified document
 * is placed right after the document that precedes it in `after` (which by then is in place).
 *
 * Unchanged documents keep their relative order (the query orders by their unchanged fields).
 * Should the runtime ever order them differently, those out of order are reported as
 * `modified`, so that the indexes still lead to `after`.
 */
export function diffViews(
  before: readonly WireDocument[],
  after: readonly WireDocument[],
): ViewChange[] {
  const previous = new Map(before.map((d) => [d.name, d]));
  const present = new Set(after.map((d) => d.name));
  const order = before.map((d) => d.name);
  const moved = outOfOrder(before, after);
  const changes: ViewChange[] = [];
  for (const doc of before) {
    if (present.has(doc.name)) continue;
    const oldIndex = order.indexOf(doc.name);
    order.splice(oldIndex, 1);
    changes.push({ type: "removed", doc, oldIndex, newIndex: -1 });
  }
  after.forEach((doc, i) => {
    const old = previous.get(doc.name);
    if (old && sameVersion(old, doc) && !moved.has(doc.name)) return;
    let oldIndex = -1;
    if (old) {
      oldIndex = order.indexOf(doc.name);
      order.splice(oldIndex, 1);
    }
    const newIndex = i === 0 ? 0 : order.indexOf(after[i - 1]!.name) + 1;
    order.splice(newIndex, 0, doc.name);
    changes.push({ type: old ? "modified" : "added", doc, oldIndex, newIndex });
  });
  return changes;
}

/** Unchanged documents of `after` that come before one they followed in `before`. */
function outOfOrder(before: readonly WireDocument[], after: readonly WireDocument[]): Set<string> {
  const position = new Map(before.map((d, i) => [d.name, { doc: d, i }]));
  const moved = new Set<string>();
  let last = -1;
  for (const doc of after) {
    const old = position.get(doc.name);
    if (!old || !sameVersion(old.doc, doc)) continue;
    if (old.i < last) moved.add(doc.name);
    else last = old.i;
  }
  return moved;
}

/** Same document version: the same `updateTime` (or, without one, the same JSON). */
function sameVersion(a: WireDocument, b: WireDocument): boolean {
  if (a.updateTime !== undefined || b.updateTime !== undefined) {
    return a.updateTime === b.updateTime;
  }
  return JSON.stringify(a.fields ?? {}) === JSON.stringify(b.fields ?? {});
}
