/**
 * The runtime's in-memory form of Firestore values: a tagged union that keeps every
 * distinction the wire format makes (int64 vs double, bytes vs string, reference vs string),
 * so a value read back is exactly the value written.
 *
 * Values are treated as immutable: nothing in this module or its siblings mutates a value or
 * a field map it was given; updates build new maps and share the untouched subtrees.
 */

/** A Firestore value. */
export type DocValue =
  | { type: "null" }
  | { type: "boolean"; value: boolean }
  /** int64; constructors and the wire decoder keep it within `INT64_MIN..INT64_MAX`. */
  | { type: "integer"; value: bigint }
  | { type: "double"; value: number }
  /** UTC instant: whole seconds since the epoch (may be negative) plus 0..999,999,999 ns. */
  | { type: "timestamp"; seconds: bigint; nanos: number }
  | { type: "string"; value: string }
  | { type: "bytes"; value: Uint8Array }
  /** A document path relative to the database's documents root, e.g. `users/alice`. */
  | { type: "reference"; value: string }
  | { type: "geopoint"; latitude: number; longitude: number }
  | { type: "array"; values: DocValue[] }
  | { type: "map"; fields: Map<string, DocValue> };

/** A document's top-level fields. */
export type DocFields = Map<string, DocValue>;

/** The `type` tags of `DocValue`. */
export type DocValueType = DocValue["type"];

/** The `DocValue` variant with the given tag. */
export type DocValueOf<T extends DocValueType> = Extract<DocValue, { type: T }>;

/** Smallest int64. */
export const INT64_MIN = -(2n ** 63n);
/** Largest int64. */
export const INT64_MAX = 2n ** 63n - 1n;

/** 0001-01-01T00:00:00Z, the earliest timestamp Firestore stores. */
export const MIN_TIMESTAMP_SECONDS = -62_135_596_800n;
/** 9999-12-31T23:59:59Z, the seconds part of the latest timestamp Firestore stores. */
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799n;

/** Maps and arrays may be nested at most this many levels (a top-level map is level 1). */
export const MAX_NESTING_DEPTH = 20;

/** Field names and path segments are limited to this many bytes of UTF-8. */
export const MAX_NAME_BYTES = 1500;

const NULL: DocValue = Object.freeze({ type: "null" });

/** The null value. */
export function nullValue(): DocValue {
  return NULL;
}

/** A boolean value. */
export function booleanValue(value: boolean): DocValue {
  return { type: "boolean", value };
}

/**
 * An int64 value.
 * @throws RangeError if `value` is a non-integer or unsafe number, or outside int64.
 */
export function integerValue(value: bigint | number): DocValue {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new RangeError(`${value} is not a safe integer; pass a bigint`);
  }
  const big = BigInt(value);
  if (big < INT64_MIN || big > INT64_MAX) throw new RangeError(`${big} is outside int64`);
  return { type: "integer", value: big };
}

/** A double value (NaN, ±Infinity and -0 included). */
export function doubleValue(value: number): DocValue {
  return { type: "double", value };
}

/**
 * A timestamp value.
 * @throws RangeError if `nanos` is not an integer in 0..999,999,999 or the instant is outside
 * 0001-01-01..9999-12-31.
 */
export function timestampValue(seconds: bigint | number, nanos = 0): DocValue {
  const s = BigInt(seconds);
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) {
    throw new RangeError(`nanos ${nanos} is not an integer in 0..999999999`);
  }
  if (s < MIN_TIMESTAMP_SECONDS || s > MAX_TIMESTAMP_SECONDS) {
    throw new RangeError(`timestamp seconds ${s} is outside 0001-01-01..9999-12-31`);
  }
  return { type: "timestamp", seconds: s, nanos };
}

/** A string value. */
export function stringValue(value: string): DocValue {
  return { type: "string", value };
}

/** A bytes value. The array is not copied: do not mutate it afterwards. */
export function bytesValue(value: Uint8Array): DocValue {
  return { type: "bytes", value };
}

/** A reference to the document at `path`, relative to the documents root (`users/alice`). */
export function referenceValue(path: string): DocValue {
  return { type: "reference", value: path };
}

/** A geographic point, in degrees. */
export function geoPointValue(latitude: number, longitude: number): DocValue {
  return { type: "geopoint", latitude, longitude };
}

/** An array value. */
export function arrayValue(values: DocValue[]): DocValue {
  return { type: "array", values };
}

/** A map value, from a `Map` or a plain record. */
export function mapValue(fields: Map<string, DocValue> | Record<string, DocValue>): DocValue {
  return { type: "map", fields: fields instanceof Map ? fields : fieldsOf(fields) };
}

/** A document's fields from a plain record (handy in tests and fixtures). */
export function fieldsOf(record: Record<string, DocValue>): DocFields {
  return new Map(Object.entries(record));
}

/** True for integers and doubles: the values Firestore orders and compares as numbers. */
export function isNumeric(value: DocValue): value is DocValueOf<"integer"> | DocValueOf<"double"> {
  return value.type === "integer" || value.type === "double";
}
