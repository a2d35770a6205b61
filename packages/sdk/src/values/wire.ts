/**
 * The runtime's wire format: Firestore's REST JSON for values, documents and writes, plus the
 * helpers the codec needs (base64, document names). Types only describe what is sent and read.
 */

/**
 * A Firestore REST `Value` as JSON.
 * @example `{ integerValue: "42" }`, `{ mapValue: { fields: { a: { stringValue: "x" } } } }`
 */
export type WireValue =
  | { nullValue: null }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number | string }
  | { timestampValue: string }
  | { stringValue: string }
  | { bytesValue: string }
  | { referenceValue: string }
  | { geoPointValue: { latitude?: number; longitude?: number } }
  | { arrayValue: { values?: WireValue[] } }
  | { mapValue: { fields?: WireFields } };

/** A document's (or a map's) fields. */
export type WireFields = Record<string, WireValue>;

/** A document as the runtime answers it; `name` is the path below the documents root. */
export interface WireDocument {
  name: string;
  fields?: WireFields;
  createTime?: string;
  updateTime?: string;
}

/** One `updateTransforms` entry of a write. */
export type WireTransform = { fieldPath: string } & (
  | { setToServerValue: "REQUEST_TIME" }
  | { increment: WireValue }
  | { appendMissingElements: { values: WireValue[] } }
  | { removeAllFromArray: { values: WireValue[] } }
);

/** A precondition on the document a write touches. */
export interface WirePrecondition {
  exists?: boolean;
  /** The document's exact `updateTime`, as the runtime sent it. */
  updateTime?: string;
}

/** Firestore's REST `Write`, as `documents:commit` takes it. */
export interface WireWrite {
  update?: { name: string; fields: WireFields };
  delete?: string;
  updateMask?: { fieldPaths: string[] };
  updateTransforms?: WireTransform[];
  currentDocument?: WirePrecondition;
}

/** The prefix of every reference value in `project`'s database. */
export function documentsRoot(project: string): string {
  return `projects/${project}/databases/(default)/documents/`;
}

// String.fromCharCode takes its bytes as arguments; chunks keep far below engines' limits.
const CHUNK = 0x8000;

/** Encodes bytes as standard, padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Decodes standard or URL-safe base64, padded or not (proto3 JSON allows all four). */
export function decodeBase64(text: string): Uint8Array {
  const standard = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, "="));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
