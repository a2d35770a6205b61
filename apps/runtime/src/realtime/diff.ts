/** A document as a listener last sent it: its wire form and update time. */
export interface ListenedDoc {
  name: string;
  updateTime: string;
  wire: unknown;
}

export interface DocChange {
  type: "added" | "modified" | "removed";
  doc: unknown;
  oldIndex: number;
  newIndex: number;
}

/**
 * The changes from one ordered result to the next, as Firestore's `docChanges()` reports them:
 * removals first (with their index in the previous result), then additions and modifications
 * in the new order (with their index in the new result). A document that only moved because
 * others came or went is not a change.
 */
export function diffResults(
  before: readonly ListenedDoc[],
  after: readonly ListenedDoc[],
): DocChange[] {
  const oldIndex = new Map(before.map((d, i) => [d.name, i]));
  const newNames = new Set(after.map((d) => d.name));
  const changes: DocChange[] = [];
  before.forEach((d, i) => {
    if (!newNames.has(d.name))
      changes.push({ type: "removed", doc: d.wire, oldIndex: i, newIndex: -1 });
  });
  after.forEach((d, i) => {
    const at = oldIndex.get(d.name);
    if (at === undefined) changes.push({ type: "added", doc: d.wire, oldIndex: -1, newIndex: i });
    else if (before[at]!.updateTime !== d.updateTime) {
      changes.push({ type: "modified", doc: d.wire, oldIndex: at, newIndex: i });
    }
  });
  return changes;
}
