import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  jsonb,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { bytea, byteText, runtime } from "./columns.js";
import { projects } from "./projects.js";

// Documents and their indexes (ADR 0003).

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
    path: byteText("path").notNull(),
    /** `users/alice/posts` */
    collectionPath: byteText("collection_path").notNull(),
    /** `posts`, for collection-group queries */
    collectionId: text("collection_id").notNull(),
    documentId: byteText("document_id").notNull(),
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
    /**
     * `value`; `contains` for each element of an array; `composite` for a declared composite
     * index, whose id is then in `field` and whose key concatenates its fields' keys.
     */
    mode: text("mode").notNull(),
    key: bytea("key").notNull(),
    documentPath: byteText("document_path").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.projectId, t.collectionPath, t.field, t.mode, t.key, t.documentPath],
    }),
    index("index_entries_group_idx").on(
      t.projectId,
      t.collectionId,
      t.field,
      t.mode,
      t.key,
      t.documentPath,
    ),
    index("index_entries_document_idx").on(t.projectId, t.documentPath),
    foreignKey({
      columns: [t.projectId, t.documentPath],
      foreignColumns: [documents.projectId, documents.path],
    }).onDelete("cascade"),
    check("index_entries_mode", sql`${t.mode} in ('value', 'contains', 'composite')`),
  ],
);

/**
 * Composite indexes a project declared (firestore.indexes.json). Their entries are kept in
 * `index_entries` with mode `composite`; `id` is derived from the definition.
 */
export const compositeIndexes = runtime.table(
  "composite_indexes",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    collectionGroup: text("collection_group").notNull(),
    queryScope: text("query_scope").notNull(),
    /** `[{ fieldPath, order }]` or `[{ fieldPath, arrayConfig }]`, as declared. */
    fields: jsonb("fields").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    check("composite_indexes_scope", sql`${t.queryScope} in ('COLLECTION', 'COLLECTION_GROUP')`),
  ],
);
