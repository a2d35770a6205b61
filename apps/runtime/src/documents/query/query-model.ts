import type { DocValue } from "../model/value.js";

export type FieldOperator =
  | "LESS_THAN"
  | "LESS_THAN_OR_EQUAL"
  | "GREATER_THAN"
  | "GREATER_THAN_OR_EQUAL"
  | "EQUAL"
  | "NOT_EQUAL"
  | "ARRAY_CONTAINS"
  | "IN"
  | "ARRAY_CONTAINS_ANY"
  | "NOT_IN";

export type UnaryOperator = "IS_NAN" | "IS_NULL" | "IS_NOT_NAN" | "IS_NOT_NULL";

/** A query filter, as Firestore's REST `StructuredQuery.Filter`. */
export type Filter =
  | { kind: "field"; field: string[]; op: FieldOperator; value: DocValue }
  | { kind: "unary"; field: string[]; op: UnaryOperator }
  | { kind: "composite"; op: "AND" | "OR"; filters: Filter[] };

export interface Order {
  /** `["__name__"]` orders by document name. */
  field: string[];
  descending: boolean;
}

export interface Cursor {
  values: DocValue[];
  /** startAt / endBefore (true) versus startAfter / endAt (false), as in the REST API. */
  before: boolean;
}

/** A validated query over one collection (or every collection with that id below `parent`). */
export interface Query {
  /** The document the collection hangs from; "" for a root collection. */
  parent: string;
  collectionId: string;
  allDescendants: boolean;
  filter: Filter | undefined;
  /** Complete order: the requested one, the implicit inequality field, then `__name__`. */
  orderBy: Order[];
  startAt: Cursor | undefined;
  endAt: Cursor | undefined;
  offset: number;
  limit: number | undefined;
  /** Take the last `limit` results instead of the first (the SDKs' limitToLast). */
  limitToLast: boolean;
}

export const NAME_FIELD = "__name__";

export const INEQUALITIES = new Set<FieldOperator>([
  "LESS_THAN",
  "LESS_THAN_OR_EQUAL",
  "GREATER_THAN",
  "GREATER_THAN_OR_EQUAL",
  "NOT_EQUAL",
  "NOT_IN",
]);
