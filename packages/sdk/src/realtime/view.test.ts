import { describe, expect, it } from "vitest";
import { change, wireDoc } from "../../test/fake-websocket.js";
import type { WireDocument } from "../values/wire.js";
import { applyChanges, diffViews, type ViewChange } from "./view.js";

const names = (docs: readonly WireDocument[] | null) => docs?.map((d) => d.name);
const a = wireDoc("c/a", 1);
const b = wireDoc("c/b", 1);
const c = wireDoc("c/c", 1);
const d = wireDoc("c/d", 1);

/** Applies changes as an app would, with splice, to a copy of `before`. */
function replay(before: readonly WireDocument[], changes: ViewChange[]): string[] {
  const rows = before.map((x) => x.name);
  for (const ch of changes) {
    if (ch.type !== "added") {
      expect(rows[ch.oldIndex]).toBe(ch.doc.name);
      rows.splice(ch.oldIndex, 1);
    }
    if (ch.type !== "removed") rows.splice(ch.newIndex, 0, ch.doc.name);
  }
  return rows;
}

describe("applyChanges", () => {
  it("fills an empty view from a first snapshot, at the new indexes", () => {
    const view = applyChanges([], [change("added", b, -1, 1), change("added", a, -1, 0)], 2);
    expect(names(view)).toEqual(["c/a", "c/b"]);
  });

  it("removes by name, places changed documents at newIndex, keeps the others' order", () => {
    const b2 = wireDoc("c/b", 2);
    const view = applyChanges(
      [a, b, c, d],
      // The runtime's diff: removals (old indexes), then additions/modifications (new order).
      [
        change("removed", a, 0, -1),
        change("added", wireDoc("c/e", 1), -1, 0),
        change("modified", b2, 1, 3),
      ],
      4,
    );
    expect(names(view)).toEqual(["c/e", "c/c", "c/d", "c/b"]);
    expect(view![3]).toBe(b2);
  });

  it("upserts: an added for a known document replaces it; a modified for an unknown adds it", () => {
    const view = applyChanges(
      [a],
      [change("added", wireDoc("c/a", 2), -1, 0), change("modified", b, 0, 1)],
      2,
    );
    expect(view?.map((x) => [x.name, x.updateTime])).toEqual([
      ["c/a", wireDoc("c/a", 2).updateTime],
      ["c/b", b.updateTime],
    ]);
  });

  it("refuses a message that does not fit: wrong size, index out of range or taken twice", () => {
    expect(applyChanges([a], [change("added", b, -1, 1)], 3)).toBeNull();
    expect(applyChanges([a], [change("added", b, -1, 2)], 2)).toBeNull();
    expect(applyChanges([], [change("added", a, -1, 0), change("added", b, -1, 0)], 2)).toBeNull();
    expect(applyChanges([], [{ ...change("added", a, -1, 0), type: "moved" as "added" }], 1)).toBe(
      null,
    );
  });
});

describe("diffViews", () => {
  it("reports removals first, then additions and modifications in the new order", () => {
    const before = [a, b, c];
    const after = [wireDoc("c/c", 2), d, b];
    const changes = diffViews(before, after);
    expect(changes.map((x) => [x.type, x.doc.name, x.oldIndex, x.newIndex])).toEqual([
      ["removed", "c/a", 0, -1],
      ["modified", "c/c", 1, 0],
      ["added", "c/d", -1, 1],
    ]);
    expect(changes[0]!.doc).toBe(a); // a removal carries the version last seen
    expect(replay(before, changes)).toEqual(names(after));
  });

  it("reports nothing for documents that did not change, even when others moved them", () => {
    expect(diffViews([a, b], [a, b])).toEqual([]);
    const changes = diffViews([a, b, c], [b, c]);
    expect(changes.map((x) => x.type)).toEqual(["removed"]);
  });

  it("gives indexes that, applied in order with splice, always lead to the new result", () => {
    let seed = 7;
    let checked = 0;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 0.999;
    for (let round = 0; round < 300; round++) {
      const pool = Array.from({ length: 8 }, (_, i) => `c/${i}`);
      const pick = () => pool.filter(() => random() < 0.6).sort(() => random() - 0.5);
      const before = pick().map((n) => wireDoc(n, 1));
      const seen = new Map(before.map((x) => [x.name, x]));
      // Unchanged documents keep their relative order, as the runtime's ordering guarantees.
      const after = pick().map((n) => (random() < 0.5 && seen.get(n)) || wireDoc(n, 2));
      const keptOrder = before.filter((x) => after.includes(x));
      const afterKept = after.filter((x) => seen.get(x.name) === x);
      if (names(keptOrder)!.join() !== names(afterKept)!.join()) continue;
      expect(replay(before, diffViews(before, after))).toEqual(names(after));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("reports an unchanged document out of its previous relative order as modified", () => {
    const changes = diffViews([a, b], [b, a]);
    expect(changes.map((x) => x.type)).toEqual(["modified"]);
    expect(replay([a, b], changes)).toEqual(["c/b", "c/a"]);
  });
});
