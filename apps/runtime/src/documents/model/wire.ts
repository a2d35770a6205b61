/**
 * Firestore's REST `Value` JSON ↔ `DocValue`. The wire format is Firestore's own, so requests
 * written for Firestore's REST API work unchanged and responses parse with Firestore tooling.
 * Decoding validates everything a client controls and throws `DocumentValueError` naming the
 * field path; encoding trusts its input (it came from a decode or from our own code).
 */
import { DocumentValueError } from "./errors.js";
import { childFieldPath, elementFieldPath, validateFieldName } from "./field-path.js";
import { hasLoneSurrogate } from "./strings.js";
import { parseTimestamp } from "./timestamp.js";
import { INT64_MAX, INT64_MIN, MAX_NESTING_DEPTH, type DocFields, type DocValue } from "./value.js";
import { NUL_SEPARATED_STRING } from "./wire-encode.js";
import { decodeBytes, decodeReference, Problem, type WireOptions } from "./wire-scalars.js";

export { encodeFields, encodeStoredFields, encodeValue, type WireValue } from "./wire-encode.js";
export type { WireOptions } from "./wire-scalars.js";

/** Decoding options: the stored form (`encodeStoredFields`) is only read back from storage. */
interface DecodeOptions extends WireOptions {
  stored: boolean;
}

/**
 * Decodes one REST `Value` (`{"integerValue": "1"}`…) found at `fieldPath`.
 * The value counts as a top-level field for the nesting limit.
 *
 * @throws DocumentValueError naming the field path and the problem.
 */
export function decodeValue(json: unknown, fieldPath: string, options: WireOptions): DocValue {
  return decode(json, fieldPath, 0, { ...options, stored: false });
}

/**
 * Decodes a REST `Document.fields` / `MapValue.fields` object into a document's fields.
 * `undefined` is an empty document: proto3 JSON omits empty maps.
 *
 * @throws DocumentValueError naming the field path and the problem.
 */
export function decodeFields(json: unknown, options: WireOptions): DocFields {
  return decodeFieldMap(json, "", 0, { ...options, stored: false });
}

/**
 * Decodes fields read from `runtime.documents.fields`, written by `encodeStoredFields`: the
 * wire form, plus `{"nulSeparatedStringValue": [parts]}` for strings holding U+0000.
 *
 * @throws DocumentValueError for JSON that is neither (a bug or a damaged row).
 */
export function decodeStoredFields(json: unknown, options: WireOptions): DocFields {
  return decodeFieldMap(json, "", 0, { ...options, stored: true });
}

function decodeFieldMap(
  json: unknown,
  path: string,
  depth: number,
  options: DecodeOptions,
): DocFields {
  if (json === undefined) return new Map();
  if (!isObject(json)) {
    fail(path, "fields", `expected an object mapping field names to values, got ${show(json)}`);
  }
  const fields: DocFields = new Map();
  for (const [name, value] of Object.entries(json)) {
    const childPath = childFieldPath(path, name);
    validateFieldName(name, childPath);
    fields.set(name, decode(value, childPath, depth, options));
  }
  return fields;
}

/** `depth` counts the maps and arrays enclosing the value (0 for a top-level field). */
function decode(json: unknown, path: string, depth: number, options: DecodeOptions): DocValue {
  if (!isObject(json)) {
    fail(path, "value", `expected an object such as {"stringValue": "…"}, got ${show(json)}`);
  }
  const keys = Object.keys(json);
  if (keys.length !== 1) {
    const got = keys.length === 0 ? "none" : keys.map((k) => JSON.stringify(k)).join(", ");
    fail(path, "value", `expected exactly one value key, got ${got}`);
  }
  const key = keys[0] as string;
  const body = json[key];
  if (key === NUL_SEPARATED_STRING && options.stored) return decodeNulSeparated(body, path);
  switch (key) {
    case "nullValue":
      // proto3 JSON writes the NullValue enum as null, and parsers also take its name.
      if (body !== null && body !== "NULL_VALUE") fail(path, key, `${show(body)} is not null`);
      return { type: "null" };
    case "booleanValue":
      if (typeof body !== "boolean") fail(path, key, `${show(body)} is not true or false`);
      return { type: "boolean", value: body };
    case "integerValue":
      return { type: "integer", value: decodeInteger(body, path) };
    case "doubleValue":
      return { type: "double", value: decodeDouble(body, path) };
    case "timestampValue": {
      if (typeof body !== "string") fail(path, key, `${show(body)} is not a string`);
      const instant = parseTimestamp(body);
      if (typeof instant === "string") fail(path, key, `${show(body)}: ${instant}`);
      return { type: "timestamp", ...instant };
    }
    case "stringValue":
      if (typeof body !== "string") fail(path, key, `${show(body)} is not a string`);
      if (hasLoneSurrogate(body))
        fail(path, key, "the string is not valid Unicode (lone surrogate)");
      return { type: "string", value: body };
    case "bytesValue":
      return { type: "bytes", value: orFail(decodeBytes(body), path, key) };
    case "referenceValue":
      return { type: "reference", value: orFail(decodeReference(body, options), path, key) };
    case "geoPointValue":
      return decodeGeoPoint(body, path);
    case "arrayValue":
      return decodeArray(body, path, depth, options);
    case "mapValue": {
      enter(path, key, depth);
      if (!isObject(body)) fail(path, key, `${show(body)} is not an object like {"fields": {…}}`);
      onlyKeys(body, ["fields"], path, key);
      return { type: "map", fields: decodeFieldMap(body.fields, path, depth + 1, options) };
    }
    default:
      fail(path, "value", `${JSON.stringify(key)} is not a Firestore value type`);
  }
}

