/**
 * Firestore's total order over values, which `orderBy`, range filters, cursors and `==`
 * follow. Values of different types order by type; within a type by value. Integers and
 * doubles are one type: `5` equals `5.0`, and NaN sorts before every other number.
 */
import { compareStrings } from "./strings.js";
import type { DocFields, DocValue } from "./value.js";

/**
 * The rank of a value's type in Firestore's order: null 0, boolean 1, number 2 (integers and
 * doubles, NaN included), timestamp 3, string 4, bytes 5, reference 6, geopoint 7, array 8,
 * map 9.
 */
export function typeOrder(value: DocValue): number {
  return TYPE_ORDER[value.type];
}

const TYPE_ORDER: Record<DocValue["type"], number> = {
  null: 0,
  boolean: 1,
  integer: 2,
  double: 2,
  timestamp: 3,
  string: 4,
  bytes: 5,
  reference: 6,
  geopoint: 7,
  array: 8,
  map: 9,
};

/**
 * Compares two values in Firestore's order: negative if `a` sorts first, 0 if they are equal,
 * positive if `b` does. Strings compare by UTF-8 bytes, bytes by unsigned bytes, references
 * segment by segment, geopoints by latitude then longitude, arrays element-wise then by
 * length, maps by their entries in key order (key, then value) then by size.
 */
export function compareValues(a: DocValue, b: DocValue): number {
  const byType = typeOrder(a) - typeOrder(b);
  if (byType !== 0) return sign(byType);
  switch (a.type) {
    case "null":
      return 0;
    case "boolean":
      return Number(a.value) - Number((b as typeof a).value);
    case "integer":
    case "double":
      return compareNumbers(a, b as typeof a);
    case "timestamp": {
      const other = b as typeof a;
      return sign(a.seconds - other.seconds) || sign(a.nanos - other.nanos);
    }
    case "string":
      return sign(compareStrings(a.value, (b as typeof a).value));
    case "bytes":
      return compareBytes(a.value, (b as typeof a).value);
    case "reference":
      return compareReferences(a.value, (b as typeof a).value);
    case "geopoint": {
      const other = b as typeof a;
      return (
        compareDoubles(a.latitude, other.latitude) || compareDoubles(a.longitude, other.longitude)
      );
    }
    case "array":
      return compareArrays(a.values, (b as typeof a).values);
    case "map":
      return compareMaps(a.fields, (b as typeof a).fields);
  }
}

/**
 * Equality as Firestore's `==`, `in`, `array-contains` and the array transforms use it:
 * `compareValues(a, b) === 0`. So `5` equals `5.0`, NaN equals NaN and -0 equals 0.
 */
export function valuesEqual(a: DocValue, b: DocValue): boolean {
  return compareValues(a, b) === 0;
}

type NumberValue = Extract<DocValue, { type: "integer" | "double" }>;

function compareNumbers(a: NumberValue, b: NumberValue): number {
  if (a.type === "integer" && b.type === "integer") return sign(a.value - b.value);
  if (a.type === "double" && b.type === "double") return compareDoubles(a.value, b.value);
  return a.type === "integer"
    ? compareIntegerToDouble(a.value, b.value as number)
    : -compareIntegerToDouble(b.value as bigint, a.value);
}

/** Doubles with NaN first (and equal to itself) and -0 equal to 0. */
function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1;
}

/**
 * Compares an int64 with a double exactly. Converting the integer to a double would round
 * above 2^53 (2^53 + 1 would equal 2^53), so the double goes to bigint instead: exactly when
 * it is integral, else via its floor, which is exact because a fractional double is < 2^52.
 */
function compareIntegerToDouble(i: bigint, d: number): number {
  if (Number.isNaN(d)) return 1;
  if (d === Infinity) return -1;
  if (d === -Infinity) return 1;
  if (Number.isInteger(d)) return sign(i - BigInt(d));
  return i <= BigInt(Math.floor(d)) ? -1 : 1;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return sign(diff);
  }
  return sign(a.length - b.length);
}

/** Segment by segment, so `a/b/c` sorts before `a-x/…` even though `/` > `-` as characters. */
function compareReferences(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const c = compareStrings(left[i] as string, right[i] as string);
    if (c !== 0) return sign(c);
  }
  return sign(left.length - right.length);
}

function compareArrays(a: DocValue[], b: DocValue[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const c = compareValues(a[i] as DocValue, b[i] as DocValue);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

function compareMaps(a: DocFields, b: DocFields): number {
  const left = sortedKeys(a);
  const right = sortedKeys(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const ka = left[i] as string;
    const kb = right[i] as string;
    const byKey = sign(compareStrings(ka, kb));
    if (byKey !== 0) return byKey;
    const byValue = compareValues(a.get(ka) as DocValue, b.get(kb) as DocValue);
    if (byValue !== 0) return byValue;
  }
  return sign(left.length - right.length);
}

function sortedKeys(fields: DocFields): string[] {
  return [...fields.keys()].sort(compareStrings);
}

function sign(n: number | bigint): number {
  return n > 0 ? 1 : n < 0 ? -1 : 0;
}
