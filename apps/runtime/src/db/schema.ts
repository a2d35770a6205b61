import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  foreignKey,
  index,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/** PostgreSQL's bytea, as Node Buffers: index keys compare byte by byte. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The runtime's tables live in their own PostgreSQL schema, apart from the platform's: the
 * runtime can move to its own database (or be sharded by project) without touching the studio's
 * tables. Every table is keyed by project.
 */
export const runtime = pgSchema("runtime");

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

/**
 * Documents, in Firestore's REST `Value` JSON (`fields`), keyed by project and full path.
 * See docs/adr/0003-documents-and-index-entries.md.
 */
export const documents = runtime.table(
  "documents",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** `users/alice/posts/p1` */
    path: text("path").notNull(),
    /** `users/alice/posts` */
    collectionPath: text("collection_path").notNull(),
    /** `posts`, for collection-group queries */
    collectionId: text("collection_id").notNull(),
    documentId: text("document_id").notNull(),
    fields: jsonb("fields").notNull(),
    createTime: timestamp("create_time", { withTimezone: true, precision: 6 }).notNull(),
    updateTime: timestamp("update_time", { withTimezone: true, precision: 6 }).notNull(),
    /** Bumped by every write: preconditions and optimistic transactions compare it. */
    version: bigint("version", { mode: "bigint" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.path] }),
    index("documents_collection_idx").on(t.projectId, t.collectionPath, t.documentId),
  ],
);

/**
 * The automatic single-field index: one row per document, field path and mode, with the
 * value's order-preserving key. Queries are range scans here (ADR 0003).
 */
export const indexEntries = runtime.table(
  "index_entries",
  {
    projectId: text("project_id").notNull(),
    collectionPath: text("collection_path").notNull(),
    collectionId: text("collection_id").notNull(),
    field: text("field").notNull(),
    /** `value`, or `contains` for each element of an array */
    mode: text("mode").notNull(),
    key: bytea("key").notNull(),
    documentPath: text("document_path").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.projectId, t.collectionPath, t.field, t.mode, t.key, t.documentPath],
    }),
    index("index_entries_group_idx").on(t.projectId, t.collectionId, t.field, t.mode, t.key),
    index("index_entries_document_idx").on(t.projectId, t.documentPath),
    foreignKey({
      columns: [t.projectId, t.documentPath],
      foreignColumns: [documents.projectId, documents.path],
    }).onDelete("cascade"),
    check("index_entries_mode", sql`${t.mode} in ('value', 'contains')`),
  ],
);
