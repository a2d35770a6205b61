/**
 * The rules language's operators on values. Every combination not listed in the reference
 * (§7.2) throws a RulesEvalError naming the operator and both operand types: production denies
 * on such errors, and `&&`/`||` may absorb them, so they must be errors rather than `false`.
 */
import { setKeys, valueKey, valuesEqual } from "./equality.js";
import { fail } from "./errors.js";
import { checkedInt, isNumeric, numericValue } from "./numbers.js";
import { charAt, charLength, charSlice } from "./strings.js";
import { makeDuration, makeTimestamp } from "./time.js";
import { RDuration, RFloat, RMap, RPath, RSet, RTimestamp, typeOf, type Value } from "./value.js";

function invalid(op: string, a: Value, b: Value): never {
  return fail(`Invalid operands for '${op}': ${typeOf(a)} and ${typeOf(b)}.`);
}

/**
 * Numeric binary operation: int ⊕ int stays int (`intOp`, overflow-checked), anything mixed
 * with a float promotes to float (IEEE semantics, so float division by zero gives ±Infinity or
 * NaN; production never pinned that down). Returns undefined for non-numeric operands.
 */
function numeric(
  a: Value,
  b: Value,
  intOp: (x: number, y: number) => number,
  floatOp: (x: number, y: number) => number,
): Value | undefined {
  if (typeof a === "number" && typeof b === "number") return checkedInt(intOp(a, b));
  if (isNumeric(a) && isNumeric(b)) return new RFloat(floatOp(numericValue(a), numericValue(b)));
  return undefined;
}

/**
 * `a + b`: numbers, string concatenation, timestamp + duration (either order), duration +
 * duration. List + list is not in the language (`concat()` is), so it is an error.
 */
export function add(a: Value, b: Value): Value {
  const n = numeric(
    a,
    b,
    (x, y) => x + y,
    (x, y) => x + y,
  );
  if (n !== undefined) return n;
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (a instanceof RDuration) {
    if (b instanceof RDuration) return makeDuration(a.seconds + b.seconds, a.nanos + b.nanos);
    if (b instanceof RTimestamp) return makeTimestamp(b.seconds + a.seconds, b.nanos + a.nanos);
  }
  if (a instanceof RTimestamp && b instanceof RDuration) {
    return makeTimestamp(a.seconds + b.seconds, a.nanos + b.nanos);
  }
  return invalid("+", a, b);
}

/** `a - b`: numbers, timestamp − duration, timestamp − timestamp → duration, duration − duration. */
export function subtract(a: Value, b: Value): Value {
  const n = numeric(
    a,
    b,
    (x, y) => x - y,
    (x, y) => x - y,
  );
  if (n !== undefined) return n;
  if (a instanceof RTimestamp) {
    if (b instanceof RDuration) return makeTimestamp(a.seconds - b.seconds, a.nanos - b.nanos);
    if (b instanceof RTimestamp) return makeDuration(a.seconds - b.seconds, a.nanos - b.nanos);
  }
  if (a instanceof RDuration && b instanceof RDuration) {
    return makeDuration(a.seconds - b.seconds, a.nanos - b.nanos);
  }
  return invalid("-", a, b);
}

/** `a * b`: numbers only. */
export function multiply(a: Value, b: Value): Value {
  return (
    numeric(
      a,
      b,
      (x, y) => x * y,
      (x, y) => x * y,
    ) ?? invalid("*", a, b)
  );
}

/** `a / b`: int / int truncates toward zero (`-7 / 2 == -3`); int / 0 is an error. */
export function divide(a: Value, b: Value): Value {
  if (b === 0 && typeof a === "number") fail("Division by zero.");
  return (
    numeric(
      a,
      b,
      (x, y) => Math.trunc(x / y),
      (x, y) => x / y,
    ) ?? invalid("/", a, b)
  );
}

/** `a % b`: the result takes the dividend's sign (`-7 % 2 == -1`), as JS `%` does; int % 0 errors. */
export function modulo(a: Value, b: Value): Value {
  if (b === 0 && typeof a === "number") fail("Modulo by zero.");
  return (
    numeric(
      a,
      b,
      (x, y) => x % y,
      (x, y) => x % y,
    ) ?? invalid("%", a, b)
  );
}

/** Unary `-a` on an int or a float. */
export function negate(a: Value): Value {
  if (typeof a === "number") return a === 0 ? 0 : -a;
  if (a instanceof RFloat) return new RFloat(-a.value);
  return fail(`Invalid operand for unary '-': ${typeOf(a)}.`);
}

