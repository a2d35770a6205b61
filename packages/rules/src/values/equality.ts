/**
 * Rules equality (`==`, `!=`, `in`, set algebra) and ordering (`<`, `<=`, `>`, `>=`).
 */
import { fail } from "./errors.js";
import { isNumeric, numericValue } from "./numbers.js";
import { compareStrings } from "./strings.js";
import {
  RDuration,
  RFloat,
  RLatLng,
  RMap,
  RMapDiff,
  RPath,
  RSet,
  RTimestamp,
  typeOf,
  type Value,
} from "./value.js";

/**
 * Rules `==`. Ints and floats compare numerically (`1 == 1.0`; NaN equals nothing, as in
 * IEEE), lists element-wise, maps by key set and values, sets ignoring order, paths by
 * segments (bindings are not part of a path's identity), bytes by content, timestamps,
 * durations and latlngs by fields. Values of different types are unequal, never an error:
 * production answers `request.path != null` with true.
 */
export function valuesEqual(a: Value, b: Value): boolean {
  if (isNumeric(a)) return isNumeric(b) && numericValue(a) === numericValue(b);
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valuesEqual(x, b[i] as Value));
  }
  if (a instanceof RMap) return b instanceof RMap && mapsEqual(a, b);
  if (a instanceof RSet) {
    if (!(b instanceof RSet) || a.items.length !== b.items.length) return false;
    const keys = setKeys(b);
    return a.items.every((x) => keys.has(valueKey(x)));
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  if (a instanceof RPath) {
    if (!(b instanceof RPath) || a.segments.length !== b.segments.length) return false;
    return a.segments.every((s, i) => s === b.segments[i]);
  }
  if (a instanceof RTimestamp) {
    return b instanceof RTimestamp && a.seconds === b.seconds && a.nanos === b.nanos;
  }
  if (a instanceof RDuration) {
    return b instanceof RDuration && a.seconds === b.seconds && a.nanos === b.nanos;
  }
  if (a instanceof RLatLng) return b instanceof RLatLng && a.lat === b.lat && a.lng === b.lng;
  if (a instanceof RMapDiff) {
    return b instanceof RMapDiff && mapsEqual(a.left, b.left) && mapsEqual(a.right, b.right);
  }
  return false;
}

function mapsEqual(a: RMap, b: RMap): boolean {
  if (a.entries.size !== b.entries.size) return false;
  for (const [k, v] of a.entries) {
    if (!b.entries.has(k) || !valuesEqual(v, b.entries.get(k) as Value)) return false;
  }
  return true;
}

/**
 * Orders two values for `<`, `<=`, `>`, `>=`: negative, zero or positive like a sort
 * comparator. Comparable: numbers (int and float mix), strings (by code point, i.e. UTF-8 byte
 * order), timestamps and durations, each only with its own kind. Anything else (null, bool,
 * bytes, lists, maps…) fails with an error naming both types.
 *
 * Returns NaN when either operand is a float NaN: every comparison with NaN is false, so the
 * caller must test `r < 0`, `r <= 0`, `r > 0`, `r >= 0`, which all come out false for NaN.
 */
export function compareValues(a: Value, b: Value): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = numericValue(a);
    const y = numericValue(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  if (typeof a === "string" && typeof b === "string") return Math.sign(compareStrings(a, b));
  if (
    (a instanceof RTimestamp && b instanceof RTimestamp) ||
    (a instanceof RDuration && b instanceof RDuration)
  ) {
    return Math.sign(a.seconds - b.seconds || a.nanos - b.nanos);
  }
  return fail(`Cannot compare ${typeOf(a)} and ${typeOf(b)}.`);
}

let nanCounter = 0;

/**
 * A canonical string for a value such that `valueKey(a) === valueKey(b)` exactly when
 * `valuesEqual(a, b)`, so sets, `toSet()` and `hasAll` can use JS Maps/Sets. Ints and floats
 * share the numeric key (`1` and `1.0` are equal). NaN is equal to nothing, not even itself, so
 * each call gives it a fresh key; a container holding NaN therefore never matches either.
 */
export function valueKey(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return `n${v === 0 ? 0 : v}`;
    case "string":
      return JSON.stringify(v);
  }
  if (v instanceof RFloat) {
    if (Number.isNaN(v.value)) return `nan#${++nanCounter}`;
    return `n${v.value === 0 ? 0 : v.value}`;
  }
  if (Array.isArray(v)) return `[${v.map(valueKey).join(",")}]`;
  if (v instanceof RMap) return mapKey(v);
  if (v instanceof RSet) return `set(${v.items.map(valueKey).sort().join(",")})`;
  if (v instanceof Uint8Array) return `b${Buffer.from(v).toString("hex")}`;
  if (v instanceof RPath) return `path${JSON.stringify(v.segments)}`;
  if (v instanceof RTimestamp) return `ts${v.seconds}.${v.nanos}`;
  if (v instanceof RDuration) return `dur${v.seconds}.${v.nanos}`;
  if (v instanceof RLatLng) return `ll${v.lat === 0 ? 0 : v.lat},${v.lng === 0 ? 0 : v.lng}`;
  if (v instanceof RMapDiff) return `diff(${mapKey(v.left)},${mapKey(v.right)})`;
  return fail(`No key for a ${typeOf(v)} value.`);
}

function mapKey(m: RMap): string {
  const keys = [...m.entries.keys()].sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${valueKey(m.entries.get(k) as Value)}`).join(",")}}`;
}

/**
 * The item keys of a set, computed once per set: sets are immutable, and `x in s` or
 * `s.hasAll(…)` inside a rule may run many times against the same set.
 */
const setKeyCache = new WeakMap<RSet, ReadonlySet<string>>();

export function setKeys(s: RSet): ReadonlySet<string> {
  let keys = setKeyCache.get(s);
  if (!keys) {
    keys = new Set(s.items.map(valueKey));
    setKeyCache.set(s, keys);
  }
  return keys;
}

/** Builds a set from items, keeping the first of each group of equal items. */
export function makeSet(items: Iterable<Value>): RSet {
  const seen = new Set<string>();
  const kept: Value[] = [];
  for (const item of items) {
    const key = valueKey(item);
    if (!seen.has(key)) {
      seen.add(key);
      kept.push(item);
    }
  }
  const set = new RSet(kept);
  setKeyCache.set(set, seen);
  return set;
}
