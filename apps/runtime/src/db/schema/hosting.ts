import { sql } from "drizzle-orm";
import { check, foreignKey, integer, jsonb, primaryKey, text } from "drizzle-orm/pg-core";
import { at, runtime } from "./columns.js";
import { projects } from "./projects.js";

// Hosting: a project's static site, deployed as versions and served from its latest release.

/**
 * Every deploy adds a version (1, 2, …): `created` while its files are uploaded, then
 * `finalized` (frozen). `manifest` maps each site path to its file in the blob store:
 * `{ "/index.html": { "hash": "<sha256 hex>", "size": 123 } }` (sizes are filled in when the
 * version is finalized); `config` is `HostingConfig` (`hosting/hosting-config.ts`). Versions are
 * never deleted by a deploy, so any finalized one can be released again (rollback).
 */
export const hostingVersions = runtime.table(
  "hosting_versions",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: text("status").notNull(),
    manifest: jsonb("manifest").notNull(),
    config: jsonb("config").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    finalizedAt: at("finalized_at"),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.version] }),
    check("hosting_versions_status", sql`${t.status} in ('created', 'finalized')`),
    check(
      "hosting_versions_finalized_at",
      sql`(${t.status} = 'finalized') = (${t.finalizedAt} is not null)`,
    ),
  ],
);

/**
 * Releases, in order (`seq` 1, 2, … per project): the live version is the latest release's.
 * Rolling back releases an older finalized version again, as a new row.
 */
export const hostingReleases = runtime.table(
  "hosting_releases",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    version: integer("version").notNull(),
    releasedAt: at("released_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.seq] }),
    foreignKey({
      // Named: the generated name would pass PostgreSQL's 63-character limit and be cut.
      name: "hosting_releases_version_fk",
      columns: [t.projectId, t.version],
      foreignColumns: [hostingVersions.projectId, hostingVersions.version],
    }).onDelete("cascade"),
  ],
);
