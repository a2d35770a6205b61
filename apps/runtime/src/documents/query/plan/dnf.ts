import type { Filter } from "../query-model.js";

/** A filter on one field: a conjunction's member. */
export type SimpleFilter = Exclude<Filter, { kind: "composite" }>;

/**
 * The filter in disjunctive normal form: a list of conjunctions whose union is the filter,
 * `in` and `array-contains-any` expanded into one `==` / `array-contains` per value, as
 * Firestore plans them. `validateFilter` has capped the result at 30 conjunctions.
 * No filter gives one empty conjunction.
 */
export function conjunctions(filter: Filter | undefined): SimpleFilter[][] {
  if (!filter) return [[]];
  if (filter.kind === "unary") return [[filter]];
  if (filter.kind === "field") {
    const values = filter.value.type === "array" ? filter.value.values : [];
    if (filter.op === "IN")
      return values.map((value) => [{ ...filter, op: "EQUAL" as const, value }]);
    if (filter.op === "ARRAY_CONTAINS_ANY")
      return values.map((value) => [{ ...filter, op: "ARRAY_CONTAINS" as const, value }]);
    return [[filter]];
  }
  const parts = filter.filters.map(conjunctions);
  if (filter.op === "OR") return parts.flat();
  return parts.reduce<SimpleFilter[][]>(
    (product, part) => product.flatMap((left) => part.map((right) => [...left, ...right])),
    [[]],
  );
}
