import { invalidArgument } from "../../errors/runtime-error.js";
import { atField } from "../api/at-field.js";
import { formatFieldPath, parseFieldPath } from "../model/field-path.js";
import { parseCollectionPath, parseDocumentPath } from "../model/paths.js";
import type { DocValue } from "../model/value.js";
import { decodeValue } from "../model/wire.js";
import { Problem, relativeName } from "../model/wire-scalars.js";
import {
  INEQUALITIES,
  NAME_FIELD,
  type Cursor,
  type FieldOperator,
  type Filter,
  type Order,
  type Query,
  type UnaryOperator,
} from "./query-model.js";
import { validateFilter } from "./validate-filter.js";

const FIELD_OPS = new Set<FieldOperator>([
  ...INEQUALITIES,
  "EQUAL",
  "ARRAY_CONTAINS",
  "IN",
  "ARRAY_CONTAINS_ANY",
]);
const UNARY_OPS = new Set<UnaryOperator>(["IS_NAN", "IS_NULL", "IS_NOT_NAN", "IS_NOT_NULL"]);
/** Operators whose value is a list of values to compare with, each of which may be an array. */
const LIST_OPS = new Set<FieldOperator>(["IN", "NOT_IN", "ARRAY_CONTAINS_ANY"]);

type Json = Record<string, unknown>;

/**
 * Validates a `runQuery` body (`{ parent?, structuredQuery }`, Firestore's REST shape plus
 * `limitToLast`) and completes its order as Firestore does: inequality fields are ordered on
 * when the query does not say, and `__name__` always breaks ties.
 *
 * @throws RuntimeError invalid-argument naming the part of the query that is wrong.
 */
export function parseQuery(body: unknown, projectId: string): Query {
  const root = (body ?? {}) as Json;
  const sq = (root.structuredQuery ?? {}) as Json;
  const parent = parentOf(root.parent, projectId);
  const from = Array.isArray(sq.from) ? (sq.from as Json[]) : [];
  if (from.length !== 1 || typeof from[0]?.collectionId !== "string") {
    throw invalidArgument("structuredQuery.from: expected exactly one { collectionId }");
  }
  const collectionId = from[0].collectionId as string;
  atField("structuredQuery.from[0].collectionId", () => parseCollectionPath(collectionId));
  const filter =
    sq.where === undefined ? undefined : parseFilter(sq.where, "structuredQuery.where", projectId);
  if (filter) validateFilter(filter);
  const orderBy = completeOrder(parseOrders(sq.orderBy), filter);
  const cursor = (raw: unknown, where: string): Cursor | undefined => {
    if (raw === undefined) return undefined;
    const c = raw as Json;
    const values = Array.isArray(c.values) ? c.values : [];
    if (values.length === 0 || values.length > orderBy.length) {
      throw invalidArgument(
        `${where}.values: give 1 to ${orderBy.length} values, one per orderBy field`,
      );
    }
    return {
      values: values.map((v, i) =>
        atField(`${where}.values[${i}]`, () => decodeValue(v, `values[${i}]`, { projectId })),
      ),
      before: c.before === true,
    };
  };
  return {
    parent,
    collectionId,
    allDescendants: from[0].allDescendants === true,
    filter,
    orderBy,
    startAt: cursor(sq.startAt, "structuredQuery.startAt"),
    endAt: cursor(sq.endAt, "structuredQuery.endAt"),
    offset: count(sq.offset, "structuredQuery.offset") ?? 0,
    limit: count(sq.limit, "structuredQuery.limit"),
    limitToLast: sq.limitToLast === true,
  };
}

/**
 * The document a query's collection hangs from, relative to the documents root ("" for a root
 * collection): given relative (`users/ada`) or as Firestore's full name
 * (`projects/{p}/databases/(default)/documents[/users/ada]`).
 */
function parentOf(raw: unknown, projectId: string): string {
  if (typeof raw !== "string" || raw === "") return "";
  const parent = relativeName(raw, { projectId });
  if (parent instanceof Problem) throw invalidArgument(`parent: ${parent.message}`);
  if (parent !== "") atField("parent", () => parseDocumentPath(parent));
  return parent;
}

