// firebase-admin's Query as a StructuredQuery run by `context.documents.query` (the runtime's
// own query engine, as an admin). Immutable: each refinement answers a new Query.
import { currentContext, type RuntimeQuery, type WireValue } from "../context.js";
import { documentsRoot, encodeValue } from "./codec.js";
import { converterOf, type Converter } from "./converter.js";
import { DocumentSnapshot, QuerySnapshot, type SnapshotRef } from "./snapshots.js";
import { FieldPath } from "./values.js";

/** What a query needs of its Firestore: making references of paths. */
export interface QueryHost {
  doc(path: string): SnapshotRef & { withConverter(converter: Converter): SnapshotRef };
}

const OPERATORS: Record<string, string> = {
  "<": "LESS_THAN",
  "<=": "LESS_THAN_OR_EQUAL",
  "==": "EQUAL",
  "!=": "NOT_EQUAL",
  ">=": "GREATER_THAN_OR_EQUAL",
  ">": "GREATER_THAN",
  "array-contains": "ARRAY_CONTAINS",
  in: "IN",
  "not-in": "NOT_IN",
  "array-contains-any": "ARRAY_CONTAINS_ANY",
};

/** `Filter.where(…)`, `Filter.and(…)`, `Filter.or(…)`: composable filters. */
export class Filter {
  private constructor(readonly toWire: (collectionPath: string) => WireValue) {}
  static where(field: string | FieldPath, op: string, value: unknown): Filter {
    return new Filter((collection) => fieldFilter(field, op, value, collection));
  }
  static and(...filters: Filter[]): Filter {
    return Filter.composite("AND", filters);
  }
  static or(...filters: Filter[]): Filter {
    return Filter.composite("OR", filters);
  }
  private static composite(op: "AND" | "OR", filters: Filter[]): Filter {
    return new Filter((c) => ({
      compositeFilter: { op, filters: filters.map((f) => f.toWire(c)) },
    }));
  }
}

function fieldFilter(
  field: string | FieldPath,
  op: string,
  value: unknown,
  collectionPath: string,
): WireValue {
  const path = FieldPath.from(field);
  const fieldPath = path.format();
  const wireOp = OPERATORS[op];
  if (!wireOp) throw new TypeError(`where(): unknown operator ${JSON.stringify(op)}`);
  if ((op === "==" || op === "!=") && (value === null || Number.isNaN(value))) {
    const what = value === null ? "NULL" : "NAN";
    return {
      unaryFilter: { op: op === "==" ? `IS_${what}` : `IS_NOT_${what}`, field: { fieldPath } },
    };
  }
  // documentId() compares with references; a plain id is one in the queried collection.
  const asValue = (v: unknown) =>
    fieldPath === "__name__" && typeof v === "string"
      ? { referenceValue: documentsRoot() + (v.includes("/") ? v : `${collectionPath}/${v}`) }
      : encodeValue(v, fieldPath);
  const list = op === "in" || op === "not-in" || op === "array-contains-any";
  const wire = list
    ? { arrayValue: { values: (value as unknown[]).map(asValue) } }
    : asValue(value);
  return { fieldFilter: { field: { fieldPath }, op: wireOp, value: wire } };
}

interface QueryState {
  parent: string;
  collectionId: string;
  allDescendants: boolean;
  filters: WireValue[];
  orderBy: NonNullable<RuntimeQuery["orderBy"]>;
  limit?: number;
  offset?: number;
  limitToLast?: boolean;
  startAt?: RuntimeQuery["startAt"];
  endAt?: RuntimeQuery["endAt"];
}

export class Query {
  constructor(
    protected readonly host: QueryHost,
    protected readonly state: QueryState,
    /** withConverter()'s: the query's snapshots and references carry it. */
    readonly converter: Converter = null,
  ) {}

