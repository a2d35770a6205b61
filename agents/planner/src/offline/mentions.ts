import { DOMAINS, DOMAIN_WORDS, GLOBAL_WORDS, type DomainSpec } from "./lexicon/index.js";
import type { Reading, Token } from "./read.js";
import { isPluralWord, phrases } from "./words.js";

/**
 * Finds where the prompt names a known entity ("tasks", "chat rooms") and which app domains it
 * names ("e-commerce", "habit tracker"). Inside a named domain its own words are read first,
 * so "item" in a shop is a product and "room" in a hotel is a hotel room.
 */
export interface Mention {
  specId: string;
  /** Token indices of the phrase, inclusive. */
  first: number;
  last: number;
  plural: boolean;
}

/** Domains the prompt names, in the order it names them. */
export function namedDomains(lower: string): DomainSpec[] {
  return DOMAINS.map((d) => ({ d, at: lower.search(d.triggers) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.d);
}

/** Words that are verbs as often as nouns; a singular one must look like a noun here. */
const AMBIGUOUS = phrases(
  "book, post, order, note, message, comment, review, plan, shift, match, course, contact, deal, log, issue, answer, reply, vote, question, bug, ticket, project, purchase, dose, repair, exercise, check in, check-in, answer, lesson, trip, budget, invoice, survey, like, poll, pin, share, feature",
);
/** Before a verb: "to book", "can post", "we order". */
const VERB_CUES = phrases(
  "to, can, could, will, would, should, must, may, might, please, let, lets, i, we, you, they, also, easily, quickly, then, and/or",
);
const OBJECT_START = phrases(
  "a, an, the, my, your, their, his, her, our, them, it, each, every, some, any, this, that, these, those",
);
/** Verbs that take a plural object directly: "message sellers", "review products". */
const TRANSITIVE = phrases(
  "message, book, post, order, review, rate, log, plan, share, contact, answer, vote, like, comment, issue, purchase",
);
/** Third-person subjects, after which a plural-looking word is a verb: "someone comments". */
const SINGULAR_SUBJECTS = phrases(
  "he, she, it, who, that, someone, somebody, anyone, everyone, user, nobody",
);
/** Negations that remove what follows: "no comments", "without tags". */
export const NEGATIONS = new Set(["no", "without", "not", "never", "skip"]);

const MAX_WORDS = 4;

export function findMentions(reading: Reading, domains: readonly DomainSpec[]): Mention[] {
  const { tokens } = reading;
  const lookups = [...domains.map((d) => DOMAIN_WORDS.get(d.id)!), GLOBAL_WORDS];
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const hit = longestAt(tokens, i, lookups);
    if (!hit) continue;
    const { specId, last, phrase } = hit;
    if (!tokens[i]!.inParen && isNounHere(tokens, i, last, phrase) && !negated(tokens, i))
      out.push({ specId, first: i, last, plural: isPluralWord(phrase.split(" ").at(-1)!) });
    i = last;
  }
  return out;
}

function longestAt(
  tokens: readonly Token[],
  i: number,
  lookups: readonly ReadonlyMap<string, string>[],
) {
  for (let n = MAX_WORDS; n >= 1; n--) {
    const span = tokens.slice(i, i + n);
    if (
      span.length < n ||
      span.some((t, k) => k > 0 && (t.clause !== tokens[i]!.clause || span[k - 1]!.after !== ""))
    )
      continue;
    const phrase = span.map((t) => t.word).join(" ");
    for (const map of lookups) {
      const specId = map.get(phrase);
      if (specId) return { specId, last: i + n - 1, phrase };
    }
  }
  return undefined;
}

function isNounHere(
  tokens: readonly Token[],
  first: number,
  last: number,
  phrase: string,
): boolean {
  const prev = tokens[first - 1];
  const prevWord = prev && prev.clause === tokens[first]!.clause ? prev.word : "";
  const next = tokens[last + 1]?.word ?? "";
  if (phrase === "course" && prevWord === "of") return false;
  if (phrase === "order" && (prevWord === "in" || prevWord === "sort" || next === "by"))
    return false;
  if (phrase === "note" && next === "that") return false;
  if (isPluralWord(phrase.split(" ").at(-1)!)) return !SINGULAR_SUBJECTS.has(prevWord);
  if (!AMBIGUOUS.has(phrase)) return true;
  if (VERB_CUES.has(prevWord)) return false;
  // "message sellers", "book a table", "review products": an object follows a verb.
  const nextTok = tokens[last + 1];
  if (
    nextTok &&
    nextTok.clause === tokens[first]!.clause &&
    tokens[last]!.after === "" &&
    (OBJECT_START.has(next) || (isPluralWord(next) && TRANSITIVE.has(phrase)))
  )
    return false;
  const tags = tokens[first]!.tags;
  return !(tags.has("Verb") && !tags.has("Noun"));
}

/** "no comments", "without any tags", "don't need comments". */
export function negated(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const t = tokens[k]!;
    if (t.clause !== tokens[i]!.clause) return false;
    if (NEGATIONS.has(t.word) || t.word === "don't" || t.word === "dont") return true;
    if (t.after === "," || t.word === "and" || t.word === "with") return false;
  }
  return false;
}