function decodeInteger(body: unknown, path: string): bigint {
  let value: bigint;
  if (typeof body === "string") {
    if (!/^-?\d+$/.test(body)) fail(path, "integerValue", `${show(body)} is not an integer`);
    value = BigInt(body);
  } else if (typeof body === "number" && Number.isInteger(body)) {
    // Past 2^53 a JSON number has already lost digits, so the client's value is unknowable.
    if (!Number.isSafeInteger(body)) {
      fail(path, "integerValue", `${body} is beyond ±2^53; send large integers as strings`);
    }
    value = BigInt(body);
  } else {
    fail(path, "integerValue", `${show(body)} is not an integer`);
  }
  if (value < INT64_MIN || value > INT64_MAX) {
    fail(path, "integerValue", `${show(body)} is outside the int64 range`);
  }
  return value;
}

// proto3 JSON also takes a double as a numeric string, besides the three special values.
const DOUBLE_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function decodeDouble(body: unknown, path: string): number {
  if (typeof body === "number") return body;
  if (body === "NaN") return NaN;
  if (body === "Infinity") return Infinity;
  if (body === "-Infinity") return -Infinity;
  if (typeof body === "string" && DOUBLE_TEXT.test(body)) return Number(body);
  return fail(path, "doubleValue", `${show(body)} is not a number`);
}

function decodeGeoPoint(body: unknown, path: string): DocValue {
  const key = "geoPointValue";
  if (!isObject(body)) fail(path, key, `${show(body)} is not an object like {"latitude": 0}`);
  onlyKeys(body, ["latitude", "longitude"], path, key);
  // proto3 JSON omits zero fields, so a missing coordinate is 0.
  const latitude = body.latitude ?? 0;
  const longitude = body.longitude ?? 0;
  if (typeof latitude !== "number" || !(latitude >= -90 && latitude <= 90)) {
    fail(path, key, `latitude ${show(latitude)} is not a number in [-90, 90]`);
  }
  if (typeof longitude !== "number" || !(longitude >= -180 && longitude <= 180)) {
    fail(path, key, `longitude ${show(longitude)} is not a number in [-180, 180]`);
  }
  return { type: "geopoint", latitude, longitude };
}

/** A stored string that holds U+0000: its parts between the U+0000s. */
function decodeNulSeparated(body: unknown, path: string): DocValue {
  const parts = Array.isArray(body) && body.every((p) => typeof p === "string") ? body : [];
  if (parts.length < 2) fail(path, NUL_SEPARATED_STRING, `${show(body)} is not 2 or more strings`);
  const value = parts.join("\u0000");
  if (hasLoneSurrogate(value))
    fail(path, NUL_SEPARATED_STRING, "the string is not valid Unicode (lone surrogate)");
  return { type: "string", value };
}

function decodeArray(body: unknown, path: string, depth: number, options: DecodeOptions): DocValue {
  const key = "arrayValue";
  enter(path, key, depth);
  if (!isObject(body)) fail(path, key, `${show(body)} is not an object like {"values": […]}`);
  onlyKeys(body, ["values"], path, key);
  const items = body.values ?? [];
  if (!Array.isArray(items)) fail(path, key, `"values" is ${show(items)}, not an array`);
  const values = items.map((item: unknown, i) => {
    const itemPath = elementFieldPath(path, i);
    const value = decode(item, itemPath, depth + 1, options);
    if (value.type === "array") fail(itemPath, key, "an array cannot directly contain an array");
    return value;
  });
  return { type: "array", values };
}

/** Checks there is room for one more level of map or array below `depth` enclosing ones. */
function enter(path: string, key: string, depth: number): void {
  if (depth + 1 > MAX_NESTING_DEPTH) {
    fail(path, key, `maps and arrays may be nested at most ${MAX_NESTING_DEPTH} levels deep`);
  }
}

function onlyKeys(body: Record<string, unknown>, allowed: string[], path: string, key: string) {
  const extra = Object.keys(body).find((k) => !allowed.includes(k));
  if (extra !== undefined) fail(path, key, `unexpected key ${JSON.stringify(extra)}`);
}

function orFail<T>(result: T | Problem, path: string, key: string): T {
  if (result instanceof Problem) fail(path, key, result.message);
  return result;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** A short rendering of a client's value for a message. */
function show(x: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(x) ?? String(x);
  } catch {
    text = String(x); // a bigint or a cycle: not JSON, but still worth naming
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function fail(path: string, what: string, problem: string): never {
  const where = path === "" ? "the document" : path;
  throw new DocumentValueError(path, `invalid ${what} at ${where}: ${problem}`);
}
