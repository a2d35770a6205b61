/**
 * Method calls `receiver.name(args…)`, dispatched on the receiver's type. The per-type tables
 * live in methods-text, methods-collections and methods-time.
 */
import { functionNotFound } from "./args.js";
import { fail } from "./errors.js";
import type { MethodTable } from "./method-table.js";
import { LIST_METHODS, MAP_DIFF_METHODS, MAP_METHODS, SET_METHODS } from "./methods-collections.js";
import { BYTES_METHODS, STRING_METHODS } from "./methods-text.js";
import {
  DURATION_METHODS,
  LATLNG_METHODS,
  PATH_METHODS,
  TIMESTAMP_METHODS,
} from "./methods-time.js";
import { typeOf, type TypeName, type Value } from "./value.js";

/**
 * Every type's table. Ints, floats, bools and null have no methods (the reference lists none),
 * so any call on them is "Function not found".
 */
const TABLES: Partial<Record<TypeName, MethodTable<never>>> = {
  string: STRING_METHODS,
  bytes: BYTES_METHODS,
  list: LIST_METHODS,
  map: MAP_METHODS,
  set: SET_METHODS,
  map_diff: MAP_DIFF_METHODS,
  path: PATH_METHODS,
  timestamp: TIMESTAMP_METHODS,
  duration: DURATION_METHODS,
  latlng: LATLNG_METHODS,
};

/**
 * Calls method `name` on `receiver`. An unknown method (including, as in production, `hasAll`
 * on a map) fails with "Function not found error: Name: [name]."; a method called on null
 * fails with "Null value error."; wrong arity or argument types fail naming `type.name()`.
 */
export function callMethod(receiver: Value, name: string, args: readonly Value[]): Value {
  if (receiver === null) fail("Null value error.");
  const type = typeOf(receiver);
  const method = TABLES[type]?.get(name) ?? functionNotFound(name);
  return (method as (self: Value, args: readonly Value[], fn: string) => Value)(
    receiver,
    args,
    `${type}.${name}`,
  );
}

/** Whether values of `type` have a method `name`, for the checker. */
export function hasMethod(type: TypeName, name: string): boolean {
  return TABLES[type]?.has(name) ?? false;
}
