import type pg from "pg";
import type { DocFields } from "../model/value.js";
import { decodeStoredFields } from "../model/wire.js";
import { DocumentTransaction } from "./document-transaction.js";
import { OptimisticWrite } from "./optimistic-write.js";
import { prepared } from "./prepared.js";
import type { CompositeIndex } from "../indexes/index-definitions.js";

export { DocumentTransaction };

/** A stored document with its metadata; times are RFC 3339 with microseconds, in UTC. */
export interface StoredDocument {
  path: string;
  fields: DocFields;
  createTime: string;
  updateTime: string;
  version: bigint;
}

export const TIME = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** The columns a `Row` needs, from the documents table under `alias`. */
export const documentColumns = (alias: string) =>
  `${alias}.path, ${alias}.fields,
   to_char(${alias}.create_time at time zone 'UTC', ${TIME}) as create_time,
   to_char(${alias}.update_time at time zone 'UTC', ${TIME}) as update_time,
   ${alias}.version::text as version`;
export const SELECT = `select ${documentColumns("d")} from runtime.documents d`;

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
    return readDocument(this.pool, projectId, path);
  }

  /** The pool, for the query scans (`index-scan.ts`) that read documents with their keys. */
  get queryable(): pg.Pool {
    return this.pool;
  }

  /**
   * Runs a commit of one document optimistically (`OptimisticWrite`): `fn`'s result when the
   * write applied, undefined when the document changed meanwhile (run it with `transaction`).
   */
  async optimistic<T>(
    projectId: string,
    indexes: readonly CompositeIndex[],
    fn: (tx: OptimisticWrite) => Promise<T>,
  ): Promise<T | undefined> {
    const tx = new OptimisticWrite(this.pool, indexes);
    const result = await fn(tx);
    return (await tx.finish(projectId)) ? result : undefined;
  }

  /**
   * Runs `fn` in one transaction. Documents are locked through `lock`, which also fixes the
   * commit time, so every write of the commit gets one time and a document's update times only
   * ever grow. The transaction begins with the first statement and commits together with the
   * change notification: fewer round trips per commit.
   */
  async transaction<T>(fn: (tx: DocumentTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx = new DocumentTransaction(client);
    try {
      const result = await fn(tx);
      await tx.commit();
      return result;
    } catch (e) {
      if (tx.begun) await client.query("rollback").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
}

/** A row as a document; its `fields` are in the stored form (`encodeStoredFields`). */
/** One document by path, on a pool or inside a transaction; undefined when absent. */
export async function readDocument(
  db: Pick<pg.Pool | pg.PoolClient, "query">,
  projectId: string,
  path: string,
): Promise<StoredDocument | undefined> {
  const { rows } = await db.query<Row>(
    prepared(`${SELECT} where project_id = $1 and path = $2`, [projectId, path]),
  );
  return rows[0] && toStored(projectId, rows[0]);
}

export function toStored(projectId: string, row: Row): StoredDocument {
  return {
    path: row.path,
    fields: decodeStoredFields(row.fields, { projectId }),
    createTime: row.create_time,
    updateTime: row.update_time,
    version: BigInt(row.version),
  };
}
