import type { QueryOperator, QuerySpec } from "@winky/rules";
import { formatFieldPath } from "../model/field-path.js";
import { valueToRules } from "../model/to-rules.js";
import type { FieldOperator, Query } from "./query-model.js";

const OPERATORS: Partial<Record<FieldOperator, QueryOperator>> = {
  EQUAL: "==",
  NOT_EQUAL: "!=",
  LESS_THAN: "<",
  LESS_THAN_OR_EQUAL: "<=",
  GREATER_THAN: ">",
  GREATER_THAN_OR_EQUAL: ">=",
  IN: "in",
  NOT_IN: "not-in",
  ARRAY_CONTAINS: "array-contains",
  ARRAY_CONTAINS_ANY: "array-contains-any",
};

/**
 * What the rules engine needs to prove a list request: the query's top-level AND constraints.
 * Constraints inside an OR are left out, and so are the unary filters, which can only make the
 * rules deny more, never allow a document the query could return that they would refuse. The
 * engine takes `!=` and `not-in` to exclude the listed values only, not null: the query also
 * leaves out null fields (matcher.ts), so that stays sound, merely unable to prove `!= null`.
 */
export function toRulesQuery(query: Query): QuerySpec {
  const filter = query.filter;
  const conjuncts = !filter
    ? []
    : filter.kind === "composite" && filter.op === "AND"
      ? filter.filters
      : [filter];
  const where: NonNullable<QuerySpec["where"]> = [];
  for (const f of conjuncts) {
    if (f.kind !== "field") continue;
    const op = OPERATORS[f.op];
    if (!op) continue;
    const value = valueToRules(f.value);
    // The engine reads a list after != as values to exclude, as after not-in: `!= [a, b]`
    // excludes that one array, which is `not-in [[a, b]]`, not `not-in [a, b]`.
    if (op === "!=" && Array.isArray(value))
      where.push([formatFieldPath(f.field), "not-in", [value]]);
    else where.push([formatFieldPath(f.field), op, value]);
  }
  return {
    where,
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
    ...(query.offset > 0 ? { offset: query.offset } : {}),
  };
}
