import type pg from "pg";
import { CHANNEL, changePayload } from "../../realtime/change-feed.js";
import { singleFieldEntries } from "../index/index-entries.js";
import { compositeEntries } from "../indexes/composite-entries.js";
import type { CompositeIndex } from "../indexes/index-definitions.js";
import { INDEX_LOCK_SQL, loadIndexes } from "../indexes/index-store.js";
import type { DocumentPath } from "../model/paths.js";
import type { DocFields } from "../model/value.js";
import { decodeFields } from "../model/wire.js";
import { encodeFields } from "../model/wire-encode.js";

/** A stored document with its metadata; times are RFC 3339 with microseconds, in UTC. */
export interface StoredDocument {
  path: string;
  fields: DocFields;
  createTime: string;
  updateTime: string;
  version: bigint;
}

const TIME = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** The columns a `Row` needs, from the documents table under `alias`. */
export const documentColumns = (alias: string) =>
  `${alias}.path, ${alias}.fields,
   to_char(${alias}.create_time at time zone 'UTC', ${TIME}) as create_time,
   to_char(${alias}.update_time at time zone 'UTC', ${TIME}) as update_time,
   ${alias}.version::text as version`;
const SELECT = `select ${documentColumns("d")} from runtime.documents d`;

export interface Row {
  path: string;
  fields: unknown;
  create_time: string;
  update_time: string;
  version: string;
}

/**
 * Documents and their index entries in PostgreSQL (ADR 0003). Reads outside a transaction;
 * writes only through `transaction`, which also fixes the commit time.
 */
export class DocumentStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(projectId: string, path: string): Promise<StoredDocument | undefined> {
    const { rows } = await this.pool.query<Row>(`${SELECT} where project_id = $1 and path = $2`, [
      projectId,
      path,
    ]);
    return rows[0] && toStored(projectId, rows[0]);
  }

  /** The pool, for the query scans (`index-scan.ts`) that read documents with their keys. */
  get queryable(): pg.Pool {
    return this.pool;
  }

  /**
   * Runs `fn` in one transaction. Documents are locked through `lock`, which also fixes the
   * commit time, so every write of the commit gets one time and a document's update times only
   * ever grow.
   */
  async transaction<T>(fn: (tx: DocumentTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      const result = await fn(new DocumentTransaction(client));
      await client.query("commit");
      return result;
    } catch (e) {
      await client.query("rollback").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
}

/** The reads and writes of one commit. */
export class DocumentTransaction {
  private time: string | undefined;
  private indexes: CompositeIndex[] = [];

  constructor(private readonly client: pg.PoolClient) {}

  /** The commit time: `request.time` for rules and the value of serverTimestamp(). */
  get commitTime(): string {
    if (this.time === undefined)
      throw new Error("internal: lock the documents before using the commit time");
    return this.time;
  }

  /**
   * Locks the documents, existing or not, until the transaction ends, and reads them. A row
   * lock cannot hold a document that does not exist yet, so each path also takes a transaction
   * advisory lock (in path order, so two commits cannot deadlock): concurrent creates of one
   * document then run one after the other. The commit time is read after the locks, so it is
   * later than that of any commit this one waited for. The composite indexes the documents'
   * collections have are read under the index lock, held shared until the commit ends.
   */
  async lock(projectId: string, paths: readonly string[]): Promise<Map<string, StoredDocument>> {
    const unique = [...new Set(paths)].sort();
    await this.client.query(
      `select pg_advisory_xact_lock_shared(${INDEX_LOCK_SQL("$1")}),
              (select count(pg_advisory_xact_lock(hashtextextended($1 || '/' || p, 0)))
                 from (select unnest($2::text[]) as p order by 1) ordered)`,
      [projectId, unique],
    );
    const groups = [...new Set(unique.map((p) => p.split("/").at(-2)!))];
    this.indexes = await loadIndexes(this.client, projectId, groups);
    const { rows } = await this.client.query<Row>(
      `${SELECT} where project_id = $1 and path = any($2::text[]) order by path for update`,
      [projectId, unique],
    );
    const now = await this.client.query<{ now: string }>(
      `select to_char(clock_timestamp() at time zone 'UTC', ${TIME}) as now`,
    );
    this.time = now.rows[0]!.now;
    return new Map(rows.map((r) => [r.path, toStored(projectId, r)]));
  }

  async read(projectId: string, path: string): Promise<StoredDocument | undefined> {
    const { rows } = await this.client.query<Row>(`${SELECT} where project_id = $1 and path = $2`, [
      projectId,
      path,
    ]);
    return rows[0] && toStored(projectId, rows[0]);
  }

  /** Creates or replaces a document and rebuilds its index entries. */
  async put(
    projectId: string,
    doc: DocumentPath,
    fields: DocFields,
    existing: StoredDocument | undefined,
  ) {
    const wire = JSON.stringify(encodeFields(fields, { projectId }));
    await this.client.query(
      `insert into runtime.documents
         (project_id, path, collection_path, collection_id, document_id, fields, create_time, update_time, version)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7, $7, 1)
       on conflict (project_id, path) do update
         set fields = excluded.fields, update_time = excluded.update_time,
             version = runtime.documents.version + 1`,
      [projectId, doc.path, doc.parent, doc.collectionId, doc.documentId, wire, this.commitTime],
    );
    if (existing) {
      await this.client.query(
        `delete from runtime.index_entries where project_id = $1 and document_path = $2`,
        [projectId, doc.path],
      );
    }
    const entries = [
      ...singleFieldEntries(fields),
      ...compositeEntries(
        this.indexes.filter((i) => i.collectionGroup === doc.collectionId),
        doc.path,
        fields,
      ),
    ];
    if (entries.length === 0) return;
    await this.client.query(
      `insert into runtime.index_entries
         (project_id, collection_path, collection_id, field, mode, key, document_path)
       select $1, $2, $3, f, m, k, $4 from unnest($5::text[], $6::text[], $7::bytea[]) as t(f, m, k)`,
      [
        projectId,
        doc.parent,
        doc.collectionId,
        doc.path,
        entries.map((e) => e.field),
        entries.map((e) => e.mode),
        entries.map((e) => e.key),
      ],
    );
  }

  /** Tells every runtime process's listeners, when this transaction commits, what changed. */
  async notify(projectId: string, paths: readonly string[]): Promise<void> {
    await this.client.query("select pg_notify($1, $2)", [CHANNEL, changePayload(projectId, paths)]);
  }

  /** Deletes a document; its index entries go with it (foreign key cascade). */
  async delete(projectId: string, path: string): Promise<void> {
    await this.client.query(`delete from runtime.documents where project_id = $1 and path = $2`, [
      projectId,
      path,
    ]);
  }
}

export function toStored(projectId: string, row: Row): StoredDocument {
  return {
    path: row.path,
    fields: decodeFields(row.fields, { projectId }),
    createTime: row.create_time,
    updateTime: row.update_time,
    version: BigInt(row.version),
  };
}
