export {
  AdminClient,
  type FetchLike,
  type FunctionDeploy,
  type MailboxMessage,
} from "./admin-client.js";
export { AdminApiError } from "./admin-error.js";
export { deploySite, type SiteConfig, type SiteDeploy } from "./hosting.js";
export {
  fromWire,
  fromWireFields,
  toWire,
  toWireFields,
  type JsonObject,
  type WireValue,
} from "./firestore-wire.js";
export type { DocumentPage, ProjectDocument, ProjectUser, UserPage } from "./project-data.js";
export type {
  ExportedUser,
  ImportHashConfig,
  ImportUser,
  UserImport,
  UserProvider,
} from "./user-transfer.js";
export type {
  EventFilter,
  EventPage,
  FunctionLog,
  ObjectPage,
  ProjectEvent,
  ProjectFunction,
  ProjectObject,
} from "./project-ops.js";
export {
  exportDocuments,
  getFunction,
  getIndexes,
  readSiteFile,
  releasedSite,
  type DeployedFunction,
  type DocumentsExport,
  type SiteVersion,
} from "./project-export.js";
