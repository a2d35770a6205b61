import type pg from "pg";
import { decodeStoredFields } from "../model/wire.js";
import { compositeEntries } from "./composite-entries.js";
import { withId, type CompositeIndex, type IndexField } from "./index-definitions.js";

/**
 * The advisory lock that orders index deployments against commits: a commit holds it shared
 * while it writes index entries (with the definitions it read under it), a deployment holds it
 * exclusively while it backfills, so no document is written with a stale set of indexes.
 */
export const INDEX_LOCK_SQL = (projectParam: string) =>
  `hashtextextended(${projectParam} || '#indexes', 0)`;

const BACKFILL_BATCH = 500;

export interface IndexRow {
  collection_group: string;
  query_scope: CompositeIndex["queryScope"];
  fields: unknown;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** Declared composite indexes of a project, with the collection groups' definitions. */
export async function loadIndexes(
  db: Queryable,
  projectId: string,
  collectionGroups?: readonly string[],
): Promise<CompositeIndex[]> {
  const { rows } = await db.query<IndexRow>(
    `select collection_group, query_scope, fields from runtime.composite_indexes
      where project_id = $1 ${collectionGroups ? "and collection_group = any($2::text[])" : ""}
      order by created_at, id`,
    collectionGroups ? [projectId, collectionGroups] : [projectId],
  );
  return rows.map(toIndex);
}

/**
 * Makes the project's composite indexes exactly `wanted`: drops the others with their entries
 * and builds the new ones from the documents already stored, in one transaction (a failure
 * leaves the previous set untouched).
 */
export async function replaceIndexes(
  pool: pg.Pool,
  projectId: string,
  wanted: readonly CompositeIndex[],
): Promise<{ created: number; deleted: number }> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query(`select pg_advisory_xact_lock(${INDEX_LOCK_SQL("$1")})`, [projectId]);
    const { rows } = await client.query<{ id: string }>(
      "select id from runtime.composite_indexes where project_id = $1",
      [projectId],
    );
    const existing = new Set(rows.map((r) => r.id));
    const wantedIds = new Set(wanted.map((i) => i.id));
    const removed = [...existing].filter((id) => !wantedIds.has(id));
    if (removed.length > 0) {
      await client.query(
        `delete from runtime.index_entries
          where project_id = $1 and mode = 'composite' and field = any($2::text[])`,
        [projectId, removed],
      );
      await client.query(
        "delete from runtime.composite_indexes where project_id = $1 and id = any($2::text[])",
        [projectId, removed],
      );
    }
    const added = wanted.filter((i) => !existing.has(i.id));
    for (const index of added) {
      await client.query(
        `insert into runtime.composite_indexes
           (project_id, id, collection_group, query_scope, fields) values ($1, $2, $3, $4, $5)`,
        [
          projectId,
          index.id,
          index.collectionGroup,
          index.queryScope,
          JSON.stringify(index.fields),
        ],
      );
      await backfill(client, projectId, index);
    }
    await client.query("commit");
    return { created: added.length, deleted: removed.length };
  } catch (e) {
    await client.query("rollback").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Writes the entries of every stored document of the index's collection group, reading them
 * through one cursor (a single pass, whatever the collection's size) in batches.
 */
async function backfill(client: pg.PoolClient, projectId: string, index: CompositeIndex) {
  await client.query(
    `declare backfill_documents no scroll cursor for
       select path, collection_path, fields from runtime.documents
        where project_id = $1 and collection_id = $2`,
    [projectId, index.collectionGroup],
  );
  for (;;) {
    const { rows } = await client.query<{ path: string; collection_path: string; fields: unknown }>(
      `fetch ${BACKFILL_BATCH} from backfill_documents`,
    );
    if (rows.length === 0) break;
    const entries = rows.flatMap((row) =>
      compositeEntries([index], row.path, decodeStoredFields(row.fields, { projectId })).map(
        (e) => ({
          ...e,
          row,
        }),
      ),
    );
    if (entries.length === 0) continue;
    await client.query(
      `insert into runtime.index_entries
         (project_id, collection_path, collection_id, field, mode, key, document_path)
       select $1, c, $2, $3, 'composite', k, p
         from unnest($4::text[], $5::bytea[], $6::text[]) as t(c, k, p)`,
      [
        projectId,
        index.collectionGroup,
        index.id,
        entries.map((e) => e.row.collection_path),
        entries.map((e) => e.key),
        entries.map((e) => e.row.path),
      ],
    );
  }
  await client.query("close backfill_documents");
}

export function toIndex(row: IndexRow): CompositeIndex {
  return withId({
    collectionGroup: row.collection_group,
    queryScope: row.query_scope,
    fields: row.fields as IndexField[],
  });
}
