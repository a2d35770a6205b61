// JS values ↔ the documents API's wire `Value`s, as firebase-admin converts them: safe integers
// become integerValue, other numbers doubleValue, Date/Timestamp timestampValue, Buffer and
// Uint8Array bytesValue, references their full document name.
import { projectId } from "../context.js";
import type { WireFields, WireValue } from "../context.js";
import { FieldValue, GeoPoint, Timestamp } from "./values.js";

/** What a DocumentReference is to the codec (references.ts implements it). */
export interface ReferenceLike {
  readonly path: string;
  readonly isDocumentReference: true;
}

export const documentsRoot = () => `projects/${projectId()}/databases/(default)/documents/`;

export const settings = { ignoreUndefinedProperties: false };

function isReference(value: object): value is ReferenceLike {
  return (value as Partial<ReferenceLike>).isDocumentReference === true;
}

/** True for `{…}` written as a literal (or `Object.create(null)`): a Firestore map. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function encodeNumber(value: number): WireValue {
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return { integerValue: String(value) };
  if (Number.isNaN(value)) return { doubleValue: "NaN" };
  if (!Number.isFinite(value)) return { doubleValue: value > 0 ? "Infinity" : "-Infinity" };
  return { doubleValue: Object.is(value, -0) ? "-0" : value };
}

/**
 * One JS value as a wire value. @throws TypeError for undefined (unless ignored), functions,
 * FieldValue sentinels (they are transforms, taken out before) and class instances.
 */
export function encodeValue(value: unknown, field: string): WireValue {
  if (value === null) return { nullValue: null };
  switch (typeof value) {
    case "boolean":
      return { booleanValue: value };
    case "number":
      return encodeNumber(value);
    case "bigint":
      return { integerValue: value.toString() };
    case "string":
      return { stringValue: value };
    case "undefined":
      throw new TypeError(
        `Cannot use "undefined" as a Firestore value (found in field "${field}")`,
      );
    case "object":
      break;
    default:
      throw new TypeError(`Cannot use a ${typeof value} as a Firestore value (field "${field}")`);
  }
  if (value instanceof Timestamp) return { timestampValue: value.toRfc3339() };
  if (value instanceof Date) return { timestampValue: Timestamp.fromDate(value).toRfc3339() };
  if (value instanceof GeoPoint) {
    return { geoPointValue: { latitude: value.latitude, longitude: value.longitude } };
  }
  if (value instanceof Uint8Array) return { bytesValue: Buffer.from(value).toString("base64") };
  if (value instanceof FieldValue) {
    throw new TypeError(`FieldValue.${value.sentinel.kind}() cannot be used inside "${field}"`);
  }
  if (isReference(value)) return { referenceValue: documentsRoot() + value.path };
  if (Array.isArray(value)) {
    const values = value.map((v, i) => encodeValue(v, `${field}[${i}]`));
    return values.length === 0 ? { arrayValue: {} } : { arrayValue: { values } };
  }
  if (isPlainObject(value)) {
    const fields = encodeFields(value, `${field}.`);
    return Object.keys(fields).length === 0 ? { mapValue: {} } : { mapValue: { fields } };
  }
  const type = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
  throw new TypeError(`Cannot use a ${type} as a Firestore value (field "${field}")`);
}

/** A map's fields; undefined values are dropped when `ignoreUndefinedProperties` is set. */
export function encodeFields(data: Record<string, unknown>, prefix = ""): WireFields {
  const fields: WireFields = {};
  for (const [name, value] of Object.entries(data)) {
    if (value === undefined && settings.ignoreUndefinedProperties) continue;
    Object.defineProperty(fields, name, {
      value: encodeValue(value, prefix + name),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return fields;
}

/** A wire value as firebase-admin answers it; `refOf` makes a DocumentReference of a path. */
export function decodeValue(wire: WireValue, refOf: (path: string) => unknown): unknown {
  const [kind, body] = Object.entries(wire)[0] ?? ["nullValue", null];
  switch (kind) {
    case "nullValue":
      return null;
    case "booleanValue":
    case "stringValue":
      return body;
    case "integerValue":
      return Number(body);
    case "doubleValue":
      return typeof body === "string" ? Number(body) : body;
    case "timestampValue":
      return Timestamp.parse(body as string);
    case "bytesValue":
      return Buffer.from(body as string, "base64");
    case "referenceValue": {
      const name = body as string;
      const at = name.indexOf("/documents/");
      return refOf(at >= 0 ? name.slice(at + "/documents/".length) : name);
    }
    case "geoPointValue": {
      const { latitude, longitude } = body as { latitude?: number; longitude?: number };
      return new GeoPoint(latitude ?? 0, longitude ?? 0);
    }
    case "arrayValue":
      return ((body as { values?: WireValue[] }).values ?? []).map((v) => decodeValue(v, refOf));
    case "mapValue":
      return decodeFields((body as { fields?: WireFields }).fields ?? {}, refOf);
    default:
      throw new TypeError(`unknown wire value ${kind}`);
  }
}

export function decodeFields(
  fields: WireFields,
  refOf: (path: string) => unknown,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    Object.defineProperty(data, name, {
      value: decodeValue(value, refOf),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return data;
}