/** `!a`: only a bool is accepted; no truthiness (production errors on `!'x'`). */
export function not(a: Value): boolean {
  if (typeof a !== "boolean") fail(`Invalid operand for '!': ${typeOf(a)}.`);
  return !a;
}

/**
 * `needle in haystack`: list membership by rules equality, set membership, or a map's own-key
 * test (the key must be a string; prototype names like 'toString' are not keys).
 */
export function contains(haystack: Value, needle: Value): boolean {
  if (Array.isArray(haystack)) return haystack.some((item) => valuesEqual(item, needle));
  if (haystack instanceof RSet) return setKeys(haystack).has(valueKey(needle));
  if (haystack instanceof RMap) {
    if (typeof needle !== "string") invalid("in", needle, haystack);
    return haystack.entries.has(needle);
  }
  if (haystack === null) fail("Null value error.");
  return invalid("in", needle, haystack);
}

function indexInt(target: Value, i: Value, size: number): number {
  if (typeof i !== "number") return invalid("[]", target, i);
  if (i < 0 || i >= size) fail(`Index ${i} out of range for ${typeOf(target)} of size ${size}.`);
  return i;
}

/**
 * `target[key]`, and `target.key` for maps and paths: `list[int]` (no negative indexes),
 * `string[int]` (one character), `map[string]` (a missing key is the production error
 * "Property k is undefined on object."), `path[int]` (segment) and `path[string]` (binding).
 */
export function index(target: Value, key: Value): Value {
  if (Array.isArray(target)) return target[indexInt(target, key, target.length)] as Value;
  if (typeof target === "string") {
    return charAt(target, indexInt(target, key, charLength(target))) as string;
  }
  if (target instanceof RMap) {
    if (typeof key !== "string") return invalid("[]", target, key);
    const v = target.entries.get(key);
    return v !== undefined ? v : fail(`Property ${key} is undefined on object.`);
  }
  if (target instanceof RPath) {
    if (typeof key === "string") {
      return target.bindings.get(key) ?? fail(`Property ${key} is undefined on object.`);
    }
    return target.segments[indexInt(target, key, target.segments.length)] as string;
  }
  if (target === null) fail("Null value error.");
  return invalid("[]", target, key);
}

/**
 * `target[start:end]` on a list or a string (end exclusive). Out-of-range ends are an error,
 * not clamped: production denied `arr[1:99]` on a 4-element list. An omitted bound (passed as
 * undefined) means the start or the end.
 */
export function slice(target: Value, start: Value | undefined, end: Value | undefined): Value {
  let size: number;
  if (Array.isArray(target)) size = target.length;
  else if (typeof target === "string") size = charLength(target);
  else if (target === null) return fail("Null value error.");
  else return fail(`Invalid operand for '[:]': ${typeOf(target)}.`);
  const from = start === undefined ? 0 : start;
  const to = end === undefined ? size : end;
  if (typeof from !== "number" || typeof to !== "number") {
    return fail(`Slice bounds must be ints, got ${typeOf(from)} and ${typeOf(to)}.`);
  }
  if (from < 0 || to > size || from > to) {
    fail(`Slice [${from}:${to}] out of range for ${typeOf(target)} of size ${size}.`);
  }
  return typeof target === "string" ? charSlice(target, from, to) : target.slice(from, to);
}

const TYPE_TESTS: ReadonlyMap<string, (v: Value) => boolean> = new Map([
  ["bool", (v: Value) => typeof v === "boolean"],
  ["int", (v: Value) => typeof v === "number"],
  ["float", (v: Value) => v instanceof RFloat],
  ["number", isNumeric],
  ["string", (v: Value) => typeof v === "string"],
  ["bytes", (v: Value) => typeOf(v) === "bytes"],
  ["list", (v: Value) => Array.isArray(v)],
  ["map", (v: Value) => v instanceof RMap],
  ["set", (v: Value) => v instanceof RSet],
  ["path", (v: Value) => v instanceof RPath],
  ["timestamp", (v: Value) => v instanceof RTimestamp],
  ["duration", (v: Value) => v instanceof RDuration],
  ["latlng", (v: Value) => typeOf(v) === "latlng"],
  ["map_diff", (v: Value) => typeOf(v) === "map_diff"],
  // Constraints only exist inside production's query analysis; no value here is one.
  ["constraint", () => false],
]);

/** `value is typeName`. `number` covers int and float; an unknown type name is an error. */
export function isType(value: Value, typeName: string): boolean {
  const test = TYPE_TESTS.get(typeName) ?? fail(`Unknown type name '${typeName}' in 'is'.`);
  return test(value);
}

/** The type names `is` accepts, for the checker. */
export function isKnownTypeName(typeName: string): boolean {
  return TYPE_TESTS.has(typeName);
}
