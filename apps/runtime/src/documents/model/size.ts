/**
 * Firestore's storage size of a document (https://firebase.google.com/docs/firestore/storage-size),
 * which its 1 MiB document limit is measured in. Billing-style sizes, not encoded sizes: every
 * number is 8 bytes whatever its JSON length, every string pays one byte over its UTF-8 length.
 */
import { DocumentTooLargeError } from "./errors.js";
import { utf8ByteLength } from "./strings.js";
import type { DocFields, DocValue } from "./value.js";

/** Firestore's maximum document size: 1 MiB of storage size as `documentSize` counts it. */
export const MAX_DOCUMENT_BYTES = 1_048_576;

/** Added to every document for its bookkeeping. */
const DOCUMENT_OVERHEAD = 32;
/** Added to every document name. */
const NAME_OVERHEAD = 16;

/** A string's size: its UTF-8 bytes plus one. Field names count the same way. */
export function stringSize(text: string): number {
  return utf8ByteLength(text) + 1;
}

/**
 * A document name's size: each segment of the path below the documents root as a string,
 * plus 16. `users/jeff/tasks/my_task_id` is 6 + 5 + 6 + 11 + 16 = 44.
 */
export function documentNameSize(path: string): number {
  let size = NAME_OVERHEAD;
  for (const segment of path.split("/")) size += stringSize(segment);
  return size;
}

/**
 * A value's size: null and booleans 1; integers, doubles and timestamps 8; geopoints 16;
 * strings UTF-8 bytes + 1; bytes their length; references their document name's size;
 * arrays the sum of their elements; maps the sum of their field names and values.
 */
export function valueSize(value: DocValue): number {
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
      return stringSize(value.value);
    case "bytes":
      return value.value.byteLength;
    case "reference":
      return documentNameSize(value.value);
    case "array": {
      let size = 0;
      for (const item of value.values) size += valueSize(item);
      return size;
    }
    case "map":
      return fieldsSize(value.fields);
  }
}

/** The sum over fields of the name's size and the value's size. */
export function fieldsSize(fields: DocFields): number {
  let size = 0;
  for (const [name, value] of fields) size += stringSize(name) + valueSize(value);
  return size;
}

/**
 * A document's storage size: its name's size, plus its fields' sizes, plus 32.
 * @param path the document path below the documents root (`users/alice`).
 */
export function documentSize(path: string, fields: DocFields): number {
  return documentNameSize(path) + fieldsSize(fields) + DOCUMENT_OVERHEAD;
}

/**
 * Checks a document against Firestore's 1 MiB limit.
 * @throws DocumentTooLargeError naming the size and the limit.
 */
export function assertDocumentSize(path: string, fields: DocFields): void {
  const size = documentSize(path, fields);
  if (size > MAX_DOCUMENT_BYTES) throw new DocumentTooLargeError(path, size, MAX_DOCUMENT_BYTES);
}
