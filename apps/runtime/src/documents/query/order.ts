import { compareValues } from "../model/compare.js";
import type { DocFields, DocValue } from "../model/value.js";
import { fieldValue } from "./matcher.js";
import type { Cursor, Order } from "./query-model.js";

export interface Candidate {
  path: string;
  fields: DocFields;
}

/** The document's values for the order's fields; undefined when one is missing (excluded). */
export function orderValues(doc: Candidate, orderBy: readonly Order[]): DocValue[] | undefined {
  const values: DocValue[] = [];
  for (const order of orderBy) {
    const v = fieldValue(doc.fields, doc.path, order.field);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return values;
}

/** Compares two documents' order values field by field, each in its direction. */
export function compareOrder(
  a: readonly DocValue[],
  b: readonly DocValue[],
  orderBy: readonly Order[],
): number {
  for (let i = 0; i < orderBy.length && i < a.length && i < b.length; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return orderBy[i]!.descending ? -c : c;
  }
  return 0;
}

/** True when the document lies at or after `startAt` (after it, for startAfter). */
export function afterStart(
  values: readonly DocValue[],
  cursor: Cursor,
  orderBy: readonly Order[],
): boolean {
  const c = compareOrder(values.slice(0, cursor.values.length), cursor.values, orderBy);
  return cursor.before ? c >= 0 : c > 0;
}

/** True when the document lies at or before `endAt` (before it, for endBefore). */
export function beforeEnd(
  values: readonly DocValue[],
  cursor: Cursor,
  orderBy: readonly Order[],
): boolean {
  const c = compareOrder(values.slice(0, cursor.values.length), cursor.values, orderBy);
  return cursor.before ? c < 0 : c <= 0;
}
