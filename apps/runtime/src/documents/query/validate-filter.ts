import { invalidArgument } from "../../errors/runtime-error.js";
import { formatFieldPath } from "../model/field-path.js";
import type { Filter } from "./query-model.js";

/** Firestore's limits: `in`, `not-in` and `array-contains-any` take at most 30 values, and a
 * query expands to at most 30 disjunctions. */
export const MAX_DISJUNCTIONS = 30;

/**
 * Firestore's combination rules, checked before anything runs: list operators take 1–30
 * values; at most one `array-contains`, never with `array-contains-any`; at most one `!=` and
 * one `not-in`, never together; at most 30 disjunctions in disjunctive normal form.
 *
 * @throws RuntimeError invalid-argument naming the rule.
 */
export function validateFilter(filter: Filter): void {
  const counts = new Map<string, number>();
  const visit = (f: Filter) => {
    if (f.kind === "composite") return f.filters.forEach(visit);
    counts.set(f.op, (counts.get(f.op) ?? 0) + 1);
    if (f.kind !== "field") return;
    if (f.op === "IN" || f.op === "NOT_IN" || f.op === "ARRAY_CONTAINS_ANY") {
      const values = f.value.type === "array" ? f.value.values : undefined;
      const name = formatFieldPath(f.field);
      if (!values || values.length === 0)
        throw invalidArgument(`'${f.op}' on ${name} needs a non-empty array of values`);
      if (values.length > MAX_DISJUNCTIONS) {
        throw invalidArgument(
          `'${f.op}' on ${name} takes at most ${MAX_DISJUNCTIONS} values, got ${values.length}`,
        );
      }
    }
  };
  visit(filter);
  const n = (op: string) => counts.get(op) ?? 0;
  if (n("ARRAY_CONTAINS") > 1) throw invalidArgument("a query may use 'array-contains' only once");
  if (n("ARRAY_CONTAINS") > 0 && n("ARRAY_CONTAINS_ANY") > 0) {
    throw invalidArgument("a query cannot combine 'array-contains' with 'array-contains-any'");
  }
  if (n("NOT_EQUAL") > 1) throw invalidArgument("a query may use '!=' only once");
  if (n("NOT_IN") > 1) throw invalidArgument("a query may use 'not-in' only once");
  if (n("NOT_IN") > 0 && n("NOT_EQUAL") > 0)
    throw invalidArgument("a query cannot combine 'not-in' with '!='");
  const disjunctions = dnfSize(filter);
  if (disjunctions > MAX_DISJUNCTIONS) {
    throw invalidArgument(
      `the query expands to ${disjunctions} disjunctions; at most ${MAX_DISJUNCTIONS} are allowed`,
    );
  }
}

/** How many conjunctions the filter has in disjunctive normal form (`in` counts its values). */
function dnfSize(f: Filter): number {
  if (f.kind === "unary") return 1;
  if (f.kind === "field") {
    return (f.op === "IN" || f.op === "ARRAY_CONTAINS_ANY") && f.value.type === "array"
      ? f.value.values.length
      : 1;
  }
  if (f.op === "OR") return f.filters.reduce((sum, x) => sum + dnfSize(x), 0);
  return f.filters.reduce((product, x) => product * dnfSize(x), 1);
}
