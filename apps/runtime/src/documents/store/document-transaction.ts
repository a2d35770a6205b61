import type pg from "pg";
import { CHANNEL, changePayload } from "../../realtime/change-feed.js";
import type { CompositeIndex } from "../indexes/index-definitions.js";
import { INDEX_LOCK_SQL, toIndex, type IndexRow } from "../indexes/index-store.js";
import type { DocumentPath } from "../model/paths.js";
import type { DocFields } from "../model/value.js";
import {
  documentColumns,
  readDocument,
  TIME,
  toStored,
  type Row,
  type StoredDocument,
} from "./document-store.js";
import { deleteStatement, putStatement } from "./document-writes.js";

/**
 * What a commit does with the store, whichever way it runs (locked, or optimistic for one
 * document): lock and read the documents, read others for rules, write, notify.
 */
export interface CommitTransaction {
  readonly commitTime: string;
  lock(projectId: string, paths: readonly string[]): Promise<Map<string, StoredDocument>>;
  read(projectId: string, path: string): Promise<StoredDocument | undefined>;
  put(
    projectId: string,
    doc: DocumentPath,
    fields: DocFields,
    existing: StoredDocument | undefined,
  ): Promise<void>;
  /** Deletes `existing` (a document `lock` read). */
  delete(projectId: string, existing: StoredDocument): Promise<void>;
  notify(projectId: string, paths: readonly string[]): void;
}

/**
 * The reads and writes of one commit, in as few round trips as the rules allow: begin and
 * lock; read the documents, the commit time and the indexes; one statement per written
 * document (its row and the changes to its index entries); notify and commit.
 */
export class DocumentTransaction implements CommitTransaction {
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
    return readDocument(this.client, projectId, path);
  }

  /** Creates or replaces a document, and changes its index entries by difference. */
  async put(
    projectId: string,
    doc: DocumentPath,
    fields: DocFields,
    existing: StoredDocument | undefined,
  ): Promise<void> {
    await this.begin();
    const indexes = this.indexes.filter((i) => i.collectionGroup === doc.collectionId);
    await this.client.query(
      putStatement(
        { projectId, doc, fields, existing, time: this.commitTime, indexes },
        { kind: "upsert" },
      ),
    );
  }

  /** Deletes a document; its index entries go with it (foreign key cascade). */
  async delete(projectId: string, existing: StoredDocument): Promise<void> {
    await this.begin();
    await this.client.query(deleteStatement(projectId, existing, this.commitTime));
  }

  /**
   * Claims an idempotency key for this commit: undefined when this commit is the first to use
   * it, else what the commit that did answered (that one committed; this one should write
   * nothing). A concurrent commit with the key makes this wait until it ends.
   */
  async claimKey(projectId: string, key: string): Promise<unknown> {
    await this.begin();
    const claimed = await this.client.query(
      `insert into runtime.idempotency_keys (project_id, key, result) values ($1, $2, 'null')
       on conflict do nothing`,
      [projectId, key],
    );
    if (claimed.rowCount === 1) return undefined;
    // A new statement sees the row the other commit inserted, now committed.
    const { rows } = await this.client.query<{ result: unknown }>(
      "select result from runtime.idempotency_keys where project_id = $1 and key = $2",
      [projectId, key],
    );
    return rows[0]?.result;
  }

  /** Stores the answer of the commit that claimed `key`, for its repetitions. */
  async settleKey(projectId: string, key: string, result: unknown): Promise<void> {
    await this.client.query(
      "update runtime.idempotency_keys set result = $3 where project_id = $1 and key = $2",
      [projectId, key, JSON.stringify(result)],
    );
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
