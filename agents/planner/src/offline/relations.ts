import type { Field } from "../plan-schema.js";
import { specById } from "./lexicon/index.js";
import type { Mention } from "./mentions.js";
import type { Reading } from "./read.js";
import { camelCase, labelOf } from "./words.js";

/**
 * Relations stated between two named entities: "messages belong to rooms", "photos in
 * albums", "comments on posts" (a subcollection under the parent), and "deals linked to
 * contacts" (a reference field). Lists ("rooms have messages") are read by `lists.ts`.
 */
export type Relation =
  | { kind: "parent"; child: string; parent: string }
  | { kind: "reference"; from: string; field: Field };

const CONTAINERS = new Set(["in", "inside", "within", "under", "into"]);
const ABOUT = new Set(["on", "for", "of", "about", "to"]);
const LINKS = /^(linked|assigned|attached|tied|related|connected|associated|belonging)$/;
const DETERMINER = /^(a|an|the|each|every|one|their|its|his|her|my|our|specific)$/;

export function findRelations(reading: Reading, mentions: readonly Mention[]): Relation[] {
  const { tokens } = reading;
  const out: Relation[] = [];
  const name = (m: Mention) => specById(m.specId).name;
  for (let n = 0; n + 1 < mentions.length; n++) {
    const a = mentions[n]!;
    const b = mentions[n + 1]!;
    if (tokens[a.first]!.clause !== tokens[b.first]!.clause || name(a) === name(b)) continue;
    const between = tokens
      .slice(a.last + 1, b.first)
      .map((t) => t.word)
      .filter((w) => !DETERMINER.test(w));
    const text = between.join(" ");
    if (
      /^(that |which |)(belong|belongs|live|lives|sit|sits) (to|in|inside|under)$/.test(text) ||
      (between.length === 1 && CONTAINERS.has(text) && a.plural)
    )
      out.push({ kind: "parent", child: name(a), parent: name(b) });
    else if (
      between.length === 1 &&
      ABOUT.has(text) &&
      (specById(a.specId).parents ?? []).some((p) => p === name(b) || p === "*")
    )
      out.push({ kind: "parent", child: name(a), parent: name(b) });
    else if (
      between.length >= 2 &&
      between.length <= 4 &&
      between.some((w) => LINKS.test(w)) &&
      /(to|with)$/.test(text)
    ) {
      const target = name(b);
      out.push({
        kind: "reference",
        from: name(a),
        field: {
          name: camelCase(labelOf(target)),
          label: labelOf(target),
          type: "reference",
          references: target,
          required: false,
        },
      });
    }
  }
  return out;
}
