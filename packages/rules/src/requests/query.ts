import { RConstraint, RMap, type Bound, type Value } from "../values/value.js";

export type QueryOperator =
  "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not-in" | "array-contains" | "array-contains-any";

export interface QuerySpec {
  where?: Array<[field: string, op: QueryOperator, value: Value]>;
  limit?: number;
  offset?: number;
  orderBy?: Value;
}

/** What one disjunct of the query knows about each field it filters. */
interface FieldFacts {
  equals?: Value;
  lower?: Bound;
  upper?: Bound;
  excluded: Value[];
  contains: Value[];
}

/**
 * The documents a query can return, as maps of what its filters prove about them, one per
 * disjunct: `in` and `array-contains-any` give one per value, and the rules must hold for each.
 * An equality filter gives the field its value; ranges, `!=`, `not-in` and `array-contains`
 * give an `RConstraint` that comparisons reason about; fields the query does not filter are
 * absent, so rules that read them deny.
 */
export function queryDisjuncts(query: QuerySpec | undefined): RMap[] {
  let disjuncts: Array<Map<string, FieldFacts>> = [new Map()];
  const facts = (d: Map<string, FieldFacts>, field: string): FieldFacts => {
    let f = d.get(field);
    if (!f) d.set(field, (f = { excluded: [], contains: [] }));
    return f;
  };
  const split = (
    field: string,
    values: readonly Value[],
    apply: (f: FieldFacts, v: Value) => void,
  ) => {
    disjuncts = disjuncts.flatMap((d) =>
      values.map((v) => {
        const copy = new Map(
          [...d].map(([k, f]) => [
            k,
            { ...f, excluded: [...f.excluded], contains: [...f.contains] },
          ]),
        );
        apply(facts(copy, field), v);
        return copy;
      }),
    );
  };
  for (const [field, op, value] of query?.where ?? []) {
    const list = Array.isArray(value) ? (value as readonly Value[]) : [value];
    switch (op) {
      case "==":
        for (const d of disjuncts) facts(d, field).equals = value;
        break;
      case "in":
        split(field, list, (f, v) => (f.equals = v));
        break;
      case "array-contains-any":
        split(field, list, (f, v) => f.contains.push(v));
        break;
      case "array-contains":
        for (const d of disjuncts) facts(d, field).contains.push(value);
        break;
      case "!=":
      case "not-in":
        for (const d of disjuncts) facts(d, field).excluded.push(...list);
        break;
      case ">":
      case ">=":
        for (const d of disjuncts) facts(d, field).lower = { value, inclusive: op === ">=" };
        break;
      case "<":
      case "<=":
        for (const d of disjuncts) facts(d, field).upper = { value, inclusive: op === "<=" };
        break;
    }
  }
  return disjuncts.map(toDocumentMap);
}

function toDocumentMap(fields: Map<string, FieldFacts>): RMap {
  type Tree = Map<string, Value | Tree>;
  const root: Tree = new Map();
  for (const [field, f] of fields) {
    const value: Value =
      f.equals !== undefined
        ? f.equals
        : new RConstraint(field, f.lower, f.upper, f.excluded, f.contains);
    const parts = field.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node.get(part);
      if (!(next instanceof Map)) node.set(part, (next = new Map()));
      node = next as Tree;
    }
    node.set(parts[parts.length - 1]!, value);
  }
  const build = (tree: Tree): RMap =>
    new RMap(new Map([...tree].map(([k, v]) => [k, v instanceof Map ? build(v as Tree) : v])));
  return build(root);
}
