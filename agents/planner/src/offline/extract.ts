import type { Field } from "../plan-schema.js";
import { classifyItem } from "./classify.js";
import { DraftBook, addField, type Draft } from "./drafts.js";
import { specById, type DomainSpec } from "./lexicon/index.js";
import { findLists } from "./lists.js";
import { findMentions, namedDomains, type Mention } from "./mentions.js";
import type { Reading } from "./read.js";
import { findRelations } from "./relations.js";
import { firstNoun, unknownNouns } from "./unknown-nouns.js";
import { phraseOf, plural } from "./words.js";

/**
 * Entity extraction: which models the app has, the fields the prompt gave them and how they
 * relate. Reads named entities, unknown nouns, field lists and relation phrases, then fills in
 * the named domains' usual models and a main model for app-level fields.
 */
export interface Extraction {
  book: DraftBook;
  main: Draft;
  domains: DomainSpec[];
  mentions: Mention[];
  /** Token indices a list item used, so feature hints there are not read twice. */
  consumed: Set<number>;
  notes: string[];
  assumptions: string[];
}

/** Models past this many are dropped: a prototype with more is better split up. */
export const MAX_MODELS = 12;
const DEFAULT_POS = 1_000_000;

export function extractEntities(reading: Reading, markdown: boolean): Extraction {
  const domains = namedDomains(reading.lower);
  const mentions = findMentions(reading, domains);
  const book = new DraftBook();
  const notes: string[] = [];
  const assumptions: string[] = [];
  const consumed = new Set<number>();
  const consumedAsField = new Set<number>();

  const unknown = unknownNouns(reading, mentions).map((u) =>
    book.fromPhrase(u.phrase, u.pos, "prompt"),
  );
  const clauseOf = (i: number) => reading.tokens[i]?.clause;

  const appFields: Field[] = [];
  for (const list of findLists(reading, mentions)) {
    // "A bird sighting log with …": the thing the app head names owns the app's list.
    const owner = list.owner
      ? book.fromSpec(list.owner.specId, list.owner.first, "prompt")
      : unknown.find((d) => d.pos < list.at && clauseOf(d.pos) === clauseOf(list.at));
    for (const item of list.items) {
      const mention = mentions.find((m) => m.first >= item.first && m.last === item.last);
      const modifier = mentions.find((m) => m.first >= item.first && m.last < item.last);
      if (modifier && !mention) item.words = wordsAfter(reading, modifier.last, item.last);
      const lastTags = reading.tokens[item.last]!.tags;
      const firstTags = reading.tokens[item.first]!.tags;
      const c = classifyItem(item, {
        owner,
        describesApp: list.describesApp,
        mention,
        relational: list.relational,
        markdown,
        firstTags,
        lastTags,
      });
      if (c.kind === "skip") {
        if (c.note) notes.push(c.note);
        continue;
      }
      for (let k = item.first; k <= item.last; k++) consumed.add(k);
      if (c.kind === "field") for (let k = item.first; k <= item.last; k++) consumedAsField.add(k);
      if (c.kind === "field")
        addField(owner ? (list.describesApp ? owner.extra : owner.named) : appFields, c.field);
      else {
        const child =
          c.kind === "entity"
            ? book.fromSpec(c.mention.specId, c.mention.first, "prompt")
            : book.fromPhrase(c.phrase, item.first, "prompt");
        const plural = c.kind === "entity" ? c.mention.plural : true;
        // A "with" list makes a parent only of what can live under it ("posts with comments",
        // not "posts with followers"); a singular model is a reference either way.
        const canParent =
          !plural ||
          list.relational ||
          !child.spec ||
          (child.spec.parents ?? []).some((p) => p === owner?.name || p === "*");
        if (owner && child !== owner && !list.describesApp && canParent)
          relate(owner, child, plural);
      }
    }
  }

  // Named entities become models unless a list used the word as a field ("recipes with a photo").
  for (const m of mentions)
    if (!consumedAsField.has(m.first)) book.fromSpec(m.specId, m.first, "prompt");

  for (const r of findRelations(reading, mentions)) {
    const from = book.get(r.kind === "parent" ? r.child : r.from);
    if (r.kind === "parent" && from && !from.parentStated)
      [from.parent, from.parentStated] = [r.parent, true];
    if (r.kind === "reference" && from) addField(from.refs, r.field);
  }

  addDomainModels(book, domains, assumptions);
  if (book.size === 0) fallback(book, reading, assumptions);
  const main = chooseMain(book);
  for (const f of appFields) addField(main.extra, f);
  defaultParents(book, main, assumptions);
  trim(book, main, notes);
  return { book, main, domains, mentions, consumed, notes, assumptions };
}

