// Firestore data for import: documents read from JSON exports, a report of what they hold, and
// their wire form for a target project. See README.md for the accepted formats.
export { readFirestoreData, DEFAULT_DATA_LOCATION, type FirestoreData } from "./read-data.js";
export {
  toWireFields,
  documentSize,
  MAX_DOCUMENT_BYTES,
  DATA_VALUE_TYPES,
  type DataFields,
  type DataValue,
  type DataValueType,
  type ImportedDocument,
  type WireValue,
} from "./data-value.js";
export { valueTypeCounts, collectionShape } from "./summary.js";
