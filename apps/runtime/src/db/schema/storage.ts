import { text } from "drizzle-orm/pg-core";
import { at, runtime } from "./columns.js";
import { projects } from "./projects.js";

// Storage: the per-project secret of signed URLs.

/**
 * Each project's secret for signed storage URLs (HMAC-SHA256), one row per project, created on
 * first use. Rotating replaces the row, so every URL signed with the old key stops working.
 */
export const storageSigningKeys = runtime.table("storage_signing_keys", {
  projectId: text("project_id")
    .primaryKey()
    .references(() => projects.id, { onDelete: "cascade" }),
  keyId: text("key_id").notNull(),
  /** `v1:<iv>:<ciphertext+tag>`, base64url, bound to (project_id, key_id). */
  secretEncrypted: text("secret_encrypted").notNull(),
  createdAt: at("created_at").notNull(),
});
