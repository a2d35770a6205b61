import nlp from "compromise";

/**
 * Word helpers: inflection through compromise (which knows irregular plurals — people,
 * analyses, wolves) and the casings the plan needs. Results are cached: the same words come
 * back for every prompt, and compromise builds a document per call.
 */

/** Words that read as plural but are one thing, or have no singular worth using. */
const INVARIANT = phrases(
  "news, series, species, data, media, status, canvas, bus, class, address, business, process, analysis, basis, crisis, diagnosis, thesis, campus, focus, bonus, virus, census, corpus, gas, glass, boss, access, progress, fitness, wellness, mattress, sms, rss, faq, gps, cms, crm, lms, ios",
);

/**
 * A set from a comma-separated list: word lists read better as prose than as one quoted
 * string per line.
 */
export function phrases(list: string): ReadonlySet<string> {
  return new Set(
    list
      .split(",")
      .map((w) => w.trim())
      .filter(Boolean),
  );
}

const singularCache = new Map<string, string>();
const pluralCache = new Map<string, string>();

/** Short and function words that end in "s" without being plural nouns. */
const NOT_PLURAL = phrases(
  "this, thus, does, goes, plus, less, unless, always, perhaps, sometimes, besides, towards, hers, ours, yours, theirs, whereas, across, series, yes, its, his, has, was, is, us, as",
);

/** Whether a lower-case word reads as a plural noun ("tasks", "people"), judged by form. */
export function isPluralWord(word: string): boolean {
  if (INVARIANT.has(word) || NOT_PLURAL.has(word) || word.length < 3) return false;
  if (word === "people" || word === "children" || word === "men" || word === "women") return true;
  return /[^su]s$/.test(word) || /(ies|ses|xes|ches|shes|zzes)$/.test(word);
}

/** Inflects the part after a word's last hyphen: "check-ins" ↔ "check-in", "to-dos" ↔ "to-do". */
function hyphenated(word: string, inflect: (w: string) => string): string | undefined {
  const cut = word.lastIndexOf("-");
  return cut > 0 ? `${word.slice(0, cut + 1)}${inflect(word.slice(cut + 1))}` : undefined;
}

/** The singular of a lower-case word or phrase ("bird sightings" → "bird sighting"). */
export function singular(phrase: string): string {
  const words = phrase.split(" ");
  const last = words.at(-1) ?? "";
  const h = hyphenated(last, singular);
  if (h) return [...words.slice(0, -1), h].join(" ");
  if (!isPluralWord(last)) return phrase;
  let s = singularCache.get(last);
  if (s === undefined) {
    // Tag first: compromise only inflects what it has tagged as a plural noun.
    const doc = nlp(last);
    doc.tag("Plural");
    s = doc.nouns().toSingular().text().toLowerCase() || last;
    // compromise leaves words it takes for names alone ("lessons" → "lessons").
    if (s === last)
      s = last
        .replace(/ies$/, "y")
        .replace(/(s|x|z|ch|sh)es$/, "$1")
        .replace(/s$/, "");
    singularCache.set(last, s);
  }
  return [...words.slice(0, -1), s].join(" ");
}

/** The plural of a lower-case singular word or phrase ("category" → "categories"). */
export function plural(phrase: string): string {
  const words = phrase.split(" ");
  const last = words.at(-1) ?? "";
  const h = hyphenated(last, plural);
  if (h) return [...words.slice(0, -1), h].join(" ");
  let p = pluralCache.get(last);
  if (p === undefined) {
    const doc = nlp(last);
    doc.tag("Singular");
    p = INVARIANT.has(last) ? last : doc.nouns().toPlural().text().toLowerCase() || last;
    // compromise leaves words it takes for names alone ("lesson"); English rules then.
    if (p === last && !INVARIANT.has(last))
      p = /[^aeiou]y$/.test(last)
        ? `${last.slice(0, -1)}ies`
        : /(s|x|z|ch|sh)$/.test(last)
          ? `${last}es`
          : `${last}s`;
    pluralCache.set(last, p);
  }
  return [...words.slice(0, -1), p].join(" ");
}

/** Letters and digits of a phrase, split into lower-case words. */
export function wordsOf(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** "due date" → "dueDate"; capped at the schema's 40 characters; never starts with a digit. */
export function camelCase(phrase: string): string {
  const ws = wordsOf(phrase);
  const joined = ws.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join("");
  const safe = /^[a-z]/.test(joined) ? joined : `n${joined}`;
  return safe.slice(0, 40);
}

/** "bird sighting" → "BirdSighting". */
export function pascalCase(phrase: string): string {
  const c = camelCase(phrase);
  return c[0]!.toUpperCase() + c.slice(1);
}

/** "chatRooms" → "chat-rooms"; "Team Notes" → "team-notes". */
export function kebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join("-");
}

/** "dueDate" → "Due date": what a person reads next to the input. */
export function labelOf(name: string): string {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced[0]!.toUpperCase() + spaced.slice(1);
}

/** "BirdSighting" → "bird sighting"; for sentences in assumptions and smoke steps. */
export function phraseOf(modelName: string): string {
  return labelOf(modelName).toLowerCase();
}

/** "a" or "an", by the sound of the first letter (good enough for model names). */
export function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) ? "an" : "a";
}

/** "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
