/**
 * What the language provides without declaration: global functions and namespaces, their
 * arities, the type names `is` accepts, and every type's methods (reference §8–9).
 */
import type { Expr } from "../syntax/ast.js";
import { isGlobalFunction } from "../values/namespaces.js";

/** Namespaces called as `ns.fn(…)` in both services (`firestore.*` is handled apart). */
export const NAMESPACES: ReadonlySet<string> = new Set([
  "math",
  "timestamp",
  "duration",
  "latlng",
  "hashing",
]);

/** Document lookups called unprefixed, and only in `service cloud.firestore`. */
export const FIRESTORE_LOOKUPS: ReadonlySet<string> = new Set([
  "get",
  "exists",
  "getAfter",
  "existsAfter",
]);

/** Cross-service lookups `firestore.get()` / `firestore.exists()`, only in Storage rules. */
export const STORAGE_LOOKUPS: ReadonlySet<string> = new Set(["get", "exists"]);

/** The variables every condition sees (reference §10). */
export const GLOBAL_VARIABLES: ReadonlySet<string> = new Set(["request", "resource"]);

/**
 * Arities of built-ins, by qualified name. The value library checks arity only when a call
 * runs; knowing it here turns a deny-at-runtime into a message at the call.
 */
const ARITY: ReadonlyMap<string, number> = new Map([
  ...["get", "exists", "getAfter", "existsAfter", "firestore.get", "firestore.exists"].map(
    (n) => [n, 1] as const,
  ),
  ...["debug", "int", "float", "string", "path", "bool"].map((n) => [n, 1] as const),
  ...["abs", "ceil", "floor", "round", "sqrt", "isNaN", "isInfinite"].map(
    (n) => [`math.${n}`, 1] as const,
  ),
  ["math.pow", 2],
  ["timestamp.date", 3],
  ["timestamp.value", 1],
  ["duration.value", 2],
  ["duration.time", 4],
  ["duration.abs", 1],
  ["latlng.value", 2],
  ...["crc32", "crc32c", "md5", "sha256"].map((n) => [`hashing.${n}`, 1] as const),
]);

/** The arity of a built-in, when it is fixed and known. */
export function builtinArity(qualifiedName: string): number | undefined {
  return ARITY.get(qualifiedName);
}

/**
 * Documented functions that production does not have: the Test API answers
 * "Function not found error: Name: [bool]." (reference §8 bool, §9, §14 item 8).
 */
export const UNSUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set(["bool", "math.isInfinite"]);

/**
 * Whether a global function exists, by qualified name (`int`, `math.abs`). Delegates to the
 * value library so the checker and the evaluator can never disagree on what exists.
 */
export function isKnownGlobal(qualifiedName: string): boolean {
  return isGlobalFunction(qualifiedName);
}

/** Type names accepted after `is` (reference §8 "`is` type names"). */
export const TYPE_NAMES: ReadonlySet<string> = new Set([
  "bool",
  "bytes",
  "float",
  "int",
  "list",
  "latlng",
  "number",
  "path",
  "map",
  "string",
  "timestamp",
  "duration",
  "set",
  "map_diff",
  "constraint",
]);

/** Methods per type (reference §8). Ints, floats, bools and null have none. */
export const METHODS: Readonly<Record<string, ReadonlySet<string>>> = {
  string: new Set(["lower", "upper", "trim", "matches", "replace", "split", "size", "toUtf8"]),
  bytes: new Set(["size", "toBase64", "toHexString"]),
  list: new Set(["concat", "hasAll", "hasAny", "hasOnly", "join", "removeAll", "size", "toSet"]),
  map: new Set(["diff", "get", "keys", "values", "size"]),
  set: new Set(["difference", "intersection", "union", "hasAll", "hasAny", "hasOnly", "size"]),
  map_diff: new Set(["addedKeys", "removedKeys", "changedKeys", "unchangedKeys", "affectedKeys"]),
  path: new Set(["bind"]),
  timestamp: new Set([
    "date",
    "year",
    "month",
    "day",
    "hours",
    "minutes",
    "seconds",
    "nanos",
    "dayOfWeek",
    "dayOfYear",
    "time",
    "toMillis",
  ]),
  duration: new Set(["seconds", "nanos"]),
  latlng: new Set(["latitude", "longitude", "distance"]),
};

/** Every method name of every type: a receiver's type is rarely known statically. */
export const ALL_METHOD_NAMES: ReadonlySet<string> = new Set(
  Object.values(METHODS).flatMap((names) => [...names]),
);

/** Whether values of `type` have method `name`; types without a table have no methods. */
export function typeHasMethod(type: string, name: string): boolean {
  return METHODS[type]?.has(name) ?? false;
}

/**
 * The type of an expression written as a literal of any kind (scalar, list, map, path), or
 * undefined when it is computed. A literal's type is certain, so checks on it can be errors.
 */
export function literalType(expr: Expr): string | undefined {
  if (expr.kind === "literal") return expr.value.type;
  if (expr.kind === "list" || expr.kind === "map" || expr.kind === "path") return expr.kind;
  return undefined;
}
