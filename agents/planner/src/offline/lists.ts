import type { Mention } from "./mentions.js";
import type { Reading, Token } from "./read.js";
import { phrases } from "./words.js";

/**
 * Finds lists of things that belong to something: "tasks have a title, due date and priority",
 * "E-commerce prototype: products, cart, checkout". A list opens at a word such as "with" or
 * "have" (or a colon) and runs to the end of its clause or the next opener; its owner is the
 * entity named just before it, or the app itself when none is.
 */
export interface ListItem {
  /** Token indices, inclusive. */
  first: number;
  last: number;
  /** The item's words, lower-case: "due date" (less a model named as a modifier). */
  words: string;
  /** All its words, as written: "subscriber emails". */
  full: string;
  /** What qualified it: parenthesised text or a trailing phrase ("low/medium/high", "in minutes"). */
  hint: string;
}

export interface FieldList {
  /** The mention that owns the list; undefined when the app does ("a chat app with …"). */
  owner: Mention | undefined;
  /** Token index of the opener ("with", or the word before a colon). */
  at: number;
  /**
   * The list describes the app ("a notes app with tags, images"), not one model's fields: its
   * fields are added to the model's usual ones instead of replacing them.
   */
  describesApp: boolean;
  /** "have"-like openers state containment ("rooms have messages"); "with" may just describe. */
  relational: boolean;
  items: ListItem[];
}

/** Nouns that name the app itself: a list after one describes the app. */
const APP_NOUNS = phrases(
  "app, application, site, website, webapp, platform, tool, tracker, prototype, mvp, system, manager, planner, clone, portal, service, dashboard, log, journal, diary, shop, store, blog, forum, crm, board",
);
const OPENERS = phrases(
  "with, having, has, have, contain, contains, containing, include, includes, including, featuring, holds, hold, needs",
);
const RELATIONAL = phrases(
  "has, have, having, contain, contains, containing, hold, holds, include, includes",
);
const SEPARATORS = new Set(["and", "or", "&", "plus", "etc", "also"]);
/** "share with friends", "sign in with Google": a "with" that does not list parts. */
const NOT_A_LIST_BEFORE = phrases(
  "share, shared, sharing, chat, chatting, talk, connect, login, signin, signup, collaborate, compatible, integrates, integrate, along, together, deal, deals, help, helps, comes, start, starting, begin, pay, paying",
);
const AUDIENCE =
  /^(my |our |their |your |the |other )?(friends|family|others|other users|everyone|everybody|the team|team|teammates|colleagues|coworkers|co-workers|people|users|members|customers|clients|guests|students|followers)\b/;
const PRONOUN_OWNERS = phrases("each, every, it, they, these, those, which, one");
/** Words after which the rest of an item qualifies it instead of naming it. */
const CUT = phrases(
  "to, for, in, on, from, by, about, per, when, if, that, which, who, so, like, such, via, through, using, into, onto, inside, within, under, at",
);
const CONTAINMENT = new Set(["in", "inside", "within", "under", "into"]);
const PREPOSITIONS = phrases(
  "to, for, of, in, on, into, from, by, about, under, within, at, inside",
);

export function findLists(reading: Reading, mentions: readonly Mention[]): FieldList[] {
  const { tokens } = reading;
  const lists: FieldList[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // A list opens after an opener word, or after a word followed by a colon ("Tasks: …").
    const byColon = t.after === ":" && !OPENERS.has(t.word);
    if (t.inParen || (!OPENERS.has(t.word) && !byColon)) continue;
    if (t.word === "with" && notAList(tokens, i)) continue;
    const items = splitItems(tokens, i + 1, listEnd(tokens, i + 1, t.clause));
    if (items.length === 0 || AUDIENCE.test(items[0]!.words)) continue;
    // Before a colon the word itself may name the owner ("Tasks:"); before "with" it cannot.
    const owner = ownerBefore(tokens, mentions, byColon ? i + 1 : i);
    const appNoun = byColon ? t.word : (tokens[i - 1]?.word ?? "");
    // "Kanban board like Trello: boards, columns and cards" — a heading, then the app's parts.
    const heading = byColon && t.sentence === 0 && i < 7;
    const describesApp = !owner || APP_NOUNS.has(appNoun) || heading;
    lists.push({ owner, at: i, describesApp, relational: RELATIONAL.has(t.word), items });
  }
  return lists;
}

