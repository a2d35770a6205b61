import type { AccessPolicy, Feature, Model } from "../plan-schema.js";
import type { AccessResult } from "./access.js";
import type { Extraction } from "./extract.js";
import type { Hit } from "./features.js";
import { buildFields } from "./fields.js";
import type { Reading } from "./read.js";
import { draftsInClause, targetAt } from "./targets.js";
import { camelCase, phraseOf, plural } from "./words.js";

/**
 * Drafts into the plan's models: fields, collection, parent, access, owner field and whether
 * lists update live. Markdown and realtime go to the model the prompt said them about (or the
 * main model); a chat's rooms and messages are live by nature.
 */
export function buildModels(
  x: Extraction,
  reading: Reading,
  decided: AccessResult,
  features: readonly Hit<Feature>[],
): Model[] {
  const drafts = x.book.all();
  const names = new Set(drafts.map((d) => d.name));
  const markdown = new Set(
    features
      .filter((f) => f.key === "markdown")
      .map((f) => targetAt(reading, f.start, x.mentions, x.book, x.main).name),
  );
  const live = new Set(drafts.filter((d) => d.spec?.realtime).map((d) => d.name));
  for (const f of features.filter((h) => h.key === "realtime")) {
    const inClause = draftsInClause(reading, f.start, x.mentions, x.book);
    for (const d of inClause.length > 0 ? inClause : [x.main]) live.add(d.name);
  }
  // A live list's children are shown with it, so they update live too.
  for (const d of drafts) if (d.parent && live.has(d.parent)) live.add(d.name);
  if (live.size > 0)
    x.assumptions.push(
      `${listing([...live].map((n) => plural(phraseOf(n))))} update live, without reloading.`,
    );

  const collections = new Set<string>();
  return drafts.map((d) => {
    const access: AccessPolicy = decided.access.get(d.name) ?? { kind: "owner" };
    const owned =
      access.kind === "owner" ||
      access.kind === "shared" ||
      (access.kind === "public-read" && !access.roles);
    const fields = buildFields(
      d,
      { markdown: markdown.has(d.name), ownerField: owned, models: names },
      x.assumptions,
    );
    const model: Model = {
      name: d.name,
      collection: uniqueCollection(camelCase(plural(phraseOf(d.name))), collections),
      fields,
      access,
      realtime: live.has(d.name),
    };
    if (d.parent && names.has(d.parent)) model.parent = d.parent;
    if (owned) model.ownerField = "ownerId";
    return model;
  });
}

function uniqueCollection(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 38)}${n}`;
  taken.add(name);
  return name;
}

function listing(items: string[]): string {
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  if (items.length <= 1) return cap(items.join(""));
  return cap(`${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
}
