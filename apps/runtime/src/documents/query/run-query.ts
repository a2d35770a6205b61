import type pg from "pg";
import type { CompositeIndex } from "../indexes/index-definitions.js";
import type { DocValue } from "../model/value.js";
import type { StoredDocument } from "../store/document-store.js";
import {
  readCandidates,
  readScan,
  type ScanPosition,
  type ScanScope,
} from "../store/index-scan.js";
import { matches } from "./matcher.js";
import { afterStart, beforeEnd, compareOrder, orderValues } from "./order.js";
import { planQuery } from "./plan/plan-query.js";
import type { OrderedScan } from "./plan/plan-types.js";
import type { Query } from "./query-model.js";

/** What the planner needs to know of the project. */
export interface QuerySettings {
  indexes: readonly CompositeIndex[];
  strictIndexes: boolean;
}

interface Result {
  doc: StoredDocument;
  values: DocValue[];
}

// Pages start small (a limit plus a margin for filtered-out entries) and grow.
const FIRST_PAGE_MARGIN = 10;
const MAX_PAGE = 2_000;

/**
 * Runs a query with Firestore's semantics: plans it (plan/plan-query.ts), reads its scans or
 * candidates, then applies the exact filter, order, cursors, offset and limit to what was
 * read — index bounds only ever narrow the reading, they never decide a result.
 *
 * @throws RuntimeError failed-precondition when the project is strict and an index is missing.
 */
export async function runQuery(
  pool: pg.Pool,
  projectId: string,
  query: Query,
  settings: QuerySettings,
): Promise<StoredDocument[]> {
  const scope: ScanScope = query.allDescendants
    ? { collectionId: query.collectionId, parent: query.parent }
    : {
        collectionPath: query.parent ? `${query.parent}/${query.collectionId}` : query.collectionId,
      };
  const plan = planQuery(query, settings.indexes, settings.strictIndexes);
  let rows: Result[];
  if (plan.kind === "unordered") {
    const candidates = await readCandidates(pool, projectId, scope, plan.probes);
    rows = candidates.flatMap((doc) => accept(query, doc));
  } else {
    // limitToLast reads from the end; with an offset (counted from the start) it reads all.
    const need =
      query.limit === undefined || (query.limitToLast && query.offset > 0)
        ? Infinity
        : query.offset + query.limit;
    const perScan = await Promise.all(
      plan.scans.map((scan) => readOrdered(pool, projectId, scope, scan, query, need)),
    );
    const seen = new Set<string>();
    rows = perScan.flat().filter((r) => !seen.has(r.doc.path) && seen.add(r.doc.path));
  }
  rows.sort((a, b) => compareOrder(a.values, b.values, query.orderBy));
  let result = rows.slice(query.offset).map((r) => r.doc);
  if (query.limit !== undefined) {
    result = query.limitToLast
      ? result.slice(Math.max(0, result.length - query.limit))
      : result.slice(0, query.limit);
  }
  return result;
}

/** The document with its order values when it is a result of the query, else nothing. */
function accept(query: Query, doc: StoredDocument): Result[] {
  if (query.filter && !matches(query.filter, doc.fields, doc.path)) return [];
  const values = orderValues(doc, query.orderBy);
  if (!values) return [];
  if (query.startAt && !afterStart(values, query.startAt, query.orderBy)) return [];
  if (query.endAt && !beforeEnd(values, query.endAt, query.orderBy)) return [];
  return [{ doc, values }];
}

/**
 * The first `need` results of one scan in the query's order (from the end for limitToLast),
 * plus every result whose key ties with the last of them when ties are not in order.
 */
async function readOrdered(
  pool: pg.Pool,
  projectId: string,
  scope: ScanScope,
  scan: OrderedScan,
  query: Query,
  need: number,
): Promise<Result[]> {
  const descending = scan.descending !== query.limitToLast;
  if (need === Infinity) {
    const rows = await readScan(pool, projectId, scope, scan, descending, undefined, undefined);
    return rows.flatMap((r) => accept(query, r.doc));
  }
  const results: Result[] = [];
  let boundary: Buffer | undefined;
  let after: ScanPosition | undefined;
  let page = Math.min(MAX_PAGE, need + FIRST_PAGE_MARGIN);
  for (;;) {
    const rows = await readScan(pool, projectId, scope, scan, descending, after, page);
    for (const row of rows) {
      if (boundary && !row.key.equals(boundary)) return results;
      results.push(...accept(query, row.doc));
      if (!boundary && results.length >= need) {
        if (scan.kind === "documents" || scan.tiesInOrder) return results;
        boundary = row.key;
      }
    }
    if (rows.length < page) return results;
    const last = rows.at(-1)!;
    after = { key: last.key, path: last.doc.path };
    page = Math.min(MAX_PAGE, page * 2);
  }
}
