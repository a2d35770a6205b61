import type { IndexEntry } from "../index/index-entries.js";
import { sortKey } from "../index/sort-key.js";
import type { DocFields, DocValue } from "../model/value.js";
import { referenceValue } from "../model/value.js";
import { fieldValue } from "../query/matcher.js";
import { NAME_FIELD } from "../query/query-model.js";
import { componentKey, compositeKey } from "./composite-keys.js";
import type { CompositeIndex } from "./index-definitions.js";

/**
 * A document's entries in its collection's composite indexes. As in Firestore, a document
 * missing one of an index's fields is not in that index; an `arrayConfig: CONTAINS` field
 * gives one entry per distinct element. Every key ends with the document's name, in the
 * direction of the index's last field (or of an explicit `__name__` field), so keys are unique
 * and scans come out in the order queries ask for, names breaking ties.
 */
export function compositeEntries(
  indexes: readonly CompositeIndex[],
  path: string,
  fields: DocFields,
): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const index of indexes) {
    let prefixes: Buffer[][] = [[]];
    for (const field of index.fields) {
      if (field.fieldPath === NAME_FIELD) continue;
      const value = fieldValue(fields, path, field.path);
      if (value === undefined) {
        prefixes = [];
        break;
      }
      if ("arrayConfig" in field) {
        const elements = distinctElements(value);
        prefixes = prefixes.flatMap((p) => elements.map((e) => [...p, componentKey(e, false)]));
      } else {
        const component = componentKey(value, field.order === "DESCENDING");
        prefixes = prefixes.map((p) => [...p, component]);
      }
    }
    if (prefixes.length === 0) continue;
    const name = componentKey(referenceValue(path), nameDescending(index));
    for (const components of prefixes) {
      entries.push({
        field: index.id,
        mode: "composite",
        key: compositeKey([...components, name]),
      });
    }
  }
  return entries;
}

/** The direction of the name that ends every key of the index. */
export function nameDescending(index: CompositeIndex): boolean {
  const last = index.fields.at(-1)!;
  return "order" in last && last.order === "DESCENDING";
}

/** An array's distinct elements (by key); nothing for a value that is not an array. */
function distinctElements(value: DocValue): DocValue[] {
  if (value.type !== "array") return [];
  const seen = new Set<string>();
  return value.values.filter((element) => {
    const id = sortKey(element).toString("hex");
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