function wordsAfter(reading: Reading, from: number, to: number): string {
  return reading.tokens
    .slice(from + 1, to + 1)
    .map((t) => t.word)
    .join(" ");
}

/** "rooms have messages": a plural child lives under the owner; "each deal has a contact" refers. */
function relate(owner: Draft, child: Draft, pluralChild: boolean): void {
  if (pluralChild) {
    if (!child.parentStated && child.name !== owner.parent)
      [child.parent, child.parentStated] = [owner.name, true];
  } else
    addField(owner.refs, {
      name: child.name[0]!.toLowerCase() + child.name.slice(1),
      label: child.name,
      type: "reference",
      references: child.name,
      required: false,
    });
}

function addDomainModels(
  book: DraftBook,
  domains: readonly DomainSpec[],
  assumptions: string[],
): void {
  let pos = DEFAULT_POS;
  for (const d of domains) {
    const added: string[] = [];
    for (const entry of d.core) {
      const options = entry.split("|");
      if (options.some((id) => book.has(specById(id).name))) continue;
      const draft = book.fromSpec(options[0]!, pos++, "domain");
      added.push(plural(phraseOf(draft.name)));
    }
    if (added.length > 0)
      assumptions.push(
        `A ${d.id.replace(/-/g, " ")} app usually keeps ${added.join(" and ")}, so the plan has ${added.length === 1 ? "that model" : "those models"}.`,
      );
  }
}

/** Nothing named a model: the prompt's first noun, else a generic "Item", and say so. */
function fallback(book: DraftBook, reading: Reading, assumptions: string[]): void {
  const noun = firstNoun(reading.text.split(/[.!?]/)[0] ?? reading.text);
  const d = book.fromPhrase(noun ?? "item", DEFAULT_POS * 2, "fallback");
  assumptions.push(
    `The planner did not recognise what the app keeps, so it keeps ${plural(phraseOf(d.name))} with a title and description.`,
  );
}

/** The first model named that is not by nature a child (a comment, a message), else the first. */
function chooseMain(book: DraftBook): Draft {
  const all = book.all();
  const childHere = (d: Draft) =>
    (d.spec?.parents ?? []).some((p) => p === "*" || (p !== d.name && book.has(p)));
  return (
    all.find((d) => !d.parentStated && !childHere(d) && !d.spec?.social) ??
    all.find((d) => !d.parentStated) ??
    all[0]!
  );
}

/** Usual parents from the lexicon ("a message is in a room") when the prompt stated none. */
function defaultParents(book: DraftBook, main: Draft, assumptions: string[]): void {
  for (const d of book.all()) {
    if (d.parentStated || d === main) continue;
    const parents = (d.spec?.parents ?? []).map((p) => (p === "*" ? main.name : p));
    const parent = parents.find(
      (p) => p !== d.name && book.has(p) && !ancestors(book, p).has(d.name),
    );
    if (!parent) continue;
    d.parent = parent;
    assumptions.push(
      `Each ${phraseOf(d.name)} belongs to ${phraseOf(parent).replace(/^/, /^[aeiou]/.test(parent.toLowerCase()) ? "an " : "a ")} (stored under it).`,
    );
  }
  for (const d of book.all())
    if (d.parent && (d.parent === d.name || ancestors(book, d.parent).has(d.name)))
      d.parent = undefined;
}

function ancestors(book: DraftBook, name: string): Set<string> {
  const out = new Set<string>();
  for (let p: string | undefined = name; p && !out.has(p); p = book.get(p)?.parent) out.add(p);
  return out;
}

function trim(book: DraftBook, main: Draft, notes: string[]): void {
  const extra = book
    .all()
    .filter((d) => d !== main)
    .slice(MAX_MODELS - 1);
  for (const d of extra) book.remove(d.name);
  if (extra.length > 0)
    notes.push(`Kept ${MAX_MODELS} models; left out ${extra.map((d) => d.name).join(", ")}.`);
}
