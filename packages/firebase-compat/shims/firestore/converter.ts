// withConverter(): a reference or query that reads and writes the app's own model types.
// As firebase-admin: set/create/add (and a batch's or transaction's) pass the model through
// toFirestore (with the set options when given); a snapshot's data() is fromFirestore of the
// plain snapshot; update() and field reads (get("a.b")) stay on the stored data.
import type { SetOptions } from "./writes.js";

export interface FirestoreDataConverter {
  toFirestore(model: unknown, options?: SetOptions): unknown;
  fromFirestore(snapshot: unknown): unknown;
}

export type Converter = FirestoreDataConverter | null;

/** The converter `withConverter(c)` was given (null removes one), checked for its two methods. */
export function converterOf(converter: unknown): Converter {
  if (converter === null || converter === undefined) return null;
  const c = converter as Partial<FirestoreDataConverter>;
  if (typeof c.toFirestore !== "function" || typeof c.fromFirestore !== "function") {
    throw new TypeError("withConverter(): the converter needs toFirestore() and fromFirestore()");
  }
  return c as FirestoreDataConverter;
}

/** What is stored for `data` written through a reference with `converter`. */
export function toStored(converter: Converter, data: unknown, options?: SetOptions): unknown {
  if (!converter) return data;
  return options === undefined ? converter.toFirestore(data) : converter.toFirestore(data, options);
}