function parseFilter(raw: unknown, where: string, projectId: string): Filter {
  const f = (raw ?? {}) as Json;
  if (f.compositeFilter) {
    const c = f.compositeFilter as Json;
    if (c.op !== "AND" && c.op !== "OR")
      throw invalidArgument(`${where}.compositeFilter.op: expected AND or OR`);
    const filters = Array.isArray(c.filters) ? c.filters : [];
    if (filters.length === 0)
      throw invalidArgument(`${where}.compositeFilter.filters: expected at least one filter`);
    return {
      kind: "composite",
      op: c.op,
      filters: filters.map((x, i) =>
        parseFilter(x, `${where}.compositeFilter.filters[${i}]`, projectId),
      ),
    };
  }
  if (f.fieldFilter) {
    const ff = f.fieldFilter as Json;
    const op = ff.op as FieldOperator;
    if (!FIELD_OPS.has(op))
      throw invalidArgument(`${where}.fieldFilter.op: unknown operator ${JSON.stringify(ff.op)}`);
    const field = fieldOf(ff.field, `${where}.fieldFilter.field`);
    const value = atField(`${where}.fieldFilter.value`, () =>
      LIST_OPS.has(op)
        ? decodeList(ff.value, formatFieldPath(field), projectId)
        : decodeValue(ff.value, formatFieldPath(field), { projectId }),
    );
    return { kind: "field", field, op, value };
  }
  if (f.unaryFilter) {
    const uf = f.unaryFilter as Json;
    const op = uf.op as UnaryOperator;
    if (!UNARY_OPS.has(op))
      throw invalidArgument(`${where}.unaryFilter.op: unknown operator ${JSON.stringify(uf.op)}`);
    return { kind: "unary", field: fieldOf(uf.field, `${where}.unaryFilter.field`), op };
  }
  throw invalidArgument(`${where}: expected one of fieldFilter, unaryFilter, compositeFilter`);
}

/**
 * The value list of `in`, `not-in` or `array-contains-any`. Its elements are decoded one by
 * one, each as a value of its own, so an element may be an array (`in [["a", "b"]]` matches the
 * field equal to that array); an array inside such an element is refused, as no stored value
 * can hold one. Anything but an `arrayValue` is decoded as it is, for `validateFilter` to refuse.
 *
 * @throws DocumentValueError naming the element (`values[1][0]`) and the problem.
 */
function decodeList(raw: unknown, fieldPath: string, projectId: string): DocValue {
  const items = listItems(raw);
  if (!items) return decodeValue(raw, fieldPath, { projectId });
  return {
    type: "array",
    values: items.map((item, i) => decodeValue(item, `values[${i}]`, { projectId })),
  };
}

/** The elements of `{"arrayValue": {"values": […]}}`, or undefined for anything else. */
function listItems(raw: unknown): unknown[] | undefined {
  if (!isObject(raw) || Object.keys(raw).length !== 1) return undefined;
  const body = raw.arrayValue;
  if (!isObject(body) || Object.keys(body).some((k) => k !== "values")) return undefined;
  const values = body.values ?? [];
  return Array.isArray(values) ? values : undefined;
}

function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function parseOrders(raw: unknown): Order[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalidArgument("structuredQuery.orderBy: expected a list");
  return raw.map((o: unknown, i) => {
    const order = (o ?? {}) as Json;
    const direction = order.direction ?? "ASCENDING";
    if (direction !== "ASCENDING" && direction !== "DESCENDING") {
      throw invalidArgument(
        `structuredQuery.orderBy[${i}].direction: expected ASCENDING or DESCENDING`,
      );
    }
    return {
      field: fieldOf(order.field, `structuredQuery.orderBy[${i}].field`),
      descending: direction === "DESCENDING",
    };
  });
}

/** Firestore's implicit ordering: inequality fields not yet ordered on, then the name. */
function completeOrder(explicit: Order[], filter: Filter | undefined): Order[] {
  const orders = [...explicit];
  const has = (field: string[]) =>
    orders.some((o) => formatFieldPath(o.field) === formatFieldPath(field));
  const inequalityFields = new Map<string, string[]>();
  const collect = (f: Filter | undefined) => {
    if (!f) return;
    if (f.kind === "composite") f.filters.forEach(collect);
    else if (f.kind === "field" && INEQUALITIES.has(f.op))
      inequalityFields.set(formatFieldPath(f.field), f.field);
    else if (f.kind === "unary" && (f.op === "IS_NOT_NAN" || f.op === "IS_NOT_NULL")) {
      inequalityFields.set(formatFieldPath(f.field), f.field);
    }
  };
  collect(filter);
  const lastDirection = orders.at(-1)?.descending ?? false;
  for (const key of [...inequalityFields.keys()].sort()) {
    const field = inequalityFields.get(key)!;
    if (!has(field)) orders.push({ field, descending: lastDirection });
  }
  if (!has([NAME_FIELD]))
    orders.push({ field: [NAME_FIELD], descending: orders.at(-1)?.descending ?? false });
  return orders;
}

function fieldOf(raw: unknown, where: string): string[] {
  const path = (raw as Json | null)?.fieldPath;
  if (typeof path !== "string") throw invalidArgument(`${where}.fieldPath: expected a field path`);
  if (path === NAME_FIELD) return [NAME_FIELD];
  return atField(`${where}.fieldPath`, () => parseFieldPath(path));
}

function count(raw: unknown, where: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = typeof raw === "object" && raw !== null ? (raw as Json).value : raw;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
    throw invalidArgument(`${where}: expected a whole number ≥ 0`);
  return n;
}
