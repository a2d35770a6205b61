import { plural, singular } from "../words.js";
import { COMMERCE } from "./commerce.js";
import { DOMAINS } from "./domains.js";
import { LIFE } from "./life.js";
import { MEDIA } from "./media.js";
import { PRODUCTIVITY } from "./productivity.js";
import { SERVICES } from "./services.js";
import { SOCIAL } from "./social.js";
import { WORK } from "./work.js";
import { parseFields, type DomainSpec, type EntitySpec, type FieldSpec } from "./types.js";

/** The vocabulary, indexed once at load for the lookups every prompt makes. */
export const ENTITY_SPECS: readonly EntitySpec[] = [
  ...PRODUCTIVITY,
  ...WORK,
  ...COMMERCE,
  ...SOCIAL,
  ...LIFE,
  ...MEDIA,
  ...SERVICES,
];
export { DOMAINS };

const byId = new Map(ENTITY_SPECS.map((s) => [s.id, s]));
const fieldsById = new Map(ENTITY_SPECS.map((s) => [s.id, parseFields(s.fields)]));

/** @throws {Error} for an id the data does not define — a bug in the built-in data. */
export function specById(id: string): EntitySpec {
  const spec = byId.get(id);
  if (!spec) throw new Error(`unknown lexicon entity "${id}"`);
  return spec;
}

export function specFields(id: string): FieldSpec[] {
  return (fieldsById.get(id) ?? []).map((f) => ({ ...f, options: f.options && [...f.options] }));
}

/** Both forms of each phrase: "task" and "tasks"; "groceries" stays itself. */
function forms(word: string): string[] {
  const s = singular(word);
  return [...new Set([word, s, plural(s)])];
}

function index(entries: Iterable<[string, string]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [word, id] of entries) for (const f of forms(word)) if (!out.has(f)) out.set(f, id);
  return out;
}

/** Surface form → spec id, for words that name an entity anywhere. */
export const GLOBAL_WORDS: ReadonlyMap<string, string> = index(
  ENTITY_SPECS.flatMap((s) => s.words.map((w): [string, string] => [w, s.id])),
);

/** Per domain: surface form → spec id, consulted first while the domain is named. */
export const DOMAIN_WORDS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  DOMAINS.map((d) => [d.id, index(Object.entries(d.words ?? {}))]),
);

export { parseFields };
export type { DomainSpec, EntitySpec, FieldSpec };
