import type { AppPlan, Field, Model } from "../plan-schema.js";
import type { EntitySpec } from "./lexicon/index.js";
import { kebabCase, phraseOf } from "./words.js";

/**
 * Two or three seed documents per model: the lexicon's realistic examples where it has them,
 * values made from each field's type where it does not (a field the prompt added, a model the
 * lexicon does not know). Uploads, references and owner uids are left to the seeding step,
 * which knows the real storage paths, ids and demo user. Fixed values keep plans deterministic.
 */
type Seed = AppPlan["seed"][number];

const ORDINALS = ["First", "Second", "Third"];
const DATES = ["2025-03-10", "2025-03-17", "2025-03-24"];
const TIMES = ["2025-03-10T09:00:00.000Z", "2025-03-12T14:30:00.000Z", "2025-03-15T18:00:00.000Z"];
const SKIP = new Set(["image", "file", "reference"]);

export function planSeed(
  models: readonly Model[],
  specs: ReadonlyMap<string, EntitySpec | undefined>,
): Seed[] {
  return models.flatMap((m) => {
    const examples = specs.get(m.name)?.seed ?? [];
    const count = Math.max(2, Math.min(3, examples.length || 3));
    return Array.from({ length: count }, (_, i) => ({
      model: m.name,
      data: documentFor(m, examples[i] ?? {}, i),
    }));
  });
}

function documentFor(
  m: Model,
  example: Readonly<Record<string, unknown>>,
  i: number,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of m.fields) {
    if (SKIP.has(f.type) || f.name === m.ownerField) continue;
    if (f.name === "createdAt") data[f.name] = TIMES[i];
    else if (f.name in example && fits(example[f.name], f)) data[f.name] = example[f.name];
    else data[f.name] = valueFor(f, m, i);
  }
  return data;
}

/** A lexicon value is kept only if it still fits the field (the prompt may have retyped it). */
function fits(value: unknown, f: Field): boolean {
  switch (f.type) {
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "tags":
      return Array.isArray(value);
    case "enum":
      return typeof value === "string" && (f.options ?? []).includes(value);
    case "geopoint":
      return typeof value === "object" && value !== null && "lat" in value;
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case "datetime":
      return typeof value === "string" && /T\d{2}:/.test(value);
    default:
      return typeof value === "string";
  }
}

function valueFor(f: Field, m: Model, i: number): unknown {
  const thing = phraseOf(m.name);
  switch (f.type) {
    case "number":
      return [3, 7, 12][i];
    case "boolean":
      return i % 2 === 1;
    case "date":
      return DATES[i];
    case "datetime":
      return TIMES[i];
    case "email":
      return `person${i + 1}@example.com`;
    case "url":
      return `https://example.com/${kebabCase(m.name)}/${i + 1}`;
    case "tags":
      return [["work"], ["home", "ideas"], ["later"]][i];
    case "enum":
      return f.options![i % f.options!.length];
    case "geopoint":
      return { lat: 51.5072 + i / 100, lng: -0.1276 + i / 100 };
    case "text":
    case "markdown":
      return `${f.label} of the ${ORDINALS[i]!.toLowerCase()} ${thing}.`;
    default:
      return /^(title|name|subject)$/.test(f.name)
        ? `${ORDINALS[i]} ${thing}`
        : `${f.label} ${i + 1}`;
  }
}
