/**
 * A unified line diff, for the run view's "what the repair round changed" when Monaco's diff
 * editor is not there (no JavaScript, or before it loads): Myers' O(ND) algorithm on lines,
 * after the common head and tail are set aside, grouped into hunks with context like `diff -u`.
 */

export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
  /** The line's number in the old text (null for an added line), from 1. */
  oldNumber: number | null;
  /** The line's number in the new text (null for a removed line), from 1. */
  newNumber: number | null;
}

export interface LineDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
  /**
   * False when the texts differ by more than `maxEdits` lines: the diff then removes every
   * differing old line and adds every new one, which is true but not minimal.
   */
  minimal: boolean;
}

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  lines: DiffLine[];
}

/** A text's lines; a final newline does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The line diff from `before` to `after`. */
export function diffLines(before: string, after: string, { maxEdits = 4000 } = {}): LineDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const edits = myers(midA, midB, maxEdits);
  const ops: Array<"same" | "added" | "removed"> = [
    ...Array<"same">(head).fill("same"),
    ...(edits ?? [...midA.map(() => "removed" as const), ...midB.map(() => "added" as const)]),
    ...Array<"same">(tail).fill("same"),
  ];
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  for (const kind of ops) {
    if (kind === "same") lines.push({ kind, text: a[i]!, oldNumber: ++i, newNumber: ++j });
    else if (kind === "removed") lines.push({ kind, text: a[i]!, oldNumber: ++i, newNumber: null });
    else lines.push({ kind, text: b[j]!, oldNumber: null, newNumber: ++j });
  }
  return {
    lines,
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
    minimal: edits !== null,
  };
}

/**
 * The shortest edit script from `a` to `b` (same/removed/added per step), or null when it
 * takes more than `maxEdits` edits: each step keeps only the diagonals it reached (O(D²)).
 */
function myers(
  a: string[],
  b: string[],
  maxEdits: number,
): Array<"same" | "added" | "removed"> | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number) {
  const ops: Array<"same" | "added" | "removed"> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    // trace[d - 1] holds diagonals -(d-1)..(d-1): index k + d - 1.
    const before = trace[d - 1]!;
    const at = (k: number) => before[k + d - 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("same");
      x--;
      y--;
    }
    ops.push(x === prevX ? "added" : "removed");
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push("same");
    x--;
    y--;
  }
  return ops.reverse();
}

/** The diff's changes with `context` unchanged lines around each, as `diff -u` shows them. */
export function hunksOf(diff: LineDiff, context = 3): Hunk[] {
  const { lines } = diff;
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.kind === "same") return;
    for (let c = Math.max(0, i - context); c <= Math.min(lines.length - 1, i + context); c++)
      keep[c] = true;
  });
  const hunks: Hunk[] = [];
  let current: DiffLine[] = [];
  const close = () => {
    if (current.length === 0) return;
    const first = current[0]!;
    const old = current.filter((l) => l.kind !== "added");
    const now = current.filter((l) => l.kind !== "removed");
    hunks.push({
      oldStart: first.oldNumber ?? old[0]?.oldNumber ?? 0,
      oldCount: old.length,
      newStart: first.newNumber ?? now[0]?.newNumber ?? 0,
      newCount: now.length,
      lines: current,
    });
    current = [];
  };
  lines.forEach((line, i) => (keep[i] ? current.push(line) : close()));
  close();
  return hunks;
}
