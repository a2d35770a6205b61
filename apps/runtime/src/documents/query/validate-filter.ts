import { invalidArgument } from "../../errors/runtime-error.js";
import { formatFieldPath } from "../model/field-path.js";
import type { FieldOperator, Filter } from "./query-model.js";

/** Firestore's limits: `in` and `array-contains-any` take at most 30 values, and a query
 * expands to at most 30 disjunctions. */
export const MAX_DISJUNCTIONS = 30;

/** Firestore's limit on the values of `not-in`. */
export const MAX_NOT_IN_VALUES = 10;

/** The operators' names as Firestore's SDKs write them, for messages. */
const NAMES: Partial<Record<FieldOperator, string>> = {
  IN: "in",
  NOT_IN: "not-in",
  ARRAY_CONTAINS_ANY: "array-contains-any",
};

/** What `not-in` cannot be combined with (Firestore's rule), as counted and as named. */
const NOT_IN_CONFLICTS: [string, string][] = [
  ["NOT_EQUAL", "!="],
  ["IN", "in"],
  ["ARRAY_CONTAINS_ANY", "array-contains-any"],
  ["OR", "or"],
];

/**
 * Firestore's combination rules, checked before anything runs: `in` and `array-contains-any`
 * take 1–30 values, `not-in` 1–10; at most one `array-contains`, never with
 * `array-contains-any`; at most one `!=` and one `not-in`, never together; `not-in` never with
 * `in`, `array-contains-any` or `or`; at most 30 disjunctions in disjunctive normal form.
 *
 * @throws RuntimeError invalid-argument naming the rule.
 */
export function validateFilter(filter: Filter): void {
  const counts = new Map<string, number>();
  const visit = (f: Filter) => {
    if (f.kind === "composite") {
      // An or() of one filter is that filter: only a real disjunction counts as an OR.
      if (f.op === "OR" && f.filters.length > 1) counts.set("OR", (counts.get("OR") ?? 0) + 1);
      return f.filters.forEach(visit);
    }
    counts.set(f.op, (counts.get(f.op) ?? 0) + 1);
    if (f.kind !== "field") return;
    const op = NAMES[f.op];
    if (op) {
      const values = f.value.type === "array" ? f.value.values : undefined;
      const name = formatFieldPath(f.field);
      const max = f.op === "NOT_IN" ? MAX_NOT_IN_VALUES : MAX_DISJUNCTIONS;
      if (!values || values.length === 0)
        throw invalidArgument(`'${op}' on ${name} needs a non-empty array of values`);
      if (values.length > max) {
        throw invalidArgument(
          `'${op}' on ${name} takes at most ${max} values, got ${values.length}`,
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
  if (n("NOT_IN") > 0) {
    const other = NOT_IN_CONFLICTS.find(([op]) => n(op) > 0);
    if (other) throw invalidArgument(`a query cannot combine 'not-in' with '${other[1]}'`);
  }
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