  private with(change: Partial<QueryState>): Query {
    return new Query(this.host, { ...this.state, ...change }, this.converter);
  }
  withConverter(converter: unknown): Query {
    return new Query(this.host, this.state, converterOf(converter));
  }
  /** A reference to a document the query found, with the query's converter. */
  protected refTo(path: string): SnapshotRef {
    const ref = this.host.doc(path);
    return this.converter ? ref.withConverter(this.converter) : ref;
  }
  private get collectionPath(): string {
    const { parent, collectionId } = this.state;
    return parent ? `${parent}/${collectionId}` : collectionId;
  }

  where(field: string | FieldPath | Filter, op?: string, value?: unknown): Query {
    const wire =
      field instanceof Filter
        ? field.toWire(this.collectionPath)
        : fieldFilter(field, op ?? "", value, this.collectionPath);
    return this.with({ filters: [...this.state.filters, wire] });
  }
  orderBy(field: string | FieldPath, direction: "asc" | "desc" = "asc"): Query {
    const order = {
      field: { fieldPath: FieldPath.from(field).format() },
      direction: direction === "desc" ? ("DESCENDING" as const) : ("ASCENDING" as const),
    };
    return this.with({ orderBy: [...this.state.orderBy, order] });
  }
  limit(n: number): Query {
    return this.with({ limit: n, limitToLast: false });
  }
  limitToLast(n: number): Query {
    return this.with({ limit: n, limitToLast: true });
  }
  offset(n: number): Query {
    return this.with({ offset: n });
  }
  /** The same query of the same collection, refinement for refinement, with the same converter. */
  isEqual(other: Query): boolean {
    return (
      other instanceof Query &&
      other.converter === this.converter &&
      canonical(other.state) === canonical(this.state)
    );
  }
  /** Field selection is not passed on: documents come whole (a superset of what was asked). */
  select(): Query {
    return this;
  }
  startAt(...values: unknown[]): Query {
    return this.with({ startAt: this.cursor(values, true) });
  }
  startAfter(...values: unknown[]): Query {
    return this.with({ startAt: this.cursor(values, false) });
  }
  endAt(...values: unknown[]): Query {
    return this.with({ endAt: this.cursor(values, false) });
  }
  endBefore(...values: unknown[]): Query {
    return this.with({ endAt: this.cursor(values, true) });
  }
  private cursor(values: unknown[], before: boolean) {
    const [first] = values;
    if (first instanceof DocumentSnapshot) {
      // A snapshot stands for its values of the ordered fields, then its name.
      const ordered = this.state.orderBy.map((o) => first.get(o.field.fieldPath));
      return {
        values: [
          ...ordered.map((v, i) => encodeValue(v, `cursor[${i}]`)),
          { referenceValue: documentsRoot() + first.ref.path },
        ],
        before,
      };
    }
    return { values: values.map((v, i) => encodeValue(v, `cursor[${i}]`)), before };
  }

  async get(): Promise<QuerySnapshot> {
    const context = currentContext();
    if (!context.documents.query) {
      throw new Error("unimplemented: this runtime's functions cannot query documents");
    }
    const { filters, limit, offset, limitToLast, startAt, endAt, ...rest } = this.state;
    const where =
      filters.length === 0
        ? undefined
        : filters.length === 1
          ? filters[0]
          : { compositeFilter: { op: "AND", filters } };
    const docs = await context.documents.query({
      ...rest,
      ...(where ? { where } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(offset !== undefined ? { offset } : {}),
      ...(limitToLast ? { limitToLast } : {}),
      ...(startAt ? { startAt } : {}),
      ...(endAt ? { endAt } : {}),
    });
    const refOf = (p: string) => this.host.doc(p);
    return new QuerySnapshot(
      this,
      docs.map((d) => DocumentSnapshot.fromWire(this.refTo(d.name), d, refOf, this.converter)),
    );
  }
  /** `count()`: counted over the documents the query reads (no aggregation pushdown). */
  count(): { get(): Promise<{ data(): { count: number } }> } {
    return {
      get: async () => {
        const { size } = await this.get();
        return { data: () => ({ count: size }) };
      },
    };
  }
}

/** JSON with sorted keys: refinements made in another order store their keys in another order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
