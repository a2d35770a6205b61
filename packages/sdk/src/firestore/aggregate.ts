/**
 * Aggregation queries (`documents:runAggregationQuery`): count, sum and average computed by the
 * runtime over a query's results, without downloading the documents.
 */
import { fromWireValue } from "../values/decode.js";
import { formatFieldPath, parseFieldPath } from "../values/field-path.js";
import type { WireFields } from "../values/wire.js";
import type { Query } from "./references.js";
import { toQueryBody } from "./structured-query.js";

/**
 * One aggregation, made by {@link count}, {@link sum} or {@link average}.
 *
 * @example
 * ```ts
 * const spec = { orders: count(), revenue: sum("total") };
 * ```
 */
export class AggregateField<T> {
  /** @internal Phantom: the type of the result. */
  declare readonly _result: T;

  /** @internal Use the factory functions. */
  constructor(
    readonly aggregateType: "count" | "sum" | "avg",
    /** @internal The field, for sum and average. */
    readonly field?: string[],
  ) {}
}

/**
 * Named aggregations, as {@link getAggregateFromServer} takes them.
 * @example `const spec: AggregateSpec = { n: count(), mean: average("rating") };`
 */
export type AggregateSpec = Record<string, AggregateField<unknown>>;

/**
 * The results of an {@link AggregateSpec}, by the same names.
 * @example `AggregateSpecData<{ n: AggregateField<number> }>` is `{ n: number }`.
 */
export type AggregateSpecData<T extends AggregateSpec> = {
  [K in keyof T]: T[K] extends AggregateField<infer R> ? R : never;
};

/**
 * The answer of an aggregation query.
 *
 * @example
 * ```ts
 * const { n, mean } = (await getAggregateFromServer(q, { n: count(), mean: average("x") })).data();
 * ```
 */
export class AggregateQuerySnapshot<T extends AggregateSpec> {
  /** @internal */
  constructor(
    readonly query: Query,
    private readonly values: AggregateSpecData<T>,
  ) {}

  /** The results by alias, e.g. `{ count: 3, total: 42 }`. */
  data(): AggregateSpecData<T> {
    return { ...this.values };
  }
}

/** The number of documents. @example `getAggregateFromServer(q, { n: count() })` */
export function count(): AggregateField<number> {
  return new AggregateField("count");
}

/**
 * The sum of the field's numeric values (others are ignored); 0 for none.
 * @example `getAggregateFromServer(q, { total: sum("price") })`
 */
export function sum(fieldPath: string): AggregateField<number> {
  return new AggregateField("sum", parseFieldPath(fieldPath, "sum()"));
}

/**
 * The mean of the field's numeric values (others are ignored); null when there are none.
 * @example `getAggregateFromServer(q, { mean: average("rating") })`
 */
export function average(fieldPath: string): AggregateField<number | null> {
  return new AggregateField("avg", parseFieldPath(fieldPath, "average()"));
}

/**
 * Counts the documents a query matches.
 *
 * @example
 * ```ts
 * const snap = await getCountFromServer(query(db.collection("posts"), where("draft", "==", false)));
 * snap.data().count; // 42
 * ```
 * @throws WinkyError permission-denied when the rules refuse the query.
 */
export function getCountFromServer(
  q: Query,
): Promise<AggregateQuerySnapshot<{ count: AggregateField<number> }>> {
  return getAggregateFromServer(q, { count: count() });
}

/**
 * Computes up to five aggregations over a query's documents.
 *
 * @example
 * ```ts
 * const snap = await getAggregateFromServer(db.collection("orders"), {
 *   orders: count(),
 *   revenue: sum("total"),
 *   basket: average("total"),
 * });
 * const { orders, revenue, basket } = snap.data();
 * ```
 * @throws WinkyError invalid-argument for more than five aggregations, permission-denied when
 *   the rules refuse the query.
 */
export async function getAggregateFromServer<T extends AggregateSpec>(
  q: Query,
  spec: T,
): Promise<AggregateQuerySnapshot<T>> {
  const { parent, structuredQuery } = toQueryBody(q);
  const aggregations = Object.entries(spec).map(([alias, a]) =>
    a.aggregateType === "count"
      ? { alias, count: {} }
      : { alias, [a.aggregateType]: { field: { fieldPath: formatFieldPath(a.field!) } } },
  );
  const answer = await q.db.http.request<{ result?: { aggregateFields?: WireFields } }>(
    "/documents:runAggregationQuery",
    {
      method: "POST",
      body: {
        ...(parent ? { parent } : {}),
        structuredAggregationQuery: { structuredQuery, aggregations },
      },
      authenticated: true,
    },
  );
  const fields = answer.result?.aggregateFields ?? {};
  const values: Record<string, unknown> = {};
  for (const alias of Object.keys(spec)) {
    const wire = fields[alias];
    const value = wire === undefined ? null : fromWireValue(wire, q.db);
    // Results are numbers, as in Firebase, even a sum past 2^53 that decodes as a bigint.
    values[alias] = typeof value === "bigint" ? Number(value) : value;
  }
  return new AggregateQuerySnapshot(q, values as AggregateSpecData<T>);
}
