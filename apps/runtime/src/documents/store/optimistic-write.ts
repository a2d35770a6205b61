import type pg from "pg";
import { changePayload } from "../../realtime/change-feed.js";
import type { CompositeIndex } from "../indexes/index-definitions.js";
import type { DocumentPath } from "../model/paths.js";
import type { DocFields } from "../model/value.js";
import type { CommitTransaction } from "./document-transaction.js";
import {
  documentColumns,
  readDocument,
  TIME,
  toStored,
  type Row,
  type StoredDocument,
} from "./document-store.js";
import { deleteStatement, putStatement } from "./document-writes.js";
import { prepared } from "./prepared.js";

type Intent =
  | { kind: "put"; doc: DocumentPath; fields: DocFields; existing: StoredDocument | undefined }
  | { kind: "delete" };

/**
 * A commit of one document in two statements and no transaction: read the document with the
 * commit time, decide (transforms, preconditions, rules) from what was read, then write it in
 * one statement that applies only if the document is still as read — absent, or at the version
 * read — and its collection's composite indexes are still those the entries were computed for.
 * `finish` says whether it applied; when it did not, the caller runs the commit the locked way.
 * The commit is then as if it happened at the read: nothing changed the document in between.
 */
export class OptimisticWrite implements CommitTransaction {
  private time: string | undefined;
  /** The document as read: what the write requires it to still be. */
  private existing: StoredDocument | undefined;
  private intent: Intent | undefined;
  private notification: string | undefined;
  /** A commit this path cannot write in one statement (deleted and created again). */
  private unsupported = false;

  constructor(
    private readonly pool: pg.Pool,
    /** The project's composite indexes, as cached; the write checks they are still current. */
    private readonly indexes: readonly CompositeIndex[],
  ) {}

  get commitTime(): string {
    if (this.time === undefined) throw new Error("internal: read the document first");
    return this.time;
  }

  async lock(projectId: string, paths: readonly string[]): Promise<Map<string, StoredDocument>> {
    const [path, ...others] = [...new Set(paths)];
    if (path === undefined || others.length > 0)
      throw new Error("internal: an optimistic write is for one document");
    const { rows } = await this.pool.query<Row & { now: string }>(
      prepared(
        `select to_char(clock_timestamp() at time zone 'UTC', ${TIME}) as now, ${documentColumns("d")}
           from (values (1)) as one
           left join runtime.documents d on d.project_id = $1 and d.path = $2`,
        [projectId, path],
      ),
    );
    const row = rows[0]!;
    this.time = row.now;
    this.existing = row.path === null ? undefined : toStored(projectId, row);
    return new Map(this.existing ? [[path, this.existing]] : []);
  }

  async read(projectId: string, path: string): Promise<StoredDocument | undefined> {
    return readDocument(this.pool, projectId, path);
  }

  async put(
    _projectId: string,
    doc: DocumentPath,
    fields: DocFields,
    existing: StoredDocument | undefined,
  ): Promise<void> {
    // Deleted then created again: a new document where one was, not one statement's work.
    if (this.intent || existing !== this.existing) this.unsupported = true;
    this.intent = { kind: "put", doc, fields, existing };
  }

  async delete(): Promise<void> {
    if (this.intent) this.unsupported = true;
    this.intent = { kind: "delete" };
  }

  notify(projectId: string, paths: readonly string[]): void {
    this.notification = changePayload(projectId, paths);
  }

  /**
   * Writes what the commit decided, if the document is still as read.
   *
   * @returns false when it changed meanwhile (or the commit needs the locked way).
   */
  async finish(projectId: string): Promise<boolean> {
    const { intent, existing } = this;
    if (this.unsupported) return false;
    if (!intent) return true; // nothing to write: a delete of a missing document
    const notify = this.notification ?? changePayload(projectId, []);
    let statement: pg.QueryConfig;
    if (intent.kind === "delete") {
      if (!existing) return true;
      statement = deleteStatement(projectId, existing, this.commitTime, { notify });
    } else {
      const indexes = this.indexes.filter((i) => i.collectionGroup === intent.doc.collectionId);
      statement = putStatement(
        {
          projectId,
          doc: intent.doc,
          fields: intent.fields,
          existing: intent.existing,
          time: this.commitTime,
          indexes,
        },
        { kind: "if-unchanged", indexIds: indexes.map((i) => i.id).sort(), notify },
      );
    }
    const { rows } = await this.pool.query<{ written: number }>(statement);
    return rows[0]!.written === 1;
  }
}