/** "share with", "sign in with", "log in with": a "with" that names a partner, not parts. */
function notAList(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1]?.word ?? "";
  const prev2 = tokens[i - 2]?.word ?? "";
  return (
    NOT_A_LIST_BEFORE.has(prev) ||
    (/^(in|up|on)$/.test(prev) && /^(log|sign|logs|signs)$/.test(prev2))
  );
}

/** Exclusive end: the clause ends, or the next opener starts a list of its own. */
function listEnd(tokens: readonly Token[], start: number, clause: number): number {
  let k = start;
  while (k < tokens.length && tokens[k]!.clause === clause) {
    const t = tokens[k]!;
    if (k > start && !t.inParen && OPENERS.has(t.word)) break;
    k += 1;
    if (t.after === ":") break;
  }
  return k;
}

function splitItems(tokens: readonly Token[], start: number, end: number): ListItem[] {
  const items: ListItem[] = [];
  let words: number[] = [];
  let paren: string[] = [];
  const flush = () => {
    if (words.length > 0) items.push(makeItem(tokens, words, paren.join("")));
    words = [];
    paren = [];
  };
  for (let k = start; k < end; k++) {
    const t = tokens[k]!;
    if (t.inParen) {
      // Keep the parenthesis' own separators: "(low/medium/high)", "(1-5)", "(optional)".
      paren.push(t.word + (tokens[k + 1]?.inParen ? t.after || " " : ""));
      if (!tokens[k + 1]?.inParen) flush();
      continue;
    }
    if (SEPARATORS.has(t.word) || (t.word === "as" && tokens[k + 1]?.word === "well")) {
      flush();
      if (t.word === "as") k += 2;
      continue;
    }
    words.push(k);
    const optionsFollow = t.after === "/" && ENUM_WORDS.test(tokens[words[0]!]!.word);
    if (t.after === "," || t.after === ";" || (t.after === "/" && !optionsFollow)) flush();
  }
  flush();
  return items;
}

/** Words whose slashed continuation lists options: "priority low/medium/high". */
const ENUM_WORDS =
  /^(priority|status|stage|level|type|kind|category|size|mood|difficulty|severity)$/;

/**
 * Splits an item into its name and a hint: "priority low/medium/high" → priority + options;
 * "time in minutes" → time + "in minutes"; parenthesised text is always hint.
 */
function makeItem(tokens: readonly Token[], idx: readonly number[], paren: string): ListItem {
  const words = idx.map((k) => tokens[k]!.word);
  let n = words.findIndex((w, i) => i > 0 && CUT.has(w));
  let joiner = " ";
  const slashed = idx.slice(1, -1).some((k) => tokens[k]!.after === "/");
  if (ENUM_WORDS.test(words[0]!) && slashed) [n, joiner] = [1, "/"];
  const nameCount = n < 0 ? words.length : n;
  const rest = words.slice(nameCount).join(joiner);
  return {
    first: idx[0]!,
    last: idx[nameCount - 1]!,
    words: words.slice(0, nameCount).join(" "),
    full: words.join(" "),
    hint: [paren, rest].filter(Boolean).join(" "),
  };
}

/**
 * The entity named nearest before the opener in its clause. When that entity is the object of
 * a preposition ("deals linked to contacts with …"), the clause's subject owns the list. "Each
 * has …" and "they have …" refer back to the last entity named before.
 */
function ownerBefore(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  opener: number,
): Mention | undefined {
  const clause = tokens[opener]!.clause;
  const inClause = mentions.filter((m) => m.last < opener && tokens[m.first]!.clause === clause);
  const nearest = inClause.at(-1);
  if (nearest) {
    const before = tokens[nearest.first - 1];
    const k =
      before && /^(a|an|the|each|every|my|their|our|one)$/.test(before.word)
        ? nearest.first - 2
        : nearest.first - 1;
    const prep = tokens[k];
    const verb = tokens[k - 1];
    const afterVerb =
      verb !== undefined &&
      verb.tags.has("Verb") &&
      !verb.tags.has("Noun") &&
      !verb.tags.has("Plural");
    // "tasks inside projects with …" and "deals linked to contacts with …" describe the subject;
    // "decks of cards with …" describes the cards.
    if (prep && CONTAINMENT.has(prep.word) && inClause.length > 1)
      return inClause.filter((m) => m.last < k).at(-1) ?? inClause[0];
    if (prep && PREPOSITIONS.has(prep.word) && afterVerb && inClause.length > 1) return inClause[0];
    return nearest;
  }
  const first = tokens.findIndex((t) => t.clause === clause);
  if (first >= 0 && PRONOUN_OWNERS.has(tokens[first]!.word))
    return mentions.filter((m) => m.last < opener).at(-1);
  return undefined;
}
