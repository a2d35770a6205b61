// The documents data model: values, their Firestore REST wire form, paths, sizes, ordering,
// write transforms and the bridge to the rules engine. Pure: no database, no HTTP.

export {
  type DocValue,
  type DocFields,
  type DocValueType,
  type DocValueOf,
  INT64_MIN,
  INT64_MAX,
  MIN_TIMESTAMP_SECONDS,
  MAX_TIMESTAMP_SECONDS,
  MAX_NESTING_DEPTH,
  MAX_NAME_BYTES,
  nullValue,
  booleanValue,
  integerValue,
  doubleValue,
  timestampValue,
  stringValue,
  bytesValue,
  referenceValue,
  geoPointValue,
  arrayValue,
  mapValue,
  fieldsOf,
  isNumeric,
} from "./value.js";
export {
  DocumentValueError,
  isDocumentValueError,
  InvalidPathError,
  isInvalidPathError,
  DocumentTooLargeError,
  isDocumentTooLargeError,
} from "./errors.js";
export {
  decodeValue,
  decodeFields,
  decodeStoredFields,
  encodeValue,
  encodeFields,
  encodeStoredFields,
  type WireValue,
  type WireOptions,
} from "./wire.js";
export { parseTimestamp, formatTimestamp, type Instant } from "./timestamp.js";
export {
  parseDocumentPath,
  parseCollectionPath,
  validateId,
  MAX_PATH_BYTES,
  MAX_COLLECTION_DEPTH,
  type DocumentPath,
  type CollectionPath,
} from "./paths.js";
export {
  parseFieldPath,
  formatFieldPath,
  childFieldPath,
  elementFieldPath,
  validateFieldName,
  isReservedName,
} from "./field-path.js";
export { utf8ByteLength, compareStrings } from "./strings.js";
export {
  documentSize,
  documentNameSize,
  valueSize,
  fieldsSize,
  stringSize,
  assertDocumentSize,
  MAX_DOCUMENT_BYTES,
} from "./size.js";
export { compareValues, valuesEqual, typeOrder } from "./compare.js";
export {
  applyTransform,
  serverTimestamp,
  increment,
  maximum,
  minimum,
  arrayUnion,
  arrayRemove,
  type Transform,
  type TransformContext,
} from "./transforms.js";
export { applyUpdate, mergeSet, getField, type FieldUpdate } from "./update.js";
export { fieldsToRules, valueToRules, type ToRulesOptions } from "./to-rules.js";
