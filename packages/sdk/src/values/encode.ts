/**
 * JS values → Firestore wire values: what Firebase's SDK accepts, encoded as the runtime's REST
 * API expects. Anything without a faithful encoding is refused with the field path, never
 * silently dropped or stringified.
 */
import { invalidArgument } from "../errors.js";
import { DocumentReference } from "../firestore/references.js";
import { displayPath } from "./field-path.js";
import { FieldValue } from "./field-value.js";
import { formatTimestamp, GeoPoint, Timestamp } from "./value-types.js";
import { documentsRoot, encodeBase64, type WireFields, type WireValue } from "./wire.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** How a value is being encoded. */
export interface EncodeContext {
  /** The function the data was given to, for messages: `"setDoc()"`. */
  method: string;
  /**
   * Receives each {@link FieldValue} with its field path; the field is then left out of the
   * encoded data. Without it a FieldValue is refused (it has no meaning in a query).
   */
  onFieldValue?: (value: FieldValue, path: string[]) => void;
}

/**
 * Encodes one JS value as a Firestore wire value: string, number (a safe integer as
 * `integerValue`, anything else as `doubleValue`), bigint (`integerValue`, int64 range), boolean,
 * null, Date and {@link Timestamp}, Uint8Array (`bytesValue`), {@link GeoPoint},
 * {@link DocumentReference}, arrays and plain objects.
 *
 * @example
 * ```ts
 * toWireValue(42); // { integerValue: "42" }
 * toWireValue(1.5); // { doubleValue: 1.5 }
 * toWireValue({ tags: ["a"] }); // { mapValue: { fields: { tags: { arrayValue: { values: [...] } } } } }
 * ```
 * @throws WinkyError invalid-argument for undefined, functions, class instances and other
 *   values without an encoding, naming the field path.
 */
export function toWireValue(value: unknown, context: EncodeContext = { method: "toWireValue()" }) {
  return encode(value, context, [], false) as WireValue;
}

/**
 * Encodes a value found at `path` of write data (an update's dotted key, an arrayUnion
 * element), so messages and FieldValues see the full path.
 * @throws WinkyError invalid-argument naming the field path.
 */
export function encodeAt(
  value: unknown,
  context: EncodeContext,
  path: string[],
  inArray = false,
): WireValue | undefined {
  return encode(value, context, path, inArray);
}

/**
 * Encodes write data (a plain object) as a document's fields.
 * @throws WinkyError invalid-argument naming the field path of the first bad value.
 */
export function encodeFields(data: unknown, context: EncodeContext): WireFields {
  if (!isPlainObject(data)) {
    throw invalidArgument(
      `Function ${context.method} called with invalid data. Data must be an object, but it was: ${describe(data)}`,
    );
  }
  return encodeMap(data, context, []);
}

function encodeMap(
  data: Record<string, unknown>,
  context: EncodeContext,
  path: (string | number)[],
): WireFields {
  const fields: WireFields = {};
  for (const [key, value] of Object.entries(data)) {
    const childPath = [...path, key];
    if (key === "") fail(context, childPath, "a field name must not be empty");
    const encoded = encode(value, context, childPath, false);
    // defineProperty keeps a key such as "__proto__" an ordinary field.
    if (encoded !== undefined) {
      Object.defineProperty(fields, key, { value: encoded, enumerable: true, writable: true });
    }
  }
  return fields;
}

function encode(
  value: unknown,
  context: EncodeContext,
  path: (string | number)[],
  inArray: boolean,
): WireValue | undefined {
  if (value === null) return { nullValue: null };
  switch (typeof value) {
    case "string":
      return { stringValue: value };
    case "boolean":
      return { booleanValue: value };
    case "number":
      // -0 is a double: integerValue cannot carry its sign.
      return Number.isSafeInteger(value) && !Object.is(value, -0)
        ? { integerValue: String(value) }
        : { doubleValue: encodeDouble(value) };
    case "bigint":
      if (value < INT64_MIN || value > INT64_MAX) {
        fail(context, path, `${value} is outside the 64-bit integer range`);
      }
      return { integerValue: value.toString() };
    case "object":
      break;
    default:
      fail(context, path, `Unsupported field value: ${describe(value)}`);
  }
  if (value instanceof FieldValue) {
    if (!context.onFieldValue) fail(context, path, `${value.method} cannot be used here`);
    if (inArray) fail(context, path, `${value.method} is not supported inside arrays`);
    context.onFieldValue(value, path as string[]);
    return undefined;
  }
  if (value instanceof Timestamp) return { timestampValue: formatTimestamp(value) };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail(context, path, "the Date is invalid");
    let timestamp: Timestamp;
    try {
      timestamp = Timestamp.fromDate(value);
    } catch {
      // Timestamp's own message would not say which field holds the date.
      fail(context, path, `the Date ${value.toISOString()} is outside 0001-01-01..9999-12-31`);
    }
    return { timestampValue: formatTimestamp(timestamp) };
  }
  if (value instanceof Uint8Array) return { bytesValue: encodeBase64(value) };
  if (value instanceof GeoPoint) {
    return { geoPointValue: { latitude: value.latitude, longitude: value.longitude } };
  }
  if (value instanceof DocumentReference) {
    return { referenceValue: documentsRoot(value.db.project) + value.path };
  }
  if (Array.isArray(value)) {
    if (inArray) fail(context, path, "Nested arrays are not supported");
    const values = value.map((item, i) => {
      const encoded = encode(item, context, [...path, i], true);
      return encoded as WireValue; // FieldValues inside arrays were refused above
    });
    return { arrayValue: { values } };
  }
  if (isPlainObject(value)) return { mapValue: { fields: encodeMap(value, context, path) } };
  fail(context, path, `Unsupported field value: ${describe(value)}`);
}

function encodeDouble(value: number): number | string {
  // JSON has no NaN or infinities; proto3 JSON spells them as strings.
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  // JSON.stringify(-0) is "0": as a string, as Firebase sends it, the sign survives.
  if (Object.is(value, -0)) return "-0";
  return value;
}

/** An object literal (or `Object.create(null)`), not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name ? `a custom ${name} object` : "an object";
  }
  return `${typeof value} ${String(value)}`;
}

function fail(context: EncodeContext, path: (string | number)[], problem: string): never {
  const where = path.length > 0 ? ` (found in field ${displayPath(path)})` : "";
  throw invalidArgument(
    `Function ${context.method} called with invalid data. ${problem}${where}`,
    path.length > 0 ? { fieldPath: displayPath(path) } : undefined,
  );
}
