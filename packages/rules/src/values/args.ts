/**
 * Argument checking shared by methods and global functions, so that every wrong call produces
 * the same shape of error naming the function.
 */
import { fail } from "./errors.js";
import { typeOf, type Value } from "./value.js";

/** Production's message for an unknown function or method. */
export function functionNotFound(name: string): never {
  return fail(`Function not found error: Name: [${name}].`);
}

/** Fails unless exactly `count` arguments were passed to `fn`. */
export function expectArity(fn: string, args: readonly Value[], count: number): void {
  if (args.length !== count) {
    fail(`${fn}() takes ${count} argument${count === 1 ? "" : "s"}, got ${args.length}.`);
  }
}

/** Fails with a message naming the function, the argument position and both types. */
export function badArgument(fn: string, position: number, expected: string, got: Value): never {
  return fail(`${fn}() argument ${position + 1}: expected ${expected}, got ${typeOf(got)}.`);
}

/**
 * Argument `position` of `fn`, checked with `test`; `expected` names the wanted type in the
 * error. Arity must have been checked first.
 */
export function arg<T extends Value>(
  fn: string,
  args: readonly Value[],
  position: number,
  test: (v: Value) => v is T,
  expected: string,
): T {
  const v = args[position] as Value;
  return test(v) ? v : badArgument(fn, position, expected, v);
}

export const isString = (v: Value): v is string => typeof v === "string";
export const isInt = (v: Value): v is number => typeof v === "number";
export const isList = (v: Value): v is readonly Value[] => Array.isArray(v);
