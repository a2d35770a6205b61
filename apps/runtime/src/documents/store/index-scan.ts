import type pg from "pg";
import type { OrderedScan, Probe } from "../query/plan/plan-types.js";
import { documentColumns, toStored, type Row, type StoredDocument } from "./document-store.js";
import { prepared } from "./prepared.js";
import { Params } from "./sql-params.js";

/** One collection, or every collection with an id below a parent (a collection group). */
export type ScanScope = { collectionPath: string } | { collectionId: string; parent: string };

/** A document read by a scan, with the key it was found under (its id for document scans). */
export interface ScannedRow {
  doc: StoredDocument;
  key: Buffer;
}

/** Where the previous page ended: scans resume strictly after it. */
export interface ScanPosition {
  key: Buffer;
  path: string;
}

/** The scope as a condition on `alias`'s collection columns and its document path column. */
function scopeSql(alias: string, pathColumn: string, scope: ScanScope, p: Params): string {
  if ("collectionPath" in scope)
    return `${alias}.collection_path = ${p.bind(scope.collectionPath)}`;
  const group = `${alias}.collection_id = ${p.bind(scope.collectionId)}`;
  return scope.parent
    ? `${group} and starts_with(${alias}.${pathColumn}, ${p.bind(`${scope.parent}/`)})`
    : group;
}

/** The document must also have each probe's entry (an index lookup per probe). */
function probesSql(probes: readonly Probe[], scope: ScanScope, p: Params, path: string): string {
  return probes
    .map((probe) => {
      const x = p.alias();
      return ` and exists (select 1 from runtime.index_entries ${x} where ${entrySql(x, probe, scope, p)} and ${x}.document_path = ${path})`;
    })
    .join("");
}

function entrySql(x: string, probe: Probe, scope: ScanScope, p: Params): string {
  return (
    `${x}.project_id = $1 and ${scopeSql(x, "document_path", scope, p)} and ` +
    `${x}.field = ${p.bind(probe.field)} and ${x}.mode = ${p.bind(probe.mode)} and ` +
    `${x}.key = ${p.bind(probe.key)}`
  );
}

/**
 * One page of an ordered scan: entries in key order (then path order, which makes pages
 * resumable), `descending` from the high end, strictly after `after`.
 */
export async function readScan(
  pool: pg.Pool,
  projectId: string,
  scope: ScanScope,
  scan: OrderedScan,
  descending: boolean,
  after: ScanPosition | undefined,
  limit: number | undefined,
): Promise<ScannedRow[]> {
  const p = new Params(projectId);
  const dir = descending ? "desc" : "asc";
  const cmp = descending ? "<" : ">";
  let sql: string;
  if (scan.kind === "documents") {
    if (!("collectionPath" in scope)) throw new Error("internal: document scans need a collection");
    sql =
      `select ${documentColumns("d")}, convert_to(d.document_id, 'UTF8') as key
         from runtime.documents d where d.project_id = $1 and ${scopeSql("d", "path", scope, p)}` +
      (after ? ` and d.document_id ${cmp} ${p.bind(after.key.toString("utf8"))}` : "") +
      ` order by d.document_id ${dir}`;
  } else {
    const { lower, upper } = scan.range;
    sql =
      `select ${documentColumns("d")}, e.key from runtime.index_entries e
         join runtime.documents d on d.project_id = e.project_id and d.path = e.document_path
        where e.project_id = $1 and ${scopeSql("e", "document_path", scope, p)}
          and e.field = ${p.bind(scan.field)} and e.mode = ${p.bind(scan.mode)}` +
      (lower ? ` and e.key >= ${p.bind(lower)}` : "") +
      (upper ? ` and e.key < ${p.bind(upper)}` : "") +
      (after
        ? ` and (e.key, e.document_path) ${cmp} (${p.bind(after.key)}, ${p.bind(after.path)})`
        : "") +
      probesSql(scan.probes, scope, p, "e.document_path") +
      ` order by e.key ${dir}, e.document_path ${dir}`;
  }
  if (limit !== undefined) sql += ` limit ${p.bind(limit)}`;
  const { rows } = await pool.query<Row & { key: Buffer }>(prepared(sql, p.values));
  return rows.map((row) => ({ doc: toStored(projectId, row), key: row.key }));
}

/**
 * The documents of the scope that have every probe of at least one list; all of them when
 * `probes` is undefined. Unordered: the caller filters and sorts.
 */
export async function readCandidates(
  pool: pg.Pool,
  projectId: string,
  scope: ScanScope,
  probes: readonly Probe[][] | undefined,
): Promise<StoredDocument[]> {
  const p = new Params(projectId);
  let sql = `select ${documentColumns("d")} from runtime.documents d
    where d.project_id = $1 and ${scopeSql("d", "path", scope, p)}`;
  if (probes) {
    // Each list: the first probe's entries, kept when the others are there too.
    const lists = probes.map(([first, ...rest]) => {
      const x = p.alias();
      return (
        `select ${x}.document_path from runtime.index_entries ${x} ` +
        `where ${entrySql(x, first!, scope, p)}${probesSql(rest, scope, p, `${x}.document_path`)}`
      );
    });
    sql += ` and d.path in (${lists.join(" union ")})`;
  }
  const { rows } = await pool.query<Row>(prepared(sql, p.values));
  return rows.map((row) => toStored(projectId, row));
}
