/**
 * A {@link Query} → the runtime's `runQuery` body: `{ parent?, structuredQuery }` in Firestore's
 * REST shape, plus `limitToLast`. The order is sent complete (explicit orders, then inequality
 * fields, then `__name__`), as Firebase's SDK sends it, so cursor values line up with it by
 * construction rather than by the runtime completing the order the same way.
 */
import { invalidArgument } from "../errors.js";
import { toWireValue } from "../values/encode.js";
import { DOCUMENT_ID, formatFieldPath } from "../values/field-path.js";
import { documentsRoot, type WireValue } from "../values/wire.js";
import {
  DocumentReference,
  type CursorSpec,
  type FilterSpec,
  type OrderSpec,
  type Query,
  type WhereFilterOp,
} from "./references.js";

/** The JSON of a runQuery body. */
export interface QueryBody {
  parent?: string;
  structuredQuery: Record<string, unknown>;
}

const OPERATORS: Record<WhereFilterOp, string> = {
  "<": "LESS_THAN",
  "<=": "LESS_THAN_OR_EQUAL",
  "==": "EQUAL",
  "!=": "NOT_EQUAL",
  ">=": "GREATER_THAN_OR_EQUAL",
  ">": "GREATER_THAN",
  "array-contains": "ARRAY_CONTAINS",
  "array-contains-any": "ARRAY_CONTAINS_ANY",
  in: "IN",
  "not-in": "NOT_IN",
};
const INEQUALITIES = new Set<WhereFilterOp>(["<", "<=", ">", ">=", "!=", "not-in"]);

/**
 * The runQuery body of `q`.
 * @throws WinkyError invalid-argument for values without an encoding or a bad cursor.
 */
export function toQueryBody(q: Query): QueryBody {
  const s = q.state;
  const orders = completeOrder(s.orders, s.filters);
  const filter = filterJson(q, { kind: "composite", op: "AND", filters: s.filters });
  const structuredQuery: Record<string, unknown> = {
    from: [
      s.allDescendants
        ? { collectionId: s.collectionId, allDescendants: true }
        : { collectionId: s.collectionId },
    ],
    ...(filter ? { where: filter } : {}),
    orderBy: orders.map((o) => ({
      field: { fieldPath: formatFieldPath(o.field) },
      direction: o.descending ? "DESCENDING" : "ASCENDING",
    })),
    ...(s.startAt ? { startAt: cursorJson(q, s.startAt, orders) } : {}),
    ...(s.endAt ? { endAt: cursorJson(q, s.endAt, orders) } : {}),
    ...(s.limit !== undefined ? { limit: s.limit } : {}),
    ...(s.limitToLast ? { limitToLast: true } : {}),
  };
  return { ...(s.parent ? { parent: s.parent } : {}), structuredQuery };
}

/** Firestore's implicit order: inequality fields not yet ordered on (by name), then `__name__`. */
export function completeOrder(explicit: OrderSpec[], filters: FilterSpec[]): OrderSpec[] {
  const orders = [...explicit];
  const ordered = new Set(orders.map((o) => formatFieldPath(o.field)));
  const inequalities = new Map<string, string[]>();
  const collect = (f: FilterSpec): void => {
    if (f.kind === "composite") f.filters.forEach(collect);
    else if (INEQUALITIES.has(f.op)) inequalities.set(formatFieldPath(f.field), f.field);
  };
  filters.forEach(collect);
  const descending = orders.at(-1)?.descending ?? false;
  for (const key of [...inequalities.keys()].sort()) {
    if (!ordered.has(key)) orders.push({ field: inequalities.get(key)!, descending });
  }
  if (!ordered.has(DOCUMENT_ID)) orders.push({ field: [DOCUMENT_ID], descending });
  return orders;
}

function filterJson(q: Query, f: FilterSpec): unknown {
  if (f.kind === "composite") {
    const filters = f.filters.map((x) => filterJson(q, x)).filter((x) => x !== undefined);
    // A composite of one filter is that filter, as Firebase sends it; an empty one is nothing.
    if (filters.length <= 1) return filters[0];
    return { compositeFilter: { op: f.op, filters } };
  }
  const field = { fieldPath: formatFieldPath(f.field) };
  const { value, op } = f;
  if ((op === "==" || op === "!=") && (value === null || Number.isNaN(value))) {
    const what = value === null ? "NULL" : "NAN";
    return { unaryFilter: { field, op: op === "==" ? `IS_${what}` : `IS_NOT_${what}` } };
  }
  const isName = f.field.length === 1 && f.field[0] === DOCUMENT_ID;
  const encode = (v: unknown) =>
    isName ? nameValue(q, v, "where()") : toWireValue(v, { method: "where()" });
  const wire =
    Array.isArray(value) && (op === "in" || op === "not-in" || op === "array-contains-any")
      ? { arrayValue: { values: value.map(encode) } }
      : encode(value);
  return { fieldFilter: { field, op: OPERATORS[op], value: wire } };
}

function cursorJson(q: Query, c: CursorSpec, orders: OrderSpec[]) {
  const { method } = c;
  if ("snapshot" in c) {
    const snap = c.snapshot;
    if (!snap.exists())
      throw invalidArgument(`${method}(): the snapshot's document does not exist`);
    const values = orders.map((o) => {
      if (o.field[0] === DOCUMENT_ID) return nameValue(q, snap.ref, `${method}()`);
      const value = snap.wireField(o.field);
      if (value === undefined) {
        throw invalidArgument(
          `${method}(): the snapshot of ${snap.ref.path} has no field '${formatFieldPath(o.field)}', which the query orders by`,
        );
      }
      return value;
    });
    return { values, before: c.before };
  }
  if (c.values.length > orders.length) {
    throw invalidArgument(
      `${method}(): ${c.values.length} values given for ${orders.length} order fields`,
    );
  }
  const values = c.values.map((v, i) =>
    orders[i]!.field[0] === DOCUMENT_ID
      ? nameValue(q, v, `${method}()`)
      : toWireValue(v, { method: `${method}()` }),
  );
  return { values, before: c.before };
}

/**
 * A `__name__` value: a reference, or a string naming a document — an id in the queried
 * collection, or a full path for a collection group (as Firebase takes them).
 */
function nameValue(q: Query, v: unknown, method: string): WireValue {
  const root = documentsRoot(q.db.project);
  if (v instanceof DocumentReference) return { referenceValue: root + v.path };
  if (typeof v !== "string" || v === "") {
    throw invalidArgument(
      `${method}: a document id must be a non-empty string or a DocumentReference`,
    );
  }
  const s = q.state;
  if (s.allDescendants) return { referenceValue: root + q.db.doc(v).path };
  if (v.includes("/")) throw invalidArgument(`${method}: "${v}" is a path, not a document id`);
  const collection = s.parent ? `${s.parent}/${s.collectionId}` : s.collectionId;
  return { referenceValue: `${root}${collection}/${v}` };
}
