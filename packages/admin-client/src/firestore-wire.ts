/**
 * Firestore's REST `Value` JSON to plain JSON and back, for people editing documents as JSON.
 * Plain JSON cannot tell every Firestore type apart, so the decoding is lossy on purpose:
 * timestamps become RFC 3339 strings, references document paths, bytes base64 and geo points
 * `{ latitude, longitude }` maps. Encoding maps whole numbers to integers and the rest to
 * doubles, as the Firebase SDKs do.
 */

/** A REST `Value` as JSON: one key naming the type. */
export type WireValue = Record<string, unknown>;

/** The JSON a document's fields read as. */
export type JsonObject = Record<string, unknown>;

/** Decodes a document's `fields` to plain JSON. */
export function fromWireFields(fields: Record<string, WireValue> | undefined): JsonObject {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, fromWire(v)]));
}

/** Decodes one `Value`. */
export function fromWire(value: WireValue): unknown {
  if ("nullValue" in value) return null;
  if ("booleanValue" in value) return value.booleanValue;
  if ("integerValue" in value) return Number(value.integerValue);
  if ("doubleValue" in value) return Number(value.doubleValue);
  if ("timestampValue" in value) return value.timestampValue;
  if ("stringValue" in value) return value.stringValue;
  if ("bytesValue" in value) return value.bytesValue;
  if ("referenceValue" in value) {
    // `projects/p/databases/(default)/documents/users/alice` reads as `users/alice`.
    const name = String(value.referenceValue);
    const at = name.indexOf("/documents/");
    return at >= 0 ? name.slice(at + "/documents/".length) : name;
  }
  if ("geoPointValue" in value) return value.geoPointValue;
  if ("arrayValue" in value) {
    const values = (value.arrayValue as { values?: WireValue[] }).values ?? [];
    return values.map(fromWire);
  }
  if ("mapValue" in value) {
    return fromWireFields((value.mapValue as { fields?: Record<string, WireValue> }).fields);
  }
  throw new Error(`unknown Firestore value type: ${Object.keys(value).join(", ")}`);
}

/** Encodes plain JSON as a document's `fields`. */
export function toWireFields(data: JsonObject, prefix = ""): Record<string, WireValue> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, toWire(v, prefix + k)]));
}

/** Encodes one JSON value; `at` names where it is, for the error. */
export function toWire(value: unknown, at: string): WireValue {
  if (value === null) return { nullValue: null };
  if (typeof value === "boolean") return { booleanValue: value };
  if (typeof value === "number") {
    return Number.isSafeInteger(value) ? { integerValue: String(value) } : { doubleValue: value };
  }
  if (typeof value === "string") return { stringValue: value };
  if (Array.isArray(value)) {
    return { arrayValue: { values: value.map((v, i) => toWire(v, `${at}[${i}]`)) } };
  }
  if (typeof value === "object") {
    return { mapValue: { fields: toWireFields(value as JsonObject, `${at}.`) } };
  }
  throw new Error(`${at}: ${typeof value} is not JSON`);
}
