// The runtime's tables (schema "runtime"), one file per concept under ./schema/; drizzle-kit
// reads them through this file (drizzle.config.ts) and the code imports them from here.
export { runtime } from "./schema/columns.js";
export * from "./schema/projects.js";
export * from "./schema/documents.js";
export * from "./schema/events.js";
export * from "./schema/auth.js";
export * from "./schema/storage.js";
export * from "./schema/functions.js";
export * from "./schema/hosting.js";
