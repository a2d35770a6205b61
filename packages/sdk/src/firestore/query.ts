/**
 * Query constraints in Firebase's modular shape: `query(ref, where(…), orderBy(…), limit(…))`.
 * Constraints only record what the app asked for; structured-query.ts turns a query into the
 * runtime's StructuredQuery JSON when it is sent.
 */
import { invalidArgument } from "../errors.js";
import { parseFieldPath } from "../values/field-path.js";
import { Query, type CursorSpec, type FilterSpec, type WhereFilterOp } from "./references.js";
import { DocumentSnapshot } from "./snapshot.js";

/**
 * A filter: from {@link where}, {@link and} or {@link or}.
 * @example `const mine: QueryFilterConstraint = where("owner", "==", uid);`
 */
export interface QueryFilterConstraint {
  readonly type: "where" | "and" | "or";
  /** @internal */
  readonly filter: FilterSpec;
}

/**
 * From {@link orderBy}.
 * @example `const newest: QueryOrderByConstraint = orderBy("at", "desc");`
 */
export interface QueryOrderByConstraint {
  readonly type: "orderBy";
  /** @internal */
  readonly field: string[];
  /** @internal */
  readonly descending: boolean;
}

/**
 * From {@link limit} or {@link limitToLast}.
 * @example `const page: QueryLimitConstraint = limit(20);`
 */
export interface QueryLimitConstraint {
  readonly type: "limit" | "limitToLast";
  /** @internal */
  readonly limit: number;
}

/**
 * From {@link startAt}, {@link startAfter}, {@link endAt} or {@link endBefore}.
 * @example `const next: QueryCursorConstraint = startAfter(lastSnapshot);`
 */
export interface QueryCursorConstraint {
  readonly type: "startAt" | "startAfter" | "endAt" | "endBefore";
  /** @internal */
  readonly cursor: CursorSpec;
}

/**
 * Anything {@link query} takes.
 * @example `const constraints: QueryConstraint[] = [where("open", "==", true), limit(5)];`
 */
export type QueryConstraint =
  QueryFilterConstraint | QueryOrderByConstraint | QueryLimitConstraint | QueryCursorConstraint;

/**
 * The direction of {@link orderBy}.
 * @example `orderBy("score", "desc" satisfies OrderByDirection)`
 */
export type OrderByDirection = "asc" | "desc";

const OPS = new Set<WhereFilterOp>([
  ...(["<", "<=", "==", "!=", ">=", ">"] as const),
  ...(["array-contains", "array-contains-any", "in", "not-in"] as const),
]);
const LIST_OPS = new Set<WhereFilterOp>(["in", "not-in", "array-contains-any"]);

/**
 * A new query: `base` narrowed by `constraints`, applied in order (a later limit or cursor
 * replaces an earlier one, as in Firebase).
 *
 * @example
 * ```ts
 * const q = query(
 *   db.collection("posts"),
 *   where("published", "==", true),
 *   orderBy("likes", "desc"),
 *   limit(20),
 * );
 * ```
 */
export function query(base: Query, ...constraints: QueryConstraint[]): Query {
  const state = { ...base.state, filters: [...base.state.filters], orders: [...base.state.orders] };
  for (const c of constraints) {
    switch (c.type) {
      case "where":
      case "and":
      case "or":
        state.filters.push(c.filter);
        break;
      case "orderBy":
        state.orders.push({ field: c.field, descending: c.descending });
        break;
      case "limit":
      case "limitToLast":
        state.limit = c.limit;
        state.limitToLast = c.type === "limitToLast";
        break;
      case "startAt":
      case "startAfter":
        state.startAt = c.cursor;
        break;
      default:
        state.endAt = c.cursor;
    }
  }
  return new Query(base.db, state);
}

/**
 * A field filter. `== null` / `!= null` and `== NaN` / `!= NaN` become Firestore's unary
 * filters; `in`, `not-in` and `array-contains-any` take a non-empty array (at most 30 values).
 *
 * @example
 * ```ts
 * where("age", ">=", 18);
 * where("tags", "array-contains-any", ["red", "blue"]);
 * where(documentId(), "in", ["ada", "bob"]);
 * ```
 * @throws WinkyError invalid-argument for an unknown operator, a bad field path, or a
 *   list operator without a non-empty array.
 */
