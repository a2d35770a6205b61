import type { AppModel, ModelInfo } from "../analyze.js";
import type { SmokeAction } from "./smoke-action.js";

/**
 * Reading the words of one smoke step: how it chains actions, its verb, the model it names,
 * and the title, tags and numbers it quotes. No decisions about what the step does.
 */

const VERBS: Array<[SmokeAction["kind"], RegExp]> = [
  ["sign-up", /\bsign(?:s|ed|ing)?[ -]?up\b|\bregister|\bcreates? an account/i],
  ["sign-out", /\bsign(?:s|ed)?[ -]?out\b|\blog(?:s|ged)?[ -]?out\b/i],
  ["sign-in", /\bsign(?:s|ed)?[ -]?in\b|\blog(?:s|ged)?[ -]?in\b/i],
  ["checkout", /\bcheck(?:s|ed)?[ -]?out\b|\bplaces? (?:an |the )?order\b|\bpays?\b/i],
  ["search", /\bsearch|\bfinds?\b/i],
  ["filter-tag", /\bfilter/i],
  ["delete", /\bdelete|\bremove/i],
  ["edit", /\bedit|\brename|\bupdate|\bchange/i],
  ["create", /\bcreate|\badd|\bpost|\bwrite|\bsend|\bnew\b|\bupload|\bmake|\bstart|\bopen a\b/i],
  ["see", /\bsees?\b|\bview|\bopen|\blist|\bshows?\b|\bappears?|\bvisible|\bbrowse|\bread/i],
];

/**
 * `tagged "smoke"`, `tag "smoke"`, `tagged with #smoke` (group 1–3: the tag) — or, in the
 * second alternative, a quoted text, matched whole so a tag word inside it is not read.
 */
const TAG_OR_QUOTE =
  /\b(?:tagged|tag)\s+(?:with\s+)?(?:the\s+tag\s+)?(?:"([^"]+)"|“([^”]+)”|#?([\w-]+))|"[^"]*"|“[^”]*”/gi;
/** `as "Image"`: a quoted field label, not a title. */
const AS_FIELD = /\b(?:as|in|into)\s+(?:"[^"]+"|“[^”]+”)/gi;
/** Words after "tag" or before " tag" that are grammar, not a tag's name. */
export const NOT_TAGS = new Set(["the", "a", "an", "that", "this", "with"]);

export function tagsIn(step: string): string[] {
  const tags = [...step.matchAll(TAG_OR_QUOTE)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((t): t is string => t !== undefined)
    .map((t) => t.toLowerCase().replace(/^#/, ""))
    .filter((t) => !NOT_TAGS.has(t));
  return [...new Set(tags)];
}

/** The title a step gives, leaving out quoted tags and `as "Field"` labels. */
export function titleIn(step: string): string | undefined {
  const untagged = step.replace(TAG_OR_QUOTE, (m, a, b, c) =>
    a === undefined && b === undefined && c === undefined ? m : " ",
  );
  return quoted(untagged.replace(AS_FIELD, " "));
}

/**
 * Splits "sign out and sign in as user B" into the steps it chains; an "and" that does not
 * start another action ("a note and no untagged ones") stays.
 */
export function splitStep(step: string): string[] {
  return step
    .split(
      /\s+and\s+(?=(?:then\s+)?(?:sign|log|create|add|open|see|fill|save|search|filter|check|edit|delete|remove)\b)/i,
    )
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The text in quotes, or after "titled"/"named"/"called", if the step names one. */
export function quoted(step: string): string | undefined {
  const q = /"([^"]+)"|“([^”]+)”/.exec(step);
  if (q) return (q[1] ?? q[2])!.trim();
  const named =
    /\b(?:titled|named|called|saying)\s+([^,.;"]+?)(?:\s+(?:with|and|in|to|for)\b|[,.;]|$)/i.exec(
      step,
    );
  return named?.[1]?.trim();
}

/** The model a step talks about: the longest of its names found in the step. */
export function modelIn(app: AppModel, step: string): ModelInfo | undefined {
  const lower = step.toLowerCase();
  const candidates = app.models.flatMap((m) =>
    [m.plural, m.label, m.model.collection.toLowerCase(), m.name.toLowerCase()].map((name) => ({
      m,
      name,
    })),
  );
  candidates.sort((a, b) => b.name.length - a.name.length);
  return candidates.find(({ name }) => new RegExp(`\\b${escapeRegExp(name)}\\b`).test(lower))?.m;
}

/** The number fields a step sets ("with price 25", "price: $3.50"), by field name. */
export function numbersIn(model: ModelInfo, step: string): Record<string, string> {
  const numbers: Record<string, string> = {};
  for (const f of model.fields.filter((f) => f.type === "number")) {
    const re = new RegExp(
      `\\b(?:${escapeRegExp(f.label)}|${f.name})\\s*(?:of|=|:|is)?\\s*\\$?(\\d+(?:\\.\\d+)?)`,
      "i",
    );
    const found = re.exec(step);
    if (found) numbers[f.name] = found[1]!;
  }
  return numbers;
}

/** The verb said first ("see the new order": a look, not a creation); ties go by `VERBS`. */
export function verbOf(step: string): SmokeAction["kind"] | undefined {
  let best: { kind: SmokeAction["kind"]; at: number } | undefined;
  for (const [kind, re] of VERBS) {
    const at = re.exec(step)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { kind, at };
  }
  return best?.kind;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
