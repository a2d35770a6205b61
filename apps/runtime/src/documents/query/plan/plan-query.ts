import { RuntimeError } from "../../../errors/runtime-error.js";
import { MAX_KEY_BYTES } from "../../index/index-entries.js";
import { sortKey } from "../../index/sort-key.js";
import { cutRange, intersect, prefixRange, type KeyRange } from "../../indexes/composite-keys.js";
import {
  indexJson,
  type CompositeIndex,
  type IndexField,
} from "../../indexes/index-definitions.js";
import { formatFieldPath } from "../../model/field-path.js";
import { NAME_FIELD, type Order, type Query } from "../query-model.js";
import { matchCompositeIndex, compositeScan } from "./composite-plan.js";
import { conjunctions, type SimpleFilter } from "./dnf.js";
import { cursorRange, filterRange, SINGLE_FIELD_ENCODING } from "./key-bounds.js";
import type { OrderedScan, Plan, Probe } from "./plan-types.js";

/** What a conjunction constrains, field by field (the document name aside). */
export interface TermShape {
  filters: SimpleFilter[];
  /** `==`, `is null`, `is NaN`, `array-contains`: fields an index fixes with a key prefix. */
  equalities: SimpleFilter[];
  /** The query's order up to `__name__`, without the fields an equality fixes. */
  orders: Order[];
}

/**
 * Chooses how to run a query (ADR 0003). Per disjunction: equalities alone merge single-field
 * indexes; one ordered or range field uses its single-field index; anything else needs a
 * declared composite index — or, when the project is not strict, falls back to the single-field
 * indexes and sorting. Strict projects get Firestore's answer: failed-precondition, with the
 * index to declare.
 */
export function planQuery(query: Query, indexes: readonly CompositeIndex[], strict: boolean): Plan {
  const usable = indexes.filter(
    (i) =>
      i.collectionGroup === query.collectionId &&
      i.queryScope === (query.allDescendants ? "COLLECTION_GROUP" : "COLLECTION"),
  );
  const scans: (OrderedScan | Probe[])[] = conjunctions(query.filter).map((filters) =>
    planTerm(query, shapeOf(query, filters), usable, strict),
  );
  if (scans.every((s) => !Array.isArray(s)))
    return { kind: "ordered", scans: scans as OrderedScan[] };
  const probes = scans.map((s) => (Array.isArray(s) ? s : []));
  return { kind: "unordered", probes: probes.some((p) => p.length === 0) ? undefined : probes };
}

function planTerm(
  query: Query,
  shape: TermShape,
  indexes: readonly CompositeIndex[],
  strict: boolean,
): OrderedScan | Probe[] {
  const { equalities, orders } = shape;
  const probes = equalities.map(probeOf);
  const needsComposite = orders.length > 1 || (orders.length === 1 && equalities.length > 0);
  if (!needsComposite) {
    if (orders.length === 1) return singleFieldScan(query, shape, orders[0]!, true);
    // Only names are ordered on (what follows `__name__` never decides anything).
    const nameDescending = nameOrder(query).descending;
    const [first, ...rest] = probes;
    if (!first) {
      return query.allDescendants ? [] : { kind: "documents", descending: nameDescending };
    }
    return {
      kind: "index",
      field: first.field,
      mode: first.mode,
      range: prefixRange(first.key),
      descending: nameDescending,
      // Within one key, entries follow the document path: the name order in one collection.
      tiesInOrder: !query.allDescendants,
      probes: rest,
    };
  }
  const index = matchCompositeIndex(shape, query, indexes);
  if (index) return compositeScan(index, shape, query);
  if (strict) throw missingIndex(query, shape);
  // Not strict: narrow by the equalities and sort, or walk the first order field's index.
  if (probes.length > 0) return probes;
  return singleFieldScan(query, shape, orders[0]!, false);
}

