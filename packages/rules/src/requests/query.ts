import { RMap, type Value } from "../values/value.js";

export type QueryOperator =
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "in"
  | "not-in"
  | "array-contains"
  | "array-contains-any";

export interface QuerySpec {
  where?: Array<[field: string, op: QueryOperator, value: Value]>;
  limit?: number;
  offset?: number;
  orderBy?: Value;
}

/**
 * The documents a query can return, as maps of what its filters prove about them: one map per
 * disjunct (`in` gives one per value). Only equality is proven; a field constrained otherwise
 * (ranges, `!=`, `array-contains`) stays unknown, so rules that read it deny, which errs on the
 * side of denying.
 */
export function queryDisjuncts(query: QuerySpec | undefined): RMap[] {
  let disjuncts: Tree[] = [new Map()];
  for (const [field, op, value] of query?.where ?? []) {
    if (op === "==") {
      for (const d of disjuncts) setPath(d, field, value);
    } else if (op === "in" && Array.isArray(value)) {
      disjuncts = disjuncts.flatMap((d) =>
        (value as readonly Value[]).map((v) => {
          const copy = deepCopy(d);
          setPath(copy, field, v);
          return copy;
        }),
      );
    }
  }
  return disjuncts.map((d) => toMap(d));
}

type Tree = Map<string, Value | Tree>;

function setPath(root: Tree, field: string, value: Value): void {
  const parts = field.split(".");
  let node = root;
  for (const part of parts.slice(0, -1)) {
    let next = node.get(part);
    if (!(next instanceof Map)) {
      next = new Map();
      node.set(part, next);
    }
    node = next as Tree;
  }
  node.set(parts[parts.length - 1]!, value);
}

function deepCopy(tree: Tree): Tree {
  return new Map([...tree].map(([k, v]) => [k, v instanceof Map ? deepCopy(v as Tree) : v]));
}

function toMap(tree: Tree): RMap {
  return new RMap(new Map([...tree].map(([k, v]) => [k, v instanceof Map ? toMap(v as Tree) : v])));
}
