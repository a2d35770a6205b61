/**
 * Firestore wire values → JS values, the inverse of encode.ts: integers as numbers while they
 * are safe (else bigint), timestamps as {@link Timestamp}, bytes as Uint8Array, references as
 * {@link DocumentReference}s of the same database.
 */
import { WinkyError } from "../errors.js";
import type { Database } from "../firestore/database.js";
import type { DocumentReference } from "../firestore/references.js";
import { GeoPoint, parseTimestamp } from "./value-types.js";
import { decodeBase64, documentsRoot, type WireFields, type WireValue } from "./wire.js";

/**
 * What a decoded document holds: field names to values.
 * @example `const data: DocumentData | undefined = snap.data();`
 */
// Values are `any`, as in Firebase, so app code reads fields without a cast at every use; the
// shape of a document is the app's to know.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DocumentData = { [field: string]: any };

/**
 * Decodes one Firestore wire value. References are resolved against `db`.
 *
 * @example
 * ```ts
 * fromWireValue({ integerValue: "42" }, db); // 42
 * fromWireValue({ integerValue: "9007199254740993" }, db); // 9007199254740993n
 * ```
 * @throws WinkyError internal for a value the runtime should never send.
 */
export function fromWireValue(value: WireValue, db: Database): unknown {
  const [kind] = Object.keys(value);
  const body = (value as Record<string, unknown>)[kind ?? ""];
  switch (kind) {
    case "nullValue":
      return null;
    case "booleanValue":
      return body as boolean;
    case "stringValue":
      return body as string;
    case "integerValue": {
      const n = BigInt(body as string | number);
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(n)
        : n;
    }
    case "doubleValue":
      // Covers numbers, "NaN", "Infinity", "-Infinity" and numeric strings alike.
      return Number(body);
    case "timestampValue":
      return parseTimestamp(body as string);
    case "bytesValue":
      return decodeBase64(body as string);
    case "referenceValue":
      return referenceOf(body as string, db);
    case "geoPointValue": {
      // proto3 JSON leaves out zero coordinates.
      const p = body as { latitude?: number; longitude?: number };
      return new GeoPoint(p.latitude ?? 0, p.longitude ?? 0);
    }
    case "arrayValue":
      return ((body as { values?: WireValue[] }).values ?? []).map((v) => fromWireValue(v, db));
    case "mapValue":
      return decodeFields((body as { fields?: WireFields }).fields, db);
    default:
      throw new WinkyError("internal", `the server sent an unknown value type ${String(kind)}`);
  }
}

/** Decodes a document's (or a map's) fields; absent fields are an empty object. */
export function decodeFields(fields: WireFields | undefined, db: Database): DocumentData {
  const data: DocumentData = {};
  for (const [name, value] of Object.entries(fields ?? {})) {
    // defineProperty keeps a field named "__proto__" an ordinary property.
    Object.defineProperty(data, name, {
      value: fromWireValue(value, db),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return data;
}

/** A reference value is a full document name; the SDK's references hold relative paths. */
function referenceOf(name: string, db: Database): DocumentReference {
  const root = documentsRoot(db.project);
  if (!name.startsWith(root)) {
    throw new WinkyError("internal", `the server sent a reference outside this database: ${name}`);
  }
  return db.doc(name.slice(root.length));
}
