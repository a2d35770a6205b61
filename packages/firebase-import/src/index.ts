// Firebase project import: read a Firebase folder into a compatibility report for Winky.

export {
  readFirebaseProject,
  type ProjectReading,
  type ReadProjectOptions,
} from "./read-project.js";
export {
  buildReport,
  countVerdicts,
  formatSource,
  renderMarkdown,
  scoreItems,
  toJson,
  VERDICTS,
  type Report,
  type ReportItem,
  type SourceRef,
  type Verdict,
} from "./report.js";
export { parseJsonc, JsoncSyntaxError, type DuplicateKey, type ParsedJsonc } from "./jsonc.js";
export type { JsonMember, JsonValue, Position } from "./json-node.js";
export {
  parseFirebaseJson,
  KNOWN_SECTIONS,
  LEGACY_HOSTING_KEYS,
  type FirebaseJsonModel,
  type FirebaseSection,
  type SectionEntry,
} from "./firebase-json.js";
export { parseFirestoreIndexes, type FirestoreIndexesModel } from "./firestore-indexes.js";
export { indexVerdicts } from "./index-verdicts.js";
export {
  inspectFirebaseProject,
  type ImportSource,
  type InspectOptions,
} from "./import/inspect-project.js";
export {
  writeProject,
  ImportRefused,
  ImportRolledBack,
  type ImportCounts,
} from "./import/write-project.js";
export { readAuthUsers, type AuthUsers, type ImportUser } from "./auth/auth-users.js";
export { parseHashConfig, type FirebaseHashConfig } from "./auth/hash-config.js";
export { readStorageFiles, type StorageFile, type StorageFiles } from "./storage/storage-files.js";
export * from "./functions/index.js";
export * from "./data/index.js";
export {
  smokeCheck,
  type SmokeResult,
  type SmokeCount,
  type SmokeDecision,
} from "./smoke/smoke-check.js";
export { renderSmoke } from "./smoke/render-smoke.js";
export { exportProject, ExportRefused, type ExportCounts } from "./export/export-project.js";
export { exportUsers, type UsersExport } from "./export/export-users.js";
export { LAYOUT as EXPORT_LAYOUT } from "./export/export-layout.js";
