import type pg from "pg";
import { CHANNEL, changePayload } from "../../realtime/change-feed.js";
import { singleFieldEntries, type IndexEntry } from "../index/index-entries.js";
import { compositeEntries } from "../indexes/composite-entries.js";
import type { CompositeIndex } from "../indexes/index-definitions.js";
import { INDEX_LOCK_SQL, toIndex, type IndexRow } from "../indexes/index-store.js";
import type { DocumentPath } from "../model/paths.js";
import type { DocFields } from "../model/value.js";
import { encodeStoredFields } from "../model/wire-encode.js";
import {
  documentColumns,
  SELECT,
  TIME,
  toStored,
  type Row,
  type StoredDocument,
} from "./document-store.js";

/**
 * The reads and writes of one commit, in as few round trips as the rules allow: begin and
 * lock; read the documents, the commit time and the indexes; one statement per written
 * document (its row and the changes to its index entries); notify and commit.
 */
export class DocumentTransaction {
  private time: string | undefined;
  private indexes: CompositeIndex[] = [];
  private notification: string | undefined;
  begun = false;

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
   * document then run one after the other. The reads come in the next statement, whose
   * snapshot is taken after the locks were granted; the commit time is read there too, so it
   * is later than that of any commit this one waited for. The composite indexes of the
   * documents' collections are read under the index lock, held shared until the commit ends.
   */
  async lock(projectId: string, paths: readonly string[]): Promise<Map<string, StoredDocument>> {
    const unique = [...new Set(paths)].sort();
    const lit = (s: string) => this.client.escapeLiteral(s);
    // A simple-protocol statement (literals, no parameters) may carry the BEGIN with it.
    await this.client.query(
      `${this.begun ? "" : "begin;"}
       select pg_advisory_xact_lock_shared(${INDEX_LOCK_SQL(lit(projectId))}),
              (select count(pg_advisory_xact_lock(hashtextextended(${lit(projectId)} || '/' || p, 0)))
                 from unnest(array[${unique.map(lit).join(",")}]::text[]) as p)`,
    );
    this.begun = true;
    const groups = [...new Set(unique.map((p) => p.split("/").at(-2)!))];
    const { rows } = await this.client.query<{ now: string; docs: Row[]; indexes: IndexRow[] }>(
      `select to_char(clock_timestamp() at time zone 'UTC', ${TIME}) as now,
         (select coalesce(json_agg(x), '[]') from (
            select ${documentColumns("d")} from runtime.documents d
             where d.project_id = $1 and d.path = any($2::text[]) order by d.path for update) x
         ) as docs,
         (select coalesce(json_agg(i order by i.created_at, i.id), '[]')
            from runtime.composite_indexes i
           where i.project_id = $1 and i.collection_group = any($3::text[])) as indexes`,
      [projectId, unique, groups],
    );
    const row = rows[0]!;
    this.time = row.now;
    this.indexes = row.indexes.map(toIndex);
    return new Map(row.docs.map((r) => [r.path, toStored(projectId, r)]));
  }

  async read(projectId: string, path: string): Promise<StoredDocument | undefined> {
    await this.begin();
    const { rows } = await this.client.query<Row>(`${SELECT} where project_id = $1 and path = $2`, [
      projectId,
      path,
    ]);
    return rows[0] && toStored(projectId, rows[0]);
  }

  /**
   * Creates or replaces a document, and changes its index entries by the difference between
   * the old and the new ones (an update of one field rewrites that field's entries only).
   * One statement: the entries removed and those added never overlap, so their order within
   * it does not matter.
   */
  async put(
    projectId: string,
    doc: DocumentPath,
    fields: DocFields,
    existing: StoredDocument | undefined,
  ): Promise<void> {
    await this.begin();
    const indexes = this.indexes.filter((i) => i.collectionGroup === doc.collectionId);
    const entriesOf = (f: DocFields) => [
      ...singleFieldEntries(f),
      ...compositeEntries(indexes, doc.path, f),
    ];
    const { removed, added } = difference(
      existing ? entriesOf(existing.fields) : [],
      entriesOf(fields),
    );
    const wire = encodeStoredFields(fields, { projectId });
    await this.client.query(
      `with doc as (
         insert into runtime.documents
           (project_id, path, collection_path, collection_id, document_id, fields, create_time, update_time, version)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $7, 1)
         on conflict (project_id, path) do update
           set fields = excluded.fields, update_time = excluded.update_time,
               version = runtime.documents.version + 1
         returning 1),
       gone as (
         delete from runtime.index_entries e
          using unnest($8::text[], $9::text[], $10::bytea[]) as t(f, m, k)
          where e.project_id = $1 and e.collection_path = $3 and e.field = t.f and e.mode = t.m
            and e.key = t.k and e.document_path = $2
         returning 1),
       added as (
         insert into runtime.index_entries
           (project_id, collection_path, collection_id, field, mode, key, document_path)
         select $1, $3, $4, f, m, k, $2 from unnest($11::text[], $12::text[], $13::bytea[]) as t(f, m, k)
         returning 1)
       select 1`,
      [
        projectId,
        doc.path,
        doc.parent,
        doc.collectionId,
        doc.documentId,
        wire,
        this.commitTime,
        ...columns(removed),
        ...columns(added),
      ],
    );
  }

  /** Deletes a document; its index entries go with it (foreign key cascade). */
  async delete(projectId: string, path: string): Promise<void> {
    await this.begin();
    await this.client.query(`delete from runtime.documents where project_id = $1 and path = $2`, [
      projectId,
      path,
    ]);
  }

  /** Tells every runtime process's listeners, when this transaction commits, what changed. */
  notify(projectId: string, paths: readonly string[]): void {
    this.notification = changePayload(projectId, paths);
  }

  /** Commits, sending the notification in the same round trip. */
  async commit(): Promise<void> {
    if (!this.begun) return;
    const notify = this.notification
      ? `select pg_notify(${this.client.escapeLiteral(CHANNEL)}, ${this.client.escapeLiteral(this.notification)});`
      : "";
    await this.client.query(`${notify} commit`);
  }

  private async begin(): Promise<void> {
    if (this.begun) return;
    await this.client.query("begin");
    this.begun = true;
  }
}

const entryId = (e: IndexEntry) => `${e.field}\u0000${e.mode}\u0000${e.key.toString("latin1")}`;

function difference(before: IndexEntry[], after: IndexEntry[]) {
  const old = new Set(before.map(entryId));
  const next = new Set(after.map(entryId));
  return {
    removed: before.filter((e) => !next.has(entryId(e))),
    added: after.filter((e) => !old.has(entryId(e))),
  };
}

function columns(entries: IndexEntry[]): [string[], string[], Buffer[]] {
  return [entries.map((e) => e.field), entries.map((e) => e.mode), entries.map((e) => e.key)];
}
