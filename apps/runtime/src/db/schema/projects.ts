import { sql } from "drizzle-orm";
import { check, index, jsonb, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runtime } from "./columns.js";

// Projects and their admin keys: every other table is keyed by a project.

/** A project: one app's backend. Its id appears in every URL and every other table's key. */
export const projects = runtime.table(
  "projects",
  {
    id: text("id").primaryKey(),
    displayName: text("display_name").notNull(),
    /** Validated by `ProjectConfig` in code: auth providers, strictIndexes, … */
    config: jsonb("config")
      .notNull()
      .default(sql`'{}'::jsonb`),
    firestoreRules: text("firestore_rules"),
    storageRules: text("storage_rules"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("projects_id_format", sql`${t.id} ~ '^[a-z][a-z0-9-]{2,62}$'`)],
);

/**
 * Service keys for a project's admin API. Only a SHA-256 of each key is stored: the keys are
 * 32 random bytes, so a fast hash is enough and lookups stay one index probe.
 */
export const serviceKeys = runtime.table(
  "service_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the key, shown in listings so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("service_keys_project_idx").on(t.projectId),
    check("service_keys_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);
