// The typed value tree documents are read into. Kept apart from the wire form because a
// reference is stored relative (`users/u2`): the full name needs the target project, which is
// only known at import time (`toWireFields`).
import type { SourceRef } from "../report.js";
import { encodeBase64, formatTimestamp, utf8Length } from "./scalars.js";

/** A Firestore value; every type Firestore has, with the distinctions the wire keeps. */
export type DataValue =
  | { type: "null" }
  | { type: "boolean"; value: boolean }
  /** Always within int64. */
  | { type: "integer"; value: bigint }
  /** NaN, ±Infinity and -0 included. */
  | { type: "double"; value: number }
  | { type: "timestamp"; seconds: bigint; nanos: number }
  | { type: "string"; value: string }
  | { type: "bytes"; value: Uint8Array }
  /** `path` is relative (`users/u2`); `foreign` names where it pointed when that was not home. */
  | { type: "reference"; path: string; foreign?: { project: string; database: string } }
  | { type: "geopoint"; latitude: number; longitude: number }
  | { type: "array"; values: DataValue[] }
  | { type: "map"; fields: DataFields };

export type DataFields = Map<string, DataValue>;
export type DataValueType = DataValue["type"];

/** Every type, in the order reports list them. */
export const DATA_VALUE_TYPES: readonly DataValueType[] = [
  "null",
  "boolean",
  "integer",
  "double",
  "timestamp",
  "string",
  "bytes",
  "reference",
  "geopoint",
  "array",
  "map",
];

/** One document read from an export file. */
export interface ImportedDocument {
  /** Relative to the documents root: `users/u1/posts/p1`. */
  path: string;
  fields: DataFields;
  /** Where the document starts in its file. */
  source: SourceRef;
}

/** Firestore's REST `Value` JSON, as the runtime reads and writes it. */
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
 * A document's fields as REST `fields` JSON for the project the data is imported into:
 * references become `projects/<projectId>/databases/(default)/documents/<path>` (a reference
 * that pointed into another project keeps its path and now points into this one).
 */
export function toWireFields(doc: ImportedDocument, projectId: string): Record<string, WireValue> {
  return renderFields(doc.fields, `projects/${projectId}/databases/(default)/documents/`);
}

function renderFields(fields: DataFields, root: string): Record<string, WireValue> {
  // fromEntries defines own properties, so no key can reach the prototype.
  return Object.fromEntries([...fields].map(([name, value]) => [name, renderValue(value, root)]));
}

/** Shaped as the runtime's encoder writes values, so an import equals a runtime export. */
function renderValue(value: DataValue, root: string): WireValue {
  switch (value.type) {
    case "null":
      return { nullValue: null };
    case "boolean":
      return { booleanValue: value.value };
    case "integer":
      return { integerValue: value.value.toString() };
    case "double":
      return { doubleValue: renderDouble(value.value) };
    case "timestamp":
      return { timestampValue: formatTimestamp(value) };
    case "string":
      return { stringValue: value.value };
    case "bytes":
      return { bytesValue: encodeBase64(value.value) };
    case "reference":
      return { referenceValue: root + value.path };
    case "geopoint":
      return { geoPointValue: { latitude: value.latitude, longitude: value.longitude } };
    case "array":
      // proto3 JSON leaves out empty repeated fields and maps.
      return value.values.length === 0
        ? { arrayValue: {} }
        : { arrayValue: { values: value.values.map((v) => renderValue(v, root)) } };
    case "map":
      return value.fields.size === 0
        ? { mapValue: {} }
        : { mapValue: { fields: renderFields(value.fields, root) } };
  }
}

function renderDouble(value: number): number | "NaN" | "Infinity" | "-Infinity" | "-0" {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  // JSON.stringify(-0) is "0": as a string the sign survives, as Firestore sends it.
  if (Object.is(value, -0)) return "-0";
  return value;
}

/** Firestore's 1 MiB limit, in its storage-size measure (firebase.google.com/docs/firestore/storage-size). */
export const MAX_DOCUMENT_BYTES = 1_048_576;

/** A document's storage size: name + fields + 32, each string its UTF-8 bytes + 1. */
export function documentSize(path: string, fields: DataFields): number {
  return nameSize(path) + fieldsSize(fields) + 32;
}

function nameSize(path: string): number {
  return path.split("/").reduce((size, segment) => size + utf8Length(segment) + 1, 16);
}

function fieldsSize(fields: DataFields): number {
  let size = 0;
  for (const [name, value] of fields) size += utf8Length(name) + 1 + valueSize(value);
  return size;
}

function valueSize(value: DataValue): number {
  switch (value.type) {
    case "null":
    case "boolean":
      return 1;
    case "integer":
    case "double":
    case "timestamp":
      return 8;
    case "geopoint":
      return 16;
    case "string":
      return utf8Length(value.value) + 1;
    case "bytes":
      return value.value.byteLength;
    case "reference":
      return nameSize(value.path);
    case "array":
      return value.values.reduce((size, item) => size + valueSize(item), 0);
    case "map":
      return fieldsSize(value.fields);
  }
}

/** Calls `visit` for every value in the fields, nested ones included, parents first. */
export function forEachValue(fields: DataFields, visit: (value: DataValue) => void): void {
  const walk = (value: DataValue): void => {
    visit(value);
    if (value.type === "array") value.values.forEach(walk);
    else if (value.type === "map") value.fields.forEach(walk);
  };
  fields.forEach(walk);
}
