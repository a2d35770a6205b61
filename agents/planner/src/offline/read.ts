import nlp from "compromise";
import { DOMAIN_WORDS, GLOBAL_WORDS } from "./lexicon/index.js";
import { isPluralWord, phrases } from "./words.js";

/**
 * Tokens of the normalised prompt, each with compromise's part-of-speech tags and its place in
 * a sentence and clause. Later stages match phrases on these tokens; compromise's tags settle
 * whether an ambiguous word is a noun here ("a book" vs "book a table").
 */
export interface Token {
  /** Lower-case, as matched: "to-do", "q&a", "e-commerce". */
  word: string;
  start: number;
  end: number;
  tags: ReadonlySet<string>;
  sentence: number;
  clause: number;
  /** Inside parentheses: a hint about the word before, such as enum options. */
  inParen: boolean;
  /** The punctuation (trimmed) between this token and the next: ",", ":", "/", "". */
  after: string;
}

export interface Reading {
  text: string;
  lower: string;
  tokens: Token[];
}

const TOKEN = /[a-z0-9](?:[a-z0-9'&.-]*[a-z0-9])?/g;

/** Words that open a new clause inside a sentence: what follows has its own subject. */
const CLAUSE_WORDS = phrases(
  "where, which, so, because, but, while, whereas, although, when, then, if",
);
const MODALS = phrases(
  "can, could, should, will, would, may, might, must, have, has, need, needs, want, wants, get, gets, see, sees, belong, belongs, contain, contains, are, is",
);

export function read(text: string): Reading {
  const lower = text.toLowerCase();
  const tags = tagsByOffset(text);
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let depth = 0;
  let prevEnd = 0;
  for (const m of lower.matchAll(TOKEN)) {
    const start = m.index;
    const gap = lower.slice(prevEnd, start);
    if (tokens.length > 0) {
      if (/[.!?]/.test(gap.replace(/\.\.\./g, ""))) [sentence, clause] = [sentence + 1, clause + 1];
      else if (/;| - /.test(gap)) clause += 1;
      tokens.at(-1)!.after = gap.replace(/[()\s]/g, "");
    }
    depth = Math.max(0, depth + count(gap, "(") - count(gap, ")"));
    tokens.push({
      word: m[0].replace(/\.$/, ""),
      start,
      end: start + m[0].length,
      tags: tags.get(start) ?? new Set(),
      sentence,
      clause,
      inParen: depth > 0,
      after: "",
    });
    prevEnd = start + m[0].length;
  }
  splitClauses(tokens);
  return { text, lower, tokens };
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/**
 * Starts a new clause at "where"/"which"/…, and at "and"/"," followed by a subject and a verb
 * ("…, and users can comment"), so a field list stops where the next statement begins.
 */
function splitClauses(tokens: Token[]): void {
  let extra = 0;
  let prevOriginal = -1;
  tokens.forEach((t, i) => {
    const original = t.clause;
    const prev = tokens[i - 1];
    const opens =
      (CLAUSE_WORDS.has(t.word) && !t.inParen) ||
      (t.word === "and" && startsStatement(tokens, i + 1)) ||
      (prev?.after === "," && startsStatement(tokens, i));
    if (opens && prevOriginal === original) extra += 1;
    t.clause = original + extra;
    prevOriginal = original;
  });
}

/**
 * A subject of up to three words, then a modal or relation verb ("users can", "tasks have"), or
 * a plural subject and a plain verb ("guests book dates", "agents reply").
 */
function startsStatement(tokens: Token[], i: number): boolean {
  const first = tokens[i];
  if (!first || first.inParen || MODALS.has(first.word)) return false;
  const second = tokens[i + 1];
  if (
    second &&
    second.sentence === first.sentence &&
    first.after === "" &&
    isSubject(first) &&
    isPlainVerb(second)
  )
    return true;
  for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.sentence !== first.sentence || tokens[k - 1]!.after === ",") return false;
    if (MODALS.has(t.word)) return k > i;
  }
  return false;
}

function isSubject(t: Token): boolean {
  return t.tags.has("Pronoun") || (t.tags.has("Plural") && !t.tags.has("Verb"));
}

function isPlainVerb(t: Token): boolean {
  return (
    t.tags.has("Verb") &&
    !t.tags.has("Noun") &&
    !t.tags.has("Gerund") &&
    !t.tags.has("Participle") &&
    !t.tags.has("PastTense")
  );
}

/**
 * The lexicon's plural words, told to compromise as plural nouns: out of context it reads
 * "tasks" or "contacts" as verbs. Singular ones are left alone — "book" and "post" really are
 * verbs as often as nouns, and the tagger should decide those from context.
 */
const PLURALS: Record<string, string> = Object.fromEntries(
  [...GLOBAL_WORDS.keys(), ...[...DOMAIN_WORDS.values()].flatMap((m) => [...m.keys()])]
    .filter((w) => !w.includes(" ") && isPluralWord(w))
    .map((w) => [w, "Plural"]),
);

/** compromise's tags for each term, keyed by the term's start offset in the text. */
function tagsByOffset(text: string): Map<number, ReadonlySet<string>> {
  const out = new Map<number, ReadonlySet<string>>();
  type Term = { tags: string[]; offset: { start: number } };
  const sentences = nlp(text, PLURALS).json({ offset: true }) as { terms: Term[] }[];
  for (const s of sentences) for (const t of s.terms) out.set(t.offset.start, new Set(t.tags));
  return out;
}
