import nlp from "compromise";
import { DOMAINS, ENTITY_SPECS, specFields } from "./lexicon/index.js";
import type { Mention } from "./mentions.js";
import type { Reading, Token } from "./read.js";
import { phrases, singular } from "./words.js";

/**
 * Names the thing an app is about when the lexicon does not know it: "a bird sighting log",
 * "an app to track my vinyl records", "keep track of my plant watering". Looks in three places
 * — before an app noun, after "for"/"to track", after a tracking verb — and keeps the last one
 * or two nouns of the phrase, minus generic words ("collection", "schedule") and verbs.
 */
export interface UnknownNoun {
  /** Singular, lower-case: "bird sighting". */
  phrase: string;
  pos: number;
}

const APP_NOUNS = phrases(
  "app, application, site, website, webapp, platform, tool, tracker, manager, system, portal, planner, organizer, organiser, log, logger, catalog, catalogue, directory, database, hub, service, clone, prototype, mvp, dashboard, finder, keeper, builder, diary",
);
const TRACK_VERBS = phrases(
  "track, manage, log, organize, organise, catalog, catalogue, collect, record, save, store, share, plan, schedule, list, rate, review, sell, rent, lend, swap, find, discover, browse, compare, follow, monitor, count, book",
);
const DETERMINERS = phrases(
  "a, an, the, my, our, your, their, his, her, all, some, of, its, every, each, this, these",
);
/** Words that describe an app or a collection rather than name what is in it. */
const GENERIC = phrases(
  "simple, small, little, basic, quick, personal, own, new, online, digital, shared, team, family, mobile, web, cool, nice, minimal, modern, private, public, collaborative, tiny, lightweight, full, complete, easy, free, open, social, local, community, internal, company, office, home, daily, weekly, monthly, dark, light, beautiful, clean, playful, fun, custom, smart, ai, tracking, management, sharing, planning, collection, list, schedule, history, details, info, information, data, stuff, things, thing, something, way, place, records, record, entries, entry, progress, habit, overview, status, everything, time, basic, one, app, apps, kind, sort, type, bunch, lot, lots, set, group, variety, number, amount, link, links, url, urls, results, result, hours, hour, minutes, dates, date, times, slots, days, weeks, months, years, updates, what, who, how",
);

/** Words that say who the app is for ("my team", "our class"): an audience, not a thing. */
const AUDIENCES = phrases(
  "team, family, class, club, household, company, office, friends, kids, children, students, business, school, group, church, community, users, people, customers, clients, members, staff, everyone, me, us, myself",
);
/** Values of the lexicon's enums ("breakfast", "high"): a value, not a thing. */
const ENUM_VALUES = new Set(
  ENTITY_SPECS.flatMap((s) => specFields(s.id).flatMap((f) => f.options ?? [])),
);

/**
 * The last resort when nothing else named a model: the first noun phrase compromise finds
 * ("a guestbook where …" → guestbook), minus generic and audience words.
 */
export function firstNoun(text: string): string | undefined {
  type NounJson = { noun?: { root?: string } };
  for (const n of nlp(text).nouns().json() as NounJson[]) {
    const words = (n.noun?.root ?? "")
      .toLowerCase()
      .split(/[^a-z-]+/)
      .filter((w) => w.length > 2 && !GENERIC.has(w) && !AUDIENCES.has(w) && !APP_NOUNS.has(w));
    if (words.length > 0) return singular(words.slice(-2).join(" "));
  }
  return undefined;
}

export function unknownNouns(reading: Reading, mentions: readonly Mention[]): UnknownNoun[] {
  const { tokens } = reading;
  const covered = new Set(mentions.flatMap((m) => range(m.first, m.last)));
  const found: UnknownNoun[] = [];
  tokens.forEach((t, i) => {
    if (APP_NOUNS.has(t.word) && !covered.has(i)) {
      push(found, phraseFrom(tokens, backwards(tokens, i), covered), i);
      const next = tokens[i + 1];
      // "a site for a photographer", "an app for my team": who it is for, not what it keeps.
      if (next?.word === "for" || next?.word === "of")
        push(found, phraseFrom(tokens, forwards(tokens, i + 2), covered, next.word === "for"), i);
    }
    if (
      TRACK_VERBS.has(t.word) &&
      !covered.has(i) &&
      (t.tags.has("Verb") || tokens[i - 1]?.word === "to")
    ) {
      const start = tokens[i + 1]?.word === "of" ? i + 2 : i + 1;
      push(found, phraseFrom(tokens, forwards(tokens, start), covered), i);
    }
    if (t.word === "track" && tokens[i + 1]?.word === "of")
      push(found, phraseFrom(tokens, forwards(tokens, i + 2), covered), i);
  });
  const seen = new Set<string>();
  return found.filter((u) => !seen.has(u.phrase) && seen.add(u.phrase)).slice(0, 2);
}

function push(out: UnknownNoun[], phrase: string | undefined, pos: number) {
  if (phrase && !DOMAINS.some((d) => d.triggers.test(phrase))) out.push({ phrase, pos });
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, k) => a + k);
}

/** The run of words before an app noun, stopping at a determiner or punctuation. */
function backwards(tokens: readonly Token[], i: number): number[] {
  const out: number[] = [];
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k]!;
    if (
      t.clause !== tokens[i]!.clause ||
      t.after !== "" ||
      DETERMINERS.has(t.word) ||
      t.tags.has("Preposition")
    )
      break;
    out.unshift(k);
  }
  return out;
}

/** The noun phrase from `start`: skips determiners, stops at a verb, preposition or comma. */
function forwards(tokens: readonly Token[], start: number): number[] {
  const out: number[] = [];
  for (let k = start; k < tokens.length && out.length < 5; k++) {
    const t = tokens[k]!;
    if (t.clause !== tokens[start]?.clause) break;
    if (out.length === 0 && DETERMINERS.has(t.word)) continue;
    if (
      t.tags.has("Preposition") ||
      t.tags.has("Conjunction") ||
      (t.tags.has("Verb") && !t.tags.has("Noun") && !t.tags.has("Gerund")) ||
      DETERMINERS.has(t.word)
    )
      break;
    out.push(k);
    if (t.after !== "") break;
  }
  return out;
}

/** The last one or two real nouns of a phrase, singular; undefined if a known entity is in it. */
function phraseFrom(
  tokens: readonly Token[],
  idx: readonly number[],
  covered: ReadonlySet<number>,
  audience = false,
): string | undefined {
  if (idx.length === 0 || idx.some((k) => covered.has(k))) return undefined;
  const head = tokens[idx.at(-1)!]!;
  if (
    AUDIENCES.has(head.word) ||
    ENUM_VALUES.has(head.word) ||
    (audience && head.tags.has("Actor"))
  )
    return undefined;
  const nouns = idx
    .map((k) => tokens[k]!)
    .filter(
      (t) =>
        !GENERIC.has(t.word) &&
        !t.tags.has("Gerund") &&
        !t.tags.has("Pronoun") &&
        !t.tags.has("Adverb") &&
        !/^\d/.test(t.word) &&
        !(t.tags.has("Adjective") && !t.tags.has("Noun")) &&
        !APP_NOUNS.has(t.word),
    )
    .map((t) => t.word);
  const picked = nouns.slice(-2);
  if (picked.length === 0 || picked.some((w) => w.length < 3)) return undefined;
  return singular(picked.join(" "));
}
