import type { Field, FieldType } from "../plan-schema.js";
import { camelCase, isPluralWord, labelOf, singular } from "./words.js";

/**
 * Types a field from the words that name it: "due date" → date, "price" → number, "avatar" →
 * image, "priority (low/medium/high)" → enum. Rules are ordered: the first that matches wins,
 * so the specific ("phone number" is a string) comes before the general ("number").
 */
interface Rule {
  test: RegExp;
  type: FieldType;
  options?: readonly string[];
}

const RULES: readonly Rule[] = [
  {
    test: /\b(phone|mobile|telephone|cell|fax|isbn|sku|zip|post ?code|postal code|serial|tracking|reference|(invoice|order|account|jersey|licen[cs]e) number|plate|code)\b/,
    type: "string",
  },
  { test: /\be-?mails?( address(es)?)?\b/, type: "email" },
  { test: /\b(url|urls|links?|websites?|homepage|web ?site)\b/, type: "url" },
  {
    test: /\b(photos?|images?|pictures?|pics?|avatars?|thumbnails?|cover( image| photo)?|logos?|screenshots?|posters?|headshots?|selfies?|receipts?|scans?)\b/,
    type: "image",
  },
  {
    test: /\b(files?|attachments?|documents?|pdfs?|resumes?|cvs?|videos?|audio|recordings?|voice notes?|uploads?)\b/,
    type: "file",
  },
  {
    test: /\b(location|coordinates|geo ?location|gps|map (pin|location)|lat(itude)?\b.*\blong(itude)?)\b/,
    type: "geopoint",
  },
  { test: /\b(tags|labels|keywords|hashtags|categories|tag)\b/, type: "tags" },
  {
    test: /\b(date ?time|timestamp|starts? at|ends? at|(start|end|pickup|drop-?off|arrival|departure|meeting|appointment|event|check-?in|check-?out) time|time ?slot|slot)\b/,
    type: "datetime",
  },
  {
    test: /\b(duration|minutes|mins|hours|hrs|seconds|time spent|(cooking|cook|prep|preparation|reading|travel|running|total|wait|bake|baking) time)\b/,
    type: "number",
  },
  { test: /\b(dates?|deadlines?|due|birthdays?|birth ?date|dob|anniversary|day)\b/, type: "date" },
  { test: /\btime\b/, type: "datetime" },
  {
    test: /^(is |has )?(done|complete|completed|finished|archived|pinned|published|paid|active|favou?rite|starred|read|watched|visited|available|private|featured|in stock|verified|approved|resolved|checked|bought|purchased|returned|attended|enabled|public|urgent|recurring)( flag| status)?$/,
    type: "boolean",
  },
  { test: /\bpriority\b/, type: "enum", options: ["low", "medium", "high"] },
  { test: /\bstatus\b/, type: "enum", options: ["todo", "in progress", "done"] },
  { test: /\bstage\b/, type: "enum", options: ["lead", "qualified", "won", "lost"] },
  { test: /\bdifficulty\b/, type: "enum", options: ["easy", "medium", "hard"] },
  { test: /\bmood\b/, type: "enum", options: ["great", "good", "okay", "bad"] },
  { test: /\bseverity\b/, type: "enum", options: ["low", "medium", "high"] },
  { test: /\bfrequency\b/, type: "enum", options: ["daily", "weekly", "monthly"] },
  { test: /\bcondition\b/, type: "enum", options: ["new", "good", "fair", "poor"] },
  { test: /\bvisibility\b/, type: "enum", options: ["private", "shared", "public"] },
  { test: /\blevel\b/, type: "enum", options: ["beginner", "intermediate", "advanced"] },
  { test: /\bsize\b/, type: "enum", options: ["small", "medium", "large"] },
  { test: /\brsvp\b/, type: "enum", options: ["yes", "no", "maybe"] },
  {
    test: /\b(price|prices|cost|costs|amount|total|budget|salary|wage|fee|quantity|qty|count|number of|age|weight|height|reps|sets|calories|distance|score|points|stock|capacity|servings|ratings?|stars|year|pages|km|miles|steps count|bedrooms|bathrooms|mileage|grade|streak|goal|percent(age)?|progress|balance|limit|rate|sqft|square (feet|metres|meters)|seats|guests|party size|length|temperature|votes|likes|views|number)\b/,
    type: "number",
  },
  {
    test: /\b(description|body|content|notes?|bio|summary|details|instructions|text|comments?|messages?|ingredients|steps|directions|reviews?|answers?|story|recap|transcript|feedback|reason|about|agenda|minutes of)\b/,
    type: "text",
  },
];

