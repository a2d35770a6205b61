import type { Field } from "../plan-schema.js";
import type { Draft } from "./drafts.js";
import { FEATURE_ITEM } from "./features.js";
import { optionsIn, typeField } from "./field-types.js";
import { parseFields, specFields, specById } from "./lexicon/index.js";
import type { ListItem } from "./lists.js";
import type { Mention } from "./mentions.js";
import { camelCase, isPluralWord, singular } from "./words.js";

/**
 * What one list item is: a model ("rooms"), a field ("due date"), a new model the lexicon does
 * not know ("milestones" that projects have), or nothing to plan ("push notifications", which
 * the feature stage reads).
 */
export type Classified =
  | { kind: "entity"; mention: Mention }
  | { kind: "new-entity"; phrase: string }
  | { kind: "field"; field: Field }
  | { kind: "skip"; note?: string };

const NOISE =
  /\b(a|an|the|their|its|his|her|my|our|your|each|one|some|any|optional|required|mandatory|multiple|several|many|lots of|a list of|list of|simple|basic|custom|little|tracking|tracker|logging|editor|view|support|management)\b/g;
/** Nouns that name the app, not a thing in it. */
const APP_NOUNS =
  /^(apps?|application|site|website|platform|tool|system|prototype|mvp|page|pages|screens?|ui|interface|version|design|backend|frontend|database)$/;

export interface ItemContext {
  owner: Draft | undefined;
  /** The list describes the app: an unknown plural there names a model, not a field. */
  describesApp: boolean;
  mention: Mention | undefined;
  relational: boolean;
  markdown: boolean;
  /** compromise's tags for the item's first and last words. */
  firstTags: ReadonlySet<string>;
  lastTags: ReadonlySet<string>;
}

export function classifyItem(item: ListItem, ctx: ItemContext): Classified {
  const words = item.words.replace(NOISE, " ").replace(/\s+/g, " ").trim();
  if (!words) return { kind: "skip" };
  const required = /\b(required|mandatory)\b/.test(`${item.words} ${item.hint}`);

  // "plan breakfast, lunch and dinner": values of the owner's enum, not fields.
  if (ctx.owner?.spec && specFields(ctx.owner.spec.id).some((f) => f.options?.includes(words)))
    return { kind: "skip" };
  const known =
    ctx.owner?.spec &&
    (ownerField(ctx.owner.spec.id, words, item.hint) ??
      ownerField(
        ctx.owner.spec.id,
        item.full.replace(NOISE, " ").replace(/\s+/g, " ").trim(),
        item.hint,
      ));
  if (known) return { kind: "field", field: { ...known, required: known.required || required } };

  if (ctx.mention) {
    const spec = specById(ctx.mention.specId);
    const child = ctx.owner && (spec.parents ?? []).includes(ctx.owner.name);
    if (ctx.owner && spec.asField && !child) {
      // "receipt photo" keeps its own name; a bare "photo" is the usual photo field.
      const qualified =
        words.split(" ").length > 1 ? typeField(words, item.hint, ctx.markdown).field : undefined;
      return { kind: "field", field: qualified ?? parseFields(spec.asField).map(plain)[0]! };
    }
    return { kind: "entity", mention: ctx.mention };
  }

  if (FEATURE_ITEM.test(words) || FEATURE_ITEM.test(item.full)) return { kind: "skip" };
  // "show live results", "let people vote": an action in the list, not a field.
  const plainVerb = ["Noun", "PastTense", "Participle", "Gerund", "Adjective"].every(
    (t) => !ctx.firstTags.has(t),
  );
  if (words.includes(" ") && ctx.firstTags.has("Verb") && plainVerb) return { kind: "skip" };
  const typed = typeField(words, item.hint, ctx.markdown);
  const field = { ...typed.field, required: typed.field.required || required };
  if (typed.known) return { kind: "field", field };

  const last = words.split(" ").at(-1)!;
  if (APP_NOUNS.test(last)) return { kind: "skip" };
  const nounish =
    !ctx.lastTags.has("Verb") || ctx.lastTags.has("Noun") || ctx.lastTags.has("Plural");
  const plural = isPluralWord(last) && nounish;
  if (!ctx.owner)
    return plural
      ? { kind: "new-entity", phrase: singular(words) }
      : { kind: "skip", note: `Left out "${words}": not sure what it should be.` };
  if (plural && (ctx.relational || ctx.describesApp))
    return { kind: "new-entity", phrase: singular(words) };
  return { kind: "field", field };
}

/** A field the owner's lexicon entry already has under this name ("cooking time", "notes"). */
function ownerField(specId: string, words: string, hint: string): Field | undefined {
  const names = new Set([camelCase(words), camelCase(singular(words))]);
  const spec = specFields(specId).find((f) => names.has(f.name) || names.has(camelCase(f.label)));
  if (!spec) return undefined;
  const field = plain(spec);
  const options = optionsIn(hint);
  if (options && field.type === "enum") field.options = options;
  return field;
}

function plain(f: ReturnType<typeof specFields>[number]): Field {
  const out: Field = { name: f.name, label: f.label, type: f.type, required: f.required };
  if (f.options) out.options = [...f.options];
  if (f.references) out.references = f.references;
  return out;
}
