import { describe, expect, it } from "vitest";
import { diffLines, hunksOf, splitLines, type LineDiff } from "./line-diff.js";

/** The diff as `diff -u` body lines: " same", "-removed", "+added". */
const unified = (diff: LineDiff) =>
  diff.lines.map((l) => `${l.kind === "same" ? " " : l.kind === "added" ? "+" : "-"}${l.text}`);

/** Applies the diff's kept and added lines: it must give back the new text. */
const rebuilt = (diff: LineDiff, side: "old" | "new") =>
  diff.lines.filter((l) => l.kind !== (side === "old" ? "added" : "removed")).map((l) => l.text);

describe("diffLines", () => {
  it("marks one changed line as removed then added, numbering both sides", () => {
    const diff = diffLines("a\nb\nc\n", "a\nB\nc\n");
    expect(unified(diff)).toEqual([" a", "-b", "+B", " c"]);
    expect(diff.lines[1]).toEqual({ kind: "removed", text: "b", oldNumber: 2, newNumber: null });
    expect(diff.lines[2]).toEqual({ kind: "added", text: "B", oldNumber: null, newNumber: 2 });
    expect(diff.lines[3]).toMatchObject({ oldNumber: 3, newNumber: 3 });
    expect(diff).toMatchObject({ added: 1, removed: 1, minimal: true });
  });

  it("finds the shortest script, keeping the lines both texts share", () => {
    const before = "a\nb\nc\na\nb\nb\na";
    const after = "c\nb\na\nb\na\nc";
    const diff = diffLines(before, after);
    // Myers' classic example: 5 edits is the minimum.
    expect(diff.added + diff.removed).toBe(5);
    expect(rebuilt(diff, "old")).toEqual(splitLines(before));
    expect(rebuilt(diff, "new")).toEqual(splitLines(after));
  });

  it("handles empty texts, a file added and a file removed", () => {
    expect(diffLines("", "").lines).toEqual([]);
    expect(unified(diffLines("", "x\ny\n"))).toEqual(["+x", "+y"]);
    expect(unified(diffLines("x\ny", ""))).toEqual(["-x", "-y"]);
    expect(diffLines("same\n", "same").lines).toEqual([
      { kind: "same", text: "same", oldNumber: 1, newNumber: 1 },
    ]);
  });

  it("replaces everything, still correctly, when the texts differ too much", () => {
    const before = Array.from({ length: 50 }, (_, i) => `old ${i}`).join("\n");
    const after = Array.from({ length: 50 }, (_, i) => (i % 2 ? `old ${i}` : `new ${i}`)).join(
      "\n",
    );
    const exact = diffLines(before, after);
    expect(exact).toMatchObject({ minimal: true, added: 25, removed: 25 });
    const capped = diffLines(before, after, { maxEdits: 10 });
    expect(capped.minimal).toBe(false);
    expect(rebuilt(capped, "old")).toEqual(splitLines(before));
    expect(rebuilt(capped, "new")).toEqual(splitLines(after));
  });

  it("keeps CRLF files' lines without their carriage returns", () => {
    expect(splitLines("a\r\nb\r\n")).toEqual(["a", "b"]);
  });
});

describe("hunksOf", () => {
  const lines = (n: number, change?: number) =>
    Array.from({ length: n }, (_, i) => (i + 1 === change ? `changed ${i + 1}` : `line ${i + 1}`))
      .join("\n")
      .concat("\n");

  it("groups each change with three lines of context, as diff -u does", () => {
    const hunks = hunksOf(diffLines(lines(20), lines(20, 10)));
    expect(hunks).toHaveLength(1);
    expect(hunks[0]).toMatchObject({ oldStart: 7, oldCount: 7, newStart: 7, newCount: 7 });
    expect(hunks[0]!.lines.map((l) => l.text)).toEqual([
      "line 7",
      "line 8",
      "line 9",
      "line 10",
      "changed 10",
      "line 11",
      "line 12",
      "line 13",
    ]);
  });

  it("keeps changes far apart in separate hunks, and near ones in one", () => {
    const far = diffLines(
      lines(30),
      lines(30).replace("line 2\n", "x\n").replace("line 28\n", "y\n"),
    );
    expect(hunksOf(far).map((h) => h.oldStart)).toEqual([1, 25]);
    const near = diffLines(
      lines(30),
      lines(30).replace("line 5\n", "x\n").replace("line 9\n", "y\n"),
    );
    expect(hunksOf(near)).toHaveLength(1);
    expect(hunksOf(diffLines(lines(5), lines(5)))).toEqual([]);
  });
});
