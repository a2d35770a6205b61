/**
 * `DocValue` → Firestore's REST `Value` JSON, shaped as Firestore's own responses are: int64
 * as a decimal string, non-finite doubles as "NaN"/"Infinity"/"-Infinity" and -0 as "-0" (JSON
 * cannot write a negative zero number), timestamps in UTC
 * with 0, 3, 6 or 9 fraction digits, references as full document names, and empty arrays and
 * maps as `{}` (proto3 JSON leaves out empty repeated fields).
 */
import { formatTimestamp } from "./timestamp.js";
import type { DocFields, DocValue } from "./value.js";
import { documentsRoot, encodeBytes, type WireOptions } from "./wire-scalars.js";

/** A REST `Value` as JSON. */
export type WireValue =
  | { nullValue: null }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number | "NaN" | "Infinity" | "-Infinity" | "-0" }
  | { timestampValue: string }
  | { stringValue: string }
  | { bytesValue: string }
  | { referenceValue: string }
  | { geoPointValue: { latitude: number; longitude: number } }
  | { arrayValue: { values?: WireValue[] } }
  | { mapValue: { fields?: Record<string, WireValue> } };

/**
 * Encodes one value as REST `Value` JSON.
 * @throws RangeError for a timestamp outside 0001-01-01..9999-12-31 (a bug upstream: decoding
 * and the constructors never produce one).
 */
export function encodeValue(value: DocValue, options: WireOptions): WireValue {
  switch (value.type) {
    case "null":
      return { nullValue: null };
    case "boolean":
      return { booleanValue: value.value };
    case "integer":
      return { integerValue: value.value.toString() };
    case "double":
      return { doubleValue: encodeDouble(value.value) };
    case "timestamp":
      return { timestampValue: formatTimestamp(value) };
    case "string":
      return { stringValue: value.value };
    case "bytes":
      return { bytesValue: encodeBytes(value.value) };
    case "reference":
      return { referenceValue: documentsRoot(options) + value.value };
    case "geopoint":
      return { geoPointValue: { latitude: value.latitude, longitude: value.longitude } };
    case "array":
      return value.values.length === 0
        ? { arrayValue: {} }
        : { arrayValue: { values: value.values.map((v) => encodeValue(v, options)) } };
    case "map":
      return value.fields.size === 0
        ? { mapValue: {} }
        : { mapValue: { fields: encodeFields(value.fields, options) } };
  }
}

/** Encodes a document's fields (or a map's) as the REST `fields` object. */
export function encodeFields(fields: DocFields, options: WireOptions): Record<string, WireValue> {
  const out: Record<string, WireValue> = {};
  for (const [name, value] of fields) {
    // defineProperty, so a key such as "__proto__" stays data instead of changing the prototype.
    Object.defineProperty(out, name, {
      value: encodeValue(value, options),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * The stored form's key for a string holding U+0000, which PostgreSQL's `jsonb` cannot hold:
 * the string's parts between its U+0000s (`"a\u0000b"` is `["a", "b"]`). Only the stored form
 * uses it: the wire form clients see never does, and the wire decoder refuses it.
 */
export const NUL_SEPARATED_STRING = "nulSeparatedStringValue";

/**
 * A document's fields as the JSON text stored in `runtime.documents.fields` (`jsonb`): the wire
 * form, except that a string holding U+0000 is `{"nulSeparatedStringValue": [parts]}`.
 * `decodeStoredFields` reverses it. Field names never hold U+0000: the decoder refuses them.
 */
export function encodeStoredFields(fields: DocFields, options: WireOptions): string {
  const wire = encodeFields(fields, options);
  const text = JSON.stringify(wire);
  // JSON writes U+0000 as \u0000. An escaped backslash before "u0000" matches too, which only
  // costs the second pass: the replacer rewrites strings that really hold U+0000.
  if (!text.includes("\\u0000")) return text;
  return JSON.stringify(wire, (_key, value: unknown) =>
    isNulString(value) ? { [NUL_SEPARATED_STRING]: value.stringValue.split("\u0000") } : value,
  );
}

/** A `{"stringValue": …}` holding U+0000. Field maps never match: their values are objects. */
function isNulString(value: unknown): value is { stringValue: string } {
  const text = (value as { stringValue?: unknown } | null)?.stringValue;
  return typeof text === "string" && text.includes("\u0000");
}

function encodeDouble(value: number): number | "NaN" | "Infinity" | "-Infinity" | "-0" {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  // JSON.stringify(-0) is "0"; as a string, as Firebase sends it, the sign survives.
  if (Object.is(value, -0)) return "-0";
  return value;
}
