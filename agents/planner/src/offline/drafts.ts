import type { Field } from "../plan-schema.js";
import { specById, type EntitySpec } from "./lexicon/index.js";
import { pascalCase } from "./words.js";

/**
 * Models while they are being worked out: what the prompt said about each (fields it listed,
 * its parent, references), before defaults, access and owner fields are decided.
 */
export interface Draft {
  name: string;
  spec: EntitySpec | undefined;
  /** Where it was first named (token index); defaults sort after everything named. */
  pos: number;
  origin: "prompt" | "domain" | "feature" | "fallback";
  /** Fields the prompt listed for it, in order. */
  named: Field[];
  /** Fields features asked for (tags, a photo, a location). */
  extra: Field[];
  parent: string | undefined;
  parentStated: boolean;
  /** Reference fields from "linked to" and "each deal has a contact". */
  refs: Field[];
  /** The lower-case phrase that named an entity the lexicon does not know. */
  phrase?: string;
}

/** The drafts by name, in the order they were added; a name is added once. */
export class DraftBook {
  private readonly byName = new Map<string, Draft>();

  all(): Draft[] {
    return [...this.byName.values()].sort((a, b) => a.pos - b.pos);
  }

  get(name: string): Draft | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get size(): number {
    return this.byName.size;
  }

  /** The draft for a lexicon entity, added at `pos` if new (an earlier mention keeps its place). */
  fromSpec(specId: string, pos: number, origin: Draft["origin"]): Draft {
    const spec = specById(specId);
    const existing = this.byName.get(spec.name);
    if (existing) {
      if (pos < existing.pos && origin === "prompt")
        [existing.pos, existing.origin] = [pos, origin];
      return existing;
    }
    return this.add({ name: spec.name, spec, pos, origin });
  }

  /** A model the lexicon does not know, named from the prompt's phrase ("bird sighting"). */
  fromPhrase(phrase: string, pos: number, origin: Draft["origin"]): Draft {
    const name = pascalCase(phrase);
    return this.byName.get(name) ?? this.add({ name, spec: undefined, pos, origin, phrase });
  }

  remove(name: string): void {
    this.byName.delete(name);
  }

  private add(d: Pick<Draft, "name" | "spec" | "pos" | "origin" | "phrase">): Draft {
    const draft: Draft = {
      ...d,
      named: [],
      extra: [],
      parent: undefined,
      parentStated: false,
      refs: [],
    };
    this.byName.set(d.name, draft);
    return draft;
  }
}

/** Adds a field unless one of that name is there; a later mention only fills in what is missing. */
export function addField(list: Field[], field: Field): void {
  const same = list.find((f) => f.name === field.name);
  if (!same) list.push(field);
  else if (field.options && !same.options && same.type === "enum") same.options = field.options;
}