/** A scan of one field's single-field index, in that field's order. */
function singleFieldScan(query: Query, shape: TermShape, order: Order, onlyOrder: boolean) {
  const name = formatFieldPath(order.field);
  const onField = shape.filters.filter((f) => formatFieldPath(f.field) === name);
  let range: KeyRange = filterRange(Buffer.alloc(0), onField, false, SINGLE_FIELD_ENCODING);
  const leading = query.orderBy[0]!;
  if (formatFieldPath(leading.field) === name) {
    for (const [cursor, side] of [
      [query.startAt, "start"],
      [query.endAt, "end"],
    ] as const) {
      if (!cursor) continue;
      const key = sortKey(cursor.values[0]!);
      // Descending, the query's start is the keys' end: "start at v" bounds keys from above.
      const keySide = order.descending ? (side === "start" ? "end" : "start") : side;
      const keyCursor = order.descending ? { ...cursor, before: !cursor.before } : cursor;
      range = intersect(range, cursorRange(Buffer.alloc(0), keyCursor, [key], keySide));
    }
  }
  return {
    kind: "index" as const,
    field: name,
    mode: "value" as const,
    range: cutRange(range, MAX_KEY_BYTES),
    descending: order.descending,
    // Ties follow the path, which is the name order only in one collection, and only when
    // the name is ordered the same way and nothing else is ordered on.
    tiesInOrder:
      onlyOrder && !query.allDescendants && nameOrder(query).descending === order.descending,
    probes: [],
  };
}

/** The query's order on `__name__`: `completeOrder` always puts one in. */
function nameOrder(query: Query): Order {
  return query.orderBy.find((o) => formatFieldPath(o.field) === NAME_FIELD)!;
}

function shapeOf(query: Query, filters: SimpleFilter[]): TermShape {
  const onName = (f: SimpleFilter) => f.field.length === 1 && f.field[0] === NAME_FIELD;
  const equalities = filters.filter(
    (f) =>
      !onName(f) &&
      (f.kind === "unary"
        ? f.op === "IS_NULL" || f.op === "IS_NAN"
        : f.op === "EQUAL" || f.op === "ARRAY_CONTAINS"),
  );
  const fixed = new Set(
    equalities
      .filter((f) => f.kind !== "field" || f.op !== "ARRAY_CONTAINS")
      .map((f) => formatFieldPath(f.field)),
  );
  // Names are unique: whatever follows `__name__` in the order never decides anything.
  const byName = query.orderBy.findIndex((o) => formatFieldPath(o.field) === NAME_FIELD);
  const orders = query.orderBy
    .slice(0, byName === -1 ? undefined : byName)
    .filter((o) => !fixed.has(formatFieldPath(o.field)));
  return { filters, equalities, orders };
}

function probeOf(f: SimpleFilter): Probe {
  const value =
    f.kind === "unary"
      ? f.op === "IS_NULL"
        ? ({ type: "null" } as const)
        : ({ type: "double", value: NaN } as const)
      : f.value;
  const key = sortKey(value);
  return {
    field: formatFieldPath(f.field),
    mode: f.kind === "field" && f.op === "ARRAY_CONTAINS" ? "contains" : "value",
    key: key.length > MAX_KEY_BYTES ? key.subarray(0, MAX_KEY_BYTES) : key,
  };
}

/** Firestore's answer to a query without its index: the definition to add. */
function missingIndex(query: Query, shape: TermShape): RuntimeError {
  const fields: IndexField[] = [
    ...shape.equalities.map((f): IndexField => {
      const fieldPath = formatFieldPath(f.field);
      return f.kind === "field" && f.op === "ARRAY_CONTAINS"
        ? { fieldPath, path: f.field, arrayConfig: "CONTAINS" }
        : { fieldPath, path: f.field, order: "ASCENDING" };
    }),
    ...shape.orders.map((o): IndexField => ({
      fieldPath: formatFieldPath(o.field),
      path: o.field,
      order: o.descending ? "DESCENDING" : "ASCENDING",
    })),
  ].filter((f, i, all) => all.findIndex((g) => g.fieldPath === f.fieldPath) === i);
  const index = indexJson({
    collectionGroup: query.collectionId,
    queryScope: query.allDescendants ? "COLLECTION_GROUP" : "COLLECTION",
    fields,
  });
  return new RuntimeError(
    "failed-precondition",
    `The query requires an index. Add it to firestore.indexes.json and deploy it: ${JSON.stringify(index)}`,
    { index },
  );
}
