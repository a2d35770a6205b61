// withConverter(): a reference or query that reads and writes the app's own model types.
// As firebase-admin: set/create/add (and a batch's or transaction's) pass the model through
// toFirestore (with the set options when they merge); a snapshot's data() is fromFirestore of
// the plain snapshot; update() and field reads (get("a.b")) stay on the stored data.
import type { SetOptions } from "./writes.js";

export interface FirestoreDataConverter {
  toFirestore?(model: unknown, options?: SetOptions): unknown;
  fromFirestore?(snapshot: unknown): unknown;
}

export type Converter = FirestoreDataConverter | null;

/**
 * The converter `withConverter(c)` was given (null removes one). As in firebase-admin, a
 * method is needed only when used: a converter for reading may have no toFirestore.
 */
export function converterOf(converter: unknown): Converter {
  if (converter === null || converter === undefined) return null;
  if (typeof converter !== "object") {
    throw new TypeError("withConverter(): expected a converter { toFirestore, fromFirestore }");
  }
  return converter as FirestoreDataConverter;
}

/**
 * What is stored for `data` written through a reference with `converter`. The set options
 * reach toFirestore only when they merge, as firebase-admin passes them.
 */
export function toStored(converter: Converter, data: unknown, options?: SetOptions): unknown {
  if (!converter) return data;
  if (typeof converter.toFirestore !== "function") {
    throw new TypeError("withConverter(): the converter has no toFirestore() to write with");
  }
  const merges = options?.merge === true || options?.mergeFields !== undefined;
  return merges ? converter.toFirestore(data, options) : converter.toFirestore(data);
}

/** The model `converter` makes of a stored document's snapshot. */
export function fromStored(converter: FirestoreDataConverter, snapshot: unknown): unknown {
  if (typeof converter.fromFirestore !== "function") {
    throw new TypeError("withConverter(): the converter has no fromFirestore() to read with");
  }
  return converter.fromFirestore(snapshot);
}
