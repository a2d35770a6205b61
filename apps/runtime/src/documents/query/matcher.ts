import { compareValues, typeOrder, valuesEqual } from "../model/compare.js";
import { getField } from "../model/update.js";
import { referenceValue, type DocFields, type DocValue } from "../model/value.js";
import { NAME_FIELD, type Filter } from "./query-model.js";

/** A field of a document as queries see it; `__name__` is the document's reference. */
export function fieldValue(fields: DocFields, path: string, field: string[]): DocValue | undefined {
  if (field.length === 1 && field[0] === NAME_FIELD) return referenceValue(path);
  return getField(fields, field);
}

const isNaNValue = (v: DocValue | undefined) => v?.type === "double" && Number.isNaN(v.value);

/**
 * Firestore's filter semantics for one document: a missing field matches nothing (not even
 * `!=` or `not-in`); `!=`, `not-in` and `is not NaN` match only a field that exists with a
 * value other than the given ones or null; range filters only match values of the filter
 * value's type; NaN matches no range; `not-in` with null in its list matches nothing.
 */
export function matches(filter: Filter, fields: DocFields, path: string): boolean {
  if (filter.kind === "composite") {
    return filter.op === "AND"
      ? filter.filters.every((f) => matches(f, fields, path))
      : filter.filters.some((f) => matches(f, fields, path));
  }
  const v = fieldValue(fields, path, filter.field);
  if (filter.kind === "unary") {
    switch (filter.op) {
      case "IS_NULL":
        return v?.type === "null";
      case "IS_NAN":
        return isNaNValue(v);
      case "IS_NOT_NULL":
        return v !== undefined && v.type !== "null";
      case "IS_NOT_NAN":
        return v !== undefined && v.type !== "null" && !isNaNValue(v);
    }
  }
  if (v === undefined) return false;
  const value = filter.value;
  const list = value.type === "array" ? value.values : [];
  switch (filter.op) {
    case "EQUAL":
      return valuesEqual(v, value);
    case "NOT_EQUAL":
      return v.type !== "null" && !valuesEqual(v, value);
    case "LESS_THAN":
    case "LESS_THAN_OR_EQUAL":
    case "GREATER_THAN":
    case "GREATER_THAN_OR_EQUAL": {
      if (typeOrder(v) !== typeOrder(value) || isNaNValue(v) || isNaNValue(value)) return false;
      const c = compareValues(v, value);
      if (filter.op === "LESS_THAN") return c < 0;
      if (filter.op === "LESS_THAN_OR_EQUAL") return c <= 0;
      if (filter.op === "GREATER_THAN") return c > 0;
      return c >= 0;
    }
    case "ARRAY_CONTAINS":
      return v.type === "array" && v.values.some((e) => valuesEqual(e, value));
    case "ARRAY_CONTAINS_ANY":
      return v.type === "array" && v.values.some((e) => list.some((x) => valuesEqual(e, x)));
    case "IN":
      return list.some((x) => valuesEqual(v, x));
    case "NOT_IN":
      if (list.some((x) => x.type === "null")) return false;
      return v.type !== "null" && !list.some((x) => valuesEqual(v, x));
  }
}
