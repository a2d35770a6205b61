import { compareValues, valuesEqual } from "../values/equality.js";
import { RulesEvalError } from "../values/errors.js";
import { formatValue } from "../values/format.js";
import { RConstraint, typeOf, type Value } from "../values/value.js";

type Relation = "<" | "<=" | ">" | ">=";
const FLIPPED: Record<Relation, Relation> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

/**
 * Decides `a <op> b` where one side is a query constraint: true when it holds for every
 * document the query could return, false when it holds for none, an error otherwise.
 */
export function compareConstraint(op: Relation, a: Value, b: Value): boolean {
  if (a instanceof RConstraint && b instanceof RConstraint)
    throw unprovable(a, `${op} another field`);
  const [c, v, rel] = a instanceof RConstraint ? [a, b, op] : [b as RConstraint, a, FLIPPED[op]];
  const always = holdsForAll(c, rel, v);
  if (always !== undefined) return always;
  throw unprovable(c, `${rel} ${formatValue(v)}`);
}

/** `a == b` (or `!=` when `negate`) where one side is a query constraint. */
export function equalsConstraint(a: Value, b: Value, negate: boolean): boolean {
  const c = (a instanceof RConstraint ? a : b) as RConstraint;
  const v = a instanceof RConstraint ? b : a;
  if (!(v instanceof RConstraint)) {
    const excluded = c.excluded.some((x) => valuesEqual(x, v));
    const outside = holdsForAll(c, "<", v) === true || holdsForAll(c, ">", v) === true;
    if (excluded || outside) return negate;
  }
  throw unprovable(c, `${negate ? "!=" : "=="} ${formatValue(v)}`);
}

/** `needle in haystack` where one side is a query constraint. */
export function containsConstraint(haystack: Value, needle: Value): boolean {
  if (haystack instanceof RConstraint && !(needle instanceof RConstraint)) {
    if (haystack.contains.some((x) => valuesEqual(x, needle))) return true;
    throw unprovable(haystack, `to contain ${formatValue(needle)}`);
  }
  const c = (needle instanceof RConstraint ? needle : haystack) as RConstraint;
  throw unprovable(c, "to be in a list");
}

/** `x is T` for a constrained field: a range on a string only matches strings, and so on. */
export function isConstraint(c: RConstraint, typeName: string): boolean {
  if (c.contains.length > 0 && typeName === "list") return true;
  const bound = c.lower ?? c.upper;
  if (bound) {
    const type = typeOf(bound.value);
    const numeric = type === "int" || type === "float";
    if (typeName === type && !numeric) return true;
    if (typeName === "number" && numeric) return true;
  }
  throw unprovable(c, `to be a ${typeName}`);
}

/** True: `field rel v` holds for every value the constraint allows; false: for none. */
function holdsForAll(c: RConstraint, rel: Relation, v: Value): boolean | undefined {
  const cmp = (x: Value) => {
    try {
      const r = compareValues(x, v);
      return Number.isNaN(r) ? undefined : r;
    } catch {
      return undefined; // a bound of another type proves nothing about v
    }
  };
  const lo = c.lower && cmp(c.lower.value);
  const hi = c.upper && cmp(c.upper.value);
  const loStrict = c.lower ? !c.lower.inclusive : false;
  const hiStrict = c.upper ? !c.upper.inclusive : false;
  switch (rel) {
    case ">":
      if (lo !== undefined && (lo > 0 || (lo === 0 && loStrict))) return true;
      if (hi !== undefined && hi <= 0) return false;
      return undefined;
    case ">=":
      if (lo !== undefined && lo >= 0) return true;
      if (hi !== undefined && (hi < 0 || (hi === 0 && hiStrict))) return false;
      return undefined;
    case "<":
      if (hi !== undefined && (hi < 0 || (hi === 0 && hiStrict))) return true;
      if (lo !== undefined && lo >= 0) return false;
      return undefined;
    case "<=":
      if (hi !== undefined && hi <= 0) return true;
      if (lo !== undefined && (lo > 0 || (lo === 0 && loStrict))) return false;
      return undefined;
  }
}

function unprovable(c: RConstraint, claim: string): RulesEvalError {
  return new RulesEvalError(
    `cannot prove resource.data.${c.field} ${claim} for every document the query could return; ` +
      `the query only says it is ${describe(c)}. Rules are not filters: add a matching where() to the query`,
  );
}

function describe(c: RConstraint): string {
  const parts: string[] = [];
  if (c.lower) parts.push(`${c.lower.inclusive ? ">=" : ">"} ${formatValue(c.lower.value)}`);
  if (c.upper) parts.push(`${c.upper.inclusive ? "<=" : "<"} ${formatValue(c.upper.value)}`);
  for (const x of c.excluded) parts.push(`!= ${formatValue(x)}`);
  for (const x of c.contains) parts.push(`an array containing ${formatValue(x)}`);
  return parts.length > 0 ? parts.join(" and ") : "unconstrained";
}
