/** The shape of a per-type method table, shared by the methods-* modules. */
import { expectArity } from "./args.js";
import type { Value } from "./value.js";

/**
 * One method: gets the receiver, the arguments and its qualified name (`string.matches`) for
 * error messages. Implementations check arity and argument types themselves.
 */
export type Method<T> = (self: T, args: readonly Value[], fn: string) => Value;

/** A type's methods by name. A Map, not an object, so `toString` & co. are never found. */
export type MethodTable<T> = ReadonlyMap<string, Method<T>>;

/** Wraps a method that takes no arguments, adding the arity check. */
export function nullary<T>(body: (self: T) => Value): Method<T> {
  return (self, args, fn) => {
    expectArity(fn, args, 0);
    return body(self);
  };
}
