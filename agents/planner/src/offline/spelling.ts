import nlp from "compromise";
import { GLOBAL_WORDS } from "./lexicon/index.js";
import { phrases } from "./words.js";

/**
 * Typo repair for the words the planner acts on: "notifcations", "recipies", "calender". Only
 * words it knows are targets, and only a near miss is corrected — same first letter, one edit
 * (two for long words), exactly one candidate, not an inflected real word ("noted", "booking").
 */
const FEATURE_WORDS = [
  ...phrases(
    "notifications, notification, markdown, e-commerce, ecommerce, checkout, calendar, dashboard, reminders, reminder, authentication, realtime, attachments, payments, inventory, appointments, messages, comments, categories, favorites, favourites, filters, search, uploads, images, photos, pictures, account, accounts, password, login, signup, register, administrator, admin, priority, priorities, description, schedule, weekly, monthly, daily, recipes, restaurant, subscription, collaborative, ratings, reviews, tracker, manager, website, application, prototype, marketplace, management, upload, profile, profiles, location",
  ),
];

const KNOWN: ReadonlySet<string> = new Set([
  ...FEATURE_WORDS,
  ...[...GLOBAL_WORDS.keys()].filter((w) => !w.includes(" ")),
]);
const BY_INITIAL = new Map<string, string[]>();
for (const w of KNOWN) BY_INITIAL.set(w[0]!, [...(BY_INITIAL.get(w[0]!) ?? []), w]);

/**
 * compromise's own dictionary (about 25 000 English words and forms): a word it knows is a
 * real word, even when it is one letter away from a word the planner wants ("track", "truck").
 */
const ENGLISH = (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;

/** Damerau–Levenshtein (adjacent transpositions count once), stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known word a lower-case token was meant to be, or undefined when it is fine or unclear. */
export function correction(token: string): string | undefined {
  // A plural or inflection of a known word ("passwords") is that word, not a typo of it.
  const stem = token.replace(/(es|s)$/, "");
  if (
    token.length < 5 ||
    KNOWN.has(token) ||
    KNOWN.has(stem) ||
    token in ENGLISH ||
    /(ed|ing|ly)$/.test(token)
  )
    return undefined;
  const max = token.length >= 9 ? 2 : 1;
  let best: string[] = [];
  let bestD = max + 1;
  for (const w of BY_INITIAL.get(token[0]!) ?? []) {
    const dd = distance(token, w, max);
    if (dd < bestD) [best, bestD] = [[w], dd];
    else if (dd === bestD) best.push(w);
  }
  return bestD <= max && best.length === 1 ? best[0] : undefined;
}
