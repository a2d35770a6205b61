import type { Field } from "../plan-schema.js";
import { addField, type Draft } from "./drafts.js";
import { specFields } from "./lexicon/index.js";
import { labelOf, listing, phraseOf, plural, singular } from "./words.js";

/**
 * A model's fields: what the prompt listed (plus the few fields the model cannot work without,
 * such as a task's "done"), or the lexicon's defaults when it listed none; then fields features
 * asked for, references, the owner's uid and a creation time.
 */
export const OWNER_FIELD = "ownerId";
const TEXTS = ["body", "content", "description", "notes", "text"];

export interface FieldOptions {
  markdown: boolean;
  ownerField: boolean;
  /** Models in the plan; references to others are dropped. */
  models: ReadonlySet<string>;
}

export function buildFields(draft: Draft, opts: FieldOptions, assumptions: string[]): Field[] {
  let d = draft;
  const spec = d.spec ? specFields(d.spec.id) : [];
  const fields: Field[] = [];
  const what = plural(phraseOf(d.name));
  // One field named ("tickets have status open/pending/closed") refines the usual fields; two
  // or more are the prompt's own list and replace them.
  const refine = d.named.length === 1 && spec.length > 0 ? d.named[0]! : undefined;
  if (refine) d = { ...d, extra: [refine, ...d.extra], named: [] };
  if (d.named.length > 0) {
    for (const f of d.named) addField(fields, { ...f });
    const added = spec.filter((s) => s.essential && !fields.some((f) => f.name === s.name));
    for (const s of added) addField(fields, strip(s));
    if (added.length > 0)
      assumptions.push(
        `${cap(what)} also get ${listing(added.map((f) => `"${f.label}"`))}, which they need to be useful.`,
      );
    if (!fields.some((f) => f.type === "string")) {
      const title = spec.find((s) => s.type === "string" && s.required) ?? {
        name: "title",
        label: "Title",
        type: "string" as const,
        required: true,
      };
      fields.unshift({ name: title.name, label: title.label, type: "string", required: true });
      assumptions.push(`${cap(what)} get a "${title.label}" so each one has a name in lists.`);
    }
  } else if (spec.length > 0) {
    for (const s of spec) addField(fields, strip(s));
    if (d.origin === "prompt")
      assumptions.push(
        `${cap(what)} have the usual fields: ${listing(spec.map((s) => s.label.toLowerCase()))}.`,
      );
  } else if (!d.spec) {
    fields.push(
      { name: "title", label: "Title", type: "string", required: true },
      { name: "description", label: "Description", type: "text", required: false },
    );
    assumptions.push(
      `${cap(what)} are not a kind of thing the planner knows, so they get a title and a description.`,
    );
  }
  if (refine) {
    const same = fields.findIndex((g) => g.name === refine.name);
    if (same >= 0)
      fields[same] = { ...refine, required: refine.required || fields[same]!.required };
  }
  for (const f of d.extra) if (!fields.some((g) => sameField(g, f))) addField(fields, { ...f });
  for (const r of d.refs)
    if (r.references !== d.parent && opts.models.has(r.references!)) addField(fields, { ...r });

  const dropped = fields.filter(
    (f) => f.type === "reference" && (!opts.models.has(f.references!) || f.references === d.parent),
  );
  if (opts.markdown) toMarkdown(fields);
  if (!fields.some((f) => f.required && f.type !== "reference")) {
    const first = fields.find((f) => f.type === "string" || f.type === "text");
    if (first) first.required = true;
  }
  if (opts.ownerField)
    addField(fields, { name: OWNER_FIELD, label: ownerLabel(d), type: "string", required: true });
  addField(fields, { name: "createdAt", label: "Created at", type: "datetime", required: true });
  return fields.filter((f) => !dropped.includes(f)).slice(0, 40);
}

/** "categories" repeats "category"; a second image of another name repeats the first. */
function sameField(a: Field, b: Field): boolean {
  const stem = (n: string) => singular(labelOf(n).toLowerCase());
  return (
    a.name === b.name ||
    stem(a.name) === stem(b.name) ||
    (a.type === b.type && (a.type === "image" || a.type === "file" || a.type === "geopoint"))
  );
}

/** The first body-like text field becomes markdown; a model without one gets a body. */
function toMarkdown(fields: Field[]): void {
  const text =
    TEXTS.map((n) =>
      fields.find((f) => f.name === n && (f.type === "text" || f.type === "string")),
    ).find(Boolean) ?? fields.find((f) => f.type === "text");
  if (text) text.type = "markdown";
  else fields.push({ name: "body", label: "Body", type: "markdown", required: false });
}

function strip(s: ReturnType<typeof specFields>[number]): Field {
  const f: Field = { name: s.name, label: s.label, type: s.type, required: s.required };
  if (s.options) f.options = [...s.options];
  if (s.references) f.references = s.references;
  return f;
}

/** "Author" reads better than "Owner" for what people write for others to see. */
function ownerLabel(d: Draft): string {
  return /^(Post|Comment|Message|Reply|Answer|Thread|Review|Question)$/.test(d.name)
    ? "Author"
    : "Owner";
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}
