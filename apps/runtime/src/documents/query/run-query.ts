import { formatFieldPath } from "../model/field-path.js";
import { indexKey } from "../index/index-entries.js";
import type { DocumentStore, StoredDocument } from "../store/document-store.js";
import { matches } from "./matcher.js";
import { afterStart, beforeEnd, compareOrder, orderValues } from "./order.js";
import { NAME_FIELD, type Filter, type Query } from "./query-model.js";

/**
 * Runs a query: a scan of the collection, narrowed through the single-field index by one
 * equality, `in` or `array-contains` filter when the query has one; then Firestore's filter
 * semantics, order (documents missing an order field drop out), cursors, offset and limit.
 */
export async function runQuery(
  store: DocumentStore,
  projectId: string,
  query: Query,
): Promise<StoredDocument[]> {
  const collectionPath = query.parent
    ? `${query.parent}/${query.collectionId}`
    : query.collectionId;
  const scope = query.allDescendants
    ? { collectionId: query.collectionId, parent: query.parent }
    : { collectionPath };
  const candidates = await store.scan(projectId, scope, drivingScan(query.filter));
  const rows = [];
  for (const doc of candidates) {
    if (query.filter && !matches(query.filter, doc.fields, doc.path)) continue;
    const values = orderValues(doc, query.orderBy);
    if (!values) continue;
    if (query.startAt && !afterStart(values, query.startAt, query.orderBy)) continue;
    if (query.endAt && !beforeEnd(values, query.endAt, query.orderBy)) continue;
    rows.push({ doc, values });
  }
  rows.sort((a, b) => compareOrder(a.values, b.values, query.orderBy));
  let result = rows.slice(query.offset).map((r) => r.doc);
  if (query.limit !== undefined) {
    result = query.limitToLast
      ? result.slice(Math.max(0, result.length - query.limit))
      : result.slice(0, query.limit);
  }
  return result;
}

/** The first top-level equality-like filter, as index keys to look up. */
function drivingScan(filter: Filter | undefined) {
  const conjuncts = !filter
    ? []
    : filter.kind === "composite" && filter.op === "AND"
      ? filter.filters
      : [filter];
  for (const f of conjuncts) {
    if (f.kind !== "field" || (f.field.length === 1 && f.field[0] === NAME_FIELD)) continue;
    const field = formatFieldPath(f.field);
    if (f.op === "EQUAL") return { field, mode: "value" as const, keys: [indexKey(f.value)] };
    if (f.op === "IN" && f.value.type === "array") {
      return { field, mode: "value" as const, keys: f.value.values.map(indexKey) };
    }
    if (f.op === "ARRAY_CONTAINS")
      return { field, mode: "contains" as const, keys: [indexKey(f.value)] };
  }
  return undefined;
}
