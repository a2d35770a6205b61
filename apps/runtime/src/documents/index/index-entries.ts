import { formatFieldPath } from "../model/field-path.js";
import type { DocFields, DocValue } from "../model/value.js";
import { sortKey } from "./sort-key.js";

/**
 * Keys longer than this are cut, as Firestore truncates index values past 1,500 bytes: a btree
 * row must fit in a third of a page. Values equal on their first kilobyte then tie in order.
 */
export const MAX_KEY_BYTES = 1024;

/**
 * How an entry indexes its field: by the value, by each element of an array value, or (for a
 * declared composite index, whose id is then the entry's `field`) by several fields at once.
 */
export type IndexMode = "value" | "contains" | "composite";

export interface IndexEntry {
  /** The field path, formatted as queries name it (`address.city`, `` `a.b` ``). */
  field: string;
  mode: IndexMode;
  /** The value's order-preserving key (ascending; btree scans backwards for descending). */
  key: Buffer;
}

/**
 * The automatic single-field index entries of a document, as Firestore keeps them: every field
 * and every nested map field gets a `value` entry; every array also gets one `contains` entry
 * per distinct element. A field the document lacks has no entry, which is why queries skip
 * documents without the field.
 */
export function singleFieldEntries(fields: DocFields): IndexEntry[] {
  const entries: IndexEntry[] = [];
  const visit = (path: string[], value: DocValue) => {
    const field = formatFieldPath(path);
    entries.push({ field, mode: "value", key: truncate(sortKey(value)) });
    if (value.type === "array") {
      const seen = new Set<string>();
      for (const element of value.values) {
        const key = truncate(sortKey(element));
        const id = key.toString("hex");
        if (seen.has(id)) continue;
        seen.add(id);
        entries.push({ field, mode: "contains", key });
      }
    } else if (value.type === "map") {
      for (const [name, child] of value.fields) visit([...path, name], child);
    }
  };
  for (const [name, value] of fields) visit([name], value);
  return entries;
}

/** The key an index lookup uses for a value: cut like the stored keys, so long values match. */
export function indexKey(value: DocValue): Buffer {
  return truncate(sortKey(value));
}

function truncate(key: Buffer): Buffer {
  return key.length > MAX_KEY_BYTES ? key.subarray(0, MAX_KEY_BYTES) : key;
}
