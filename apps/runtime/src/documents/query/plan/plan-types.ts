import type { IndexMode } from "../../index/index-entries.js";
import type { KeyRange } from "../../indexes/composite-keys.js";

/** An index entry a document must have: how an equality narrows a scan. */
export interface Probe {
  field: string;
  mode: Exclude<IndexMode, "composite">;
  key: Buffer;
}

/**
 * A range scan over one index (single-field or composite) whose key order is the query's
 * order on its leading fields. `descending` scans keys from high to low. When equal keys are
 * not already in the query's order (`tiesInOrder` false), a scan reads every entry tied with
 * the last one it needs and the documents are sorted again.
 */
export interface IndexScan {
  kind: "index";
  field: string;
  mode: IndexMode;
  range: KeyRange;
  descending: boolean;
  tiesInOrder: boolean;
  /** Further equalities, checked in the index too (the intersection of single-field scans). */
  probes: Probe[];
}

/** A collection's documents by id: the order of queries that only order by name. */
export interface DocumentScan {
  kind: "documents";
  descending: boolean;
}

export type OrderedScan = IndexScan | DocumentScan;

/**
 * How a query runs. `ordered`: one scan per disjunction, each in the query's order, read only
 * as far as the limit needs. `unordered`: the documents having every probe of one of the
 * lists (all of the scope's documents when `probes` is undefined), then filtered and sorted.
 */
export type Plan =
  { kind: "ordered"; scans: OrderedScan[] } | { kind: "unordered"; probes: Probe[][] | undefined };