/** Words that say something about a field rather than name it. */
const NOISE =
  /\b(a|an|the|their|its|his|her|my|our|your|each|one|some|any|optional|required|mandatory|field|fields|multiple|several|many|lots of|list of|a list of|plus)\b/g;

export interface TypedField {
  field: Field;
  /** A rule named it (rather than the string fallback): a word that is surely a field. */
  known: boolean;
}

/**
 * Types a field phrase. `hint` is what followed it in parentheses or after a colon ("low/medium/
 * high", "1-5", "optional"); `markdown` says the prompt asked for markdown, which makes a
 * body or content field markdown rather than plain text.
 */
export function typeField(phrase: string, hint = "", markdown = false): TypedField {
  const clean = phrase.toLowerCase().replace(NOISE, " ").replace(/\s+/g, " ").trim();
  const single = singular(clean);
  const rule = RULES.find((r) => r.test.test(clean) || r.test.test(single));
  let type: FieldType = rule?.type ?? "string";
  let options = rule?.options ? [...rule.options] : undefined;

  const listed = optionsIn(hint);
  if (listed) {
    type = "enum";
    options = listed;
  } else if (/^\s*\d+\s*(-|to|–)\s*\d+\s*(stars?)?\s*$/.test(hint)) type = "number";
  if (type !== "enum") options = undefined;
  if (type === "text" && markdown && /\b(body|content|notes?|description|text)\b/.test(clean))
    type = "markdown";

  // "map location", "gps coordinates": the place itself is the location.
  const named =
    type === "geopoint" && /^(map |gps |geo )?(location|coordinates|pin)$/.test(clean)
      ? "location"
      : clean;
  const name = camelCase(nameWords(named || phrase, type)) || "value";
  const required = /\b(required|mandatory|must have)\b/.test(`${phrase} ${hint}`);
  const field: Field = { name, label: labelOf(name), type, required };
  if (options) field.options = options;
  return { field, known: rule !== undefined || listed !== undefined };
}

/** Singular names for one-value fields ("photos" → photo); lists keep their plural. */
function nameWords(clean: string, type: FieldType): string {
  const last = clean.split(" ").at(-1) ?? clean;
  // "number of guests" counts guests: the plural belongs to the phrase.
  if (
    type === "tags" ||
    type === "text" ||
    type === "markdown" ||
    / of /.test(clean) ||
    !isPluralWord(last)
  )
    return clean;
  return singular(clean);
}

/** "low/medium/high", "low, medium or high", "one of: a | b" → the options, or undefined. */
export function optionsIn(hint: string): string[] | undefined {
  const text = hint.replace(/^\s*(e\.?g\.?|one of|either|options?|values?)\s*:?\s*/i, "").trim();
  if (!/[/,|]|\bor\b/.test(text)) return undefined;
  const parts = text
    .split(/\s*(?:\/|,|\||\bor\b|\band\b)\s*/i)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  const unique = [...new Set(parts)];
  const ok =
    unique.length >= 2 &&
    unique.length <= 20 &&
    unique.every((p) => p.length <= 40 && /^[a-z0-9][a-z0-9 +&'-]*$/.test(p));
  return ok ? unique : undefined;
}