export function where(fieldPath: string, op: WhereFilterOp, value: unknown): QueryFilterConstraint {
  if (!OPS.has(op)) throw invalidArgument(`where(): unknown operator ${JSON.stringify(op)}`);
  if (LIST_OPS.has(op) && (!Array.isArray(value) || value.length === 0)) {
    throw invalidArgument(`where(): '${op}' needs a non-empty array of values`);
  }
  const field = parseFieldPath(fieldPath, "where()");
  return { type: "where", filter: { kind: "field", field, op, value } };
}

/** Documents matching every filter. @example `query(ref, and(where("a", "==", 1), where("b", ">", 2)))` */
export function and(...filters: QueryFilterConstraint[]): QueryFilterConstraint {
  return {
    type: "and",
    filter: { kind: "composite", op: "AND", filters: filters.map((f) => f.filter) },
  };
}

/** Documents matching any filter. @example `query(ref, or(where("a", "==", 1), where("b", "==", 2)))` */
export function or(...filters: QueryFilterConstraint[]): QueryFilterConstraint {
  return {
    type: "or",
    filter: { kind: "composite", op: "OR", filters: filters.map((f) => f.filter) },
  };
}

/**
 * Orders by a field; documents without it are left out, as in Firestore. Ties are broken by
 * the document name.
 * @example `orderBy("createdAt", "desc")`
 */
export function orderBy(
  fieldPath: string,
  direction: OrderByDirection = "asc",
): QueryOrderByConstraint {
  if (direction !== "asc" && direction !== "desc") {
    throw invalidArgument(
      `orderBy(): direction must be "asc" or "desc", got ${JSON.stringify(direction)}`,
    );
  }
  return {
    type: "orderBy",
    field: parseFieldPath(fieldPath, "orderBy()"),
    descending: direction === "desc",
  };
}

/** The first `n` documents. @example `limit(10)` */
export function limit(n: number): QueryLimitConstraint {
  return { type: "limit", limit: count(n, "limit()") };
}

/** The last `n` documents, still returned in the query's order. @example `limitToLast(10)` */
export function limitToLast(n: number): QueryLimitConstraint {
  return { type: "limitToLast", limit: count(n, "limitToLast()") };
}

/**
 * Starts at the given values of the order fields, or at a document: a snapshot's values for
 * every order field (including the implicit ones) and its name.
 * @example `query(ref, orderBy("age"), startAt(18))` or `startAt(lastSnapshot)`
 */
export function startAt(...values: unknown[]): QueryCursorConstraint {
  return cursor("startAt", true, values);
}

/** Like {@link startAt}, but excluding the position itself. Paginate with the last snapshot. */
export function startAfter(...values: unknown[]): QueryCursorConstraint {
  return cursor("startAfter", false, values);
}

/** Ends at the position, including it. */
export function endAt(...values: unknown[]): QueryCursorConstraint {
  return cursor("endAt", false, values);
}

/** Ends before the position. */
export function endBefore(...values: unknown[]): QueryCursorConstraint {
  return cursor("endBefore", true, values);
}

// Firestore's `before`: whether the position is just before the given values.
function cursor(
  type: QueryCursorConstraint["type"],
  before: boolean,
  values: unknown[],
): QueryCursorConstraint {
  if (values.length === 0) throw invalidArgument(`${type}(): give at least one value`);
  const [first] = values;
  if (first instanceof DocumentSnapshot) {
    if (values.length > 1) throw invalidArgument(`${type}(): give one snapshot or only values`);
    return { type, cursor: { before, method: type, snapshot: first } };
  }
  return { type, cursor: { before, method: type, values } };
}

function count(n: number, where: string): number {
  if (!Number.isInteger(n) || n <= 0)
    throw invalidArgument(`${where} needs a positive integer, got ${n}`);
  return n;
}
