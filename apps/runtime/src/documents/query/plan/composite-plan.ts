import {
  componentKey,
  cutRange,
  intersect,
  MAX_COMPOSITE_KEY_BYTES,
} from "../../indexes/composite-keys.js";
import { nameDescending } from "../../indexes/composite-entries.js";
import type { CompositeIndex } from "../../indexes/index-definitions.js";
import { formatFieldPath } from "../../model/field-path.js";
import type { DocValue } from "../../model/value.js";
import { NAME_FIELD, type Query } from "../query-model.js";
import type { SimpleFilter } from "./dnf.js";
import { COMPOSITE_ENCODING, cursorRange, filterRange } from "./key-bounds.js";
import type { IndexScan } from "./plan-types.js";
import type { TermShape } from "./plan-query.js";

const isContains = (f: SimpleFilter) => f.kind === "field" && f.op === "ARRAY_CONTAINS";

/**
 * The declared index that serves a conjunction, as Firestore matches them: its leading fields
 * are the equality fields (any order; `arrayConfig: CONTAINS` for array-contains), the rest
 * the query's order exactly, field by field and direction by direction, and its keys end with
 * the name in the direction the query orders names.
 */
export function matchCompositeIndex(
  shape: TermShape,
  query: Query,
  indexes: readonly CompositeIndex[],
): CompositeIndex | undefined {
  const equalities = new Map(shape.equalities.map((f) => [formatFieldPath(f.field), f]));
  const nameOrder = query.orderBy.find((o) => formatFieldPath(o.field) === NAME_FIELD)!;
  return indexes.find((index) => {
    if (nameDescending(index) !== nameOrder.descending) return false;
    const fields = index.fields.filter((f) => f.fieldPath !== NAME_FIELD);
    const k = equalities.size;
    if (fields.length !== k + shape.orders.length) return false;
    const leading = fields.slice(0, k).every((f) => {
      const filter = equalities.get(f.fieldPath);
      return filter !== undefined && "arrayConfig" in f === isContains(filter);
    });
    return (
      leading &&
      fields.slice(k).every((f, j) => {
        const order = shape.orders[j]!;
        return (
          "order" in f &&
          f.fieldPath === formatFieldPath(order.field) &&
          (f.order === "DESCENDING") === order.descending
        );
      })
    );
  });
}

/** The scan of a matched index: equality prefix, then the first order field's range. */
export function compositeScan(index: CompositeIndex, shape: TermShape, query: Query): IndexScan {
  const equalities = new Map(shape.equalities.map((f) => [formatFieldPath(f.field), f]));
  const k = equalities.size;
  const prefix = Buffer.concat(
    index.fields.slice(0, k).map((field) => {
      const filter = equalities.get(field.fieldPath)!;
      return componentKey(equalityValue(filter), "order" in field && field.order === "DESCENDING");
    }),
  );
  const first = shape.orders[0];
  const onFirst = first
    ? shape.filters.filter((f) => formatFieldPath(f.field) === formatFieldPath(first.field))
    : [];
  let range = filterRange(prefix, onFirst, first?.descending ?? false, COMPOSITE_ENCODING);
  const components = cursorComponents(index, shape, query);
  for (const [cursor, side] of [
    [query.startAt, "start"],
    [query.endAt, "end"],
  ] as const) {
    if (!cursor) continue;
    const held = components(cursor.values);
    range = intersect(range, cursorRange(prefix, cursor, held, side));
  }
  return {
    kind: "index",
    field: index.id,
    mode: "composite",
    range: cutRange(range, MAX_COMPOSITE_KEY_BYTES),
    descending: false,
    // Keys end with the name, so they are unique; cut keys may still tie: sort those again.
    tiesInOrder: false,
    probes: [],
  };
}

/**
 * The keys of a cursor's leading values that the index holds after its equality prefix: the
 * query's order must be exactly the index's order fields then the name (an order on an
 * equality field in between stops the mapping: that part is checked per document).
 */
function cursorComponents(index: CompositeIndex, shape: TermShape, query: Query) {
  const keyed = query.orderBy.findIndex((o, i) => {
    const expected = shape.orders[i];
    return expected ? expected !== o : formatFieldPath(o.field) !== NAME_FIELD;
  });
  const usable = keyed === -1 ? query.orderBy.length : keyed;
  return (values: readonly DocValue[]): Buffer[] =>
    values.slice(0, usable).map((value, i) => {
      const order = query.orderBy[i]!;
      const descending =
        formatFieldPath(order.field) === NAME_FIELD ? nameDescending(index) : order.descending;
      return componentKey(value, descending);
    });
}

function equalityValue(f: SimpleFilter): DocValue {
  if (f.kind === "field") return f.value;
  return f.op === "IS_NULL" ? { type: "null" } : { type: "double", value: NaN };
}
