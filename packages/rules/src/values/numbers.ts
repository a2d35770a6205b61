/**
 * Number helpers shared by operators, methods and namespaces. An int is a JS number that is
 * always a safe integer; a float is an `RFloat`, so the two never mix up by accident.
 */
import { fail } from "./errors.js";
import { RFloat, type Value } from "./value.js";

/** True for int (`number`) and float (`RFloat`): what `is number` accepts. */
export function isNumeric(v: Value): v is number | RFloat {
  return typeof v === "number" || v instanceof RFloat;
}

/** The JS number behind an int or a float. */
export function numericValue(v: number | RFloat): number {
  return typeof v === "number" ? v : v.value;
}

/**
 * Returns `n` as an int, or fails with "integer overflow". Rules ints are 64-bit, but ours are
 * JS numbers, so anything past ±2^53 would silently lose precision: we refuse it instead of
 * giving a wrong answer that could flip a verdict.
 */
export function checkedInt(n: number): number {
  if (!Number.isSafeInteger(n)) fail("integer overflow");
  // -0 is not an int value; normalise so that formatting and keys never see it.
  return n === 0 ? 0 : n;
}

/**
 * Converts a float to an int for the math functions and `int()`: refuses NaN, infinities and
 * values outside the safe-integer range (production would overflow 64 bits or error).
 */
export function floatToInt(n: number, what: string): number {
  if (!Number.isFinite(n)) fail(`${what}: cannot convert ${formatFloat(n)} to int.`);
  if (!Number.isSafeInteger(n)) fail("integer overflow");
  return n === 0 ? 0 : n;
}

/**
 * Renders a float the way production's `string()` does for the documented cases: integral
 * floats keep a ".0" (`string(2.0) == "2.0"`). Non-integral values use JS's shortest
 * round-trip form; very large or small values keep JS's exponent form ("1e+21"), which is a
 * guess: production's exact spelling of exponents is not documented.
 */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  const s = Object.is(n, -0) ? "-0" : String(n);
  return /[.e]/.test(s) ? s : `${s}.0`;
}
