import type { Draft, DraftBook } from "./drafts.js";
import { specById } from "./lexicon/index.js";
import type { Mention } from "./mentions.js";
import type { Reading } from "./read.js";

/**
 * Which model a phrase is about: the model named nearest to it in the same clause ("upload
 * photos of their plants" → Plant), else the main model. Children that people add to
 * something (comments, messages) are skipped when a better target is in the clause.
 */
export function tokenAt(reading: Reading, charPos: number): number {
  const { tokens } = reading;
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens[mid]!.start <= charPos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function targetAt(
  reading: Reading,
  charPos: number,
  mentions: readonly Mention[],
  book: DraftBook,
  main: Draft,
): Draft {
  const i = tokenAt(reading, charPos);
  const clause = reading.tokens[i]?.clause;
  // "photos of their plants" points forward; "issues in markdown", "tasks with tags" back.
  const forward = /^(of|for|on|to)$/.test(reading.tokens[i + 1]?.word ?? "");
  const near = mentions
    .filter((m) => reading.tokens[m.first]!.clause === clause && m.first !== i)
    .map((m) => ({
      m,
      draft: book.get(specById(m.specId).name),
      dist: Math.abs(m.first - i) + (m.first < i === forward ? 0.5 : 0),
    }))
    .filter((x): x is { m: Mention; draft: Draft; dist: number } => x.draft !== undefined)
    .sort(
      (a, b) =>
        Number(a.draft.spec?.social === "visible") - Number(b.draft.spec?.social === "visible") ||
        a.dist - b.dist,
    );
  return near[0]?.draft ?? main;
}

/** The lower-case text of the sentence around `charPos`. */
export function sentenceText(reading: Reading, charPos: number): string {
  const sentence = reading.tokens[tokenAt(reading, charPos)]?.sentence;
  const inClause = reading.tokens.filter((t) => t.sentence === sentence);
  return inClause.length === 0 ? "" : reading.lower.slice(inClause[0]!.start, inClause.at(-1)!.end);
}

/** Drafts named in the same clause (or sentence) as `charPos`, or none. */
export function draftsInClause(
  reading: Reading,
  charPos: number,
  mentions: readonly Mention[],
  book: DraftBook,
  scope: "clause" | "sentence" = "clause",
): Draft[] {
  const at = reading.tokens[tokenAt(reading, charPos)];
  const names = mentions
    .filter((m) => reading.tokens[m.first]![scope] === at?.[scope])
    .map((m) => specById(m.specId).name);
  return [...new Set(names)].flatMap((n) => book.get(n) ?? []);
}
