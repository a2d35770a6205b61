import { invalidArgument } from "../../errors/runtime-error.js";
import { parseFieldPath } from "../model/field-path.js";
import { getField } from "../model/update.js";
import {
  doubleValue,
  integerValue,
  nullValue,
  type DocFields,
  type DocValue,
} from "../model/value.js";

export type Aggregation =
  | { alias: string; kind: "count"; upTo: number | undefined }
  | { alias: string; kind: "sum" | "avg"; field: string[] };

/** At most five aggregations per request, as in Firestore. */
export const MAX_AGGREGATIONS = 5;

/**
 * Reads `aggregations` of a `runAggregationQuery` body (Firestore's REST shape).
 *
 * @throws RuntimeError invalid-argument naming the aggregation.
 */
export function parseAggregations(raw: unknown): Aggregation[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_AGGREGATIONS) {
    throw invalidArgument(
      `structuredAggregationQuery.aggregations: give 1 to ${MAX_AGGREGATIONS} aggregations`,
    );
  }
  const aliases = new Set<string>();
  return raw.map((a: Record<string, unknown> | null, i) => {
    const where = `structuredAggregationQuery.aggregations[${i}]`;
    const alias = typeof a?.alias === "string" && a.alias ? a.alias : `field_${i + 1}`;
    if (aliases.has(alias)) throw invalidArgument(`${where}.alias: '${alias}' is used twice`);
    aliases.add(alias);
    if (a?.count !== undefined) {
      const upTo = (a.count as { upTo?: unknown } | null)?.upTo;
      if (upTo !== undefined && (typeof upTo !== "number" || !Number.isInteger(upTo) || upTo < 1)) {
        throw invalidArgument(`${where}.count.upTo: expected a whole number ≥ 1`);
      }
      return { alias, kind: "count", upTo: upTo as number | undefined };
    }
    for (const kind of ["sum", "avg"] as const) {
      if (a?.[kind] === undefined) continue;
      const path = ((a[kind] as { field?: { fieldPath?: unknown } }).field ?? {}).fieldPath;
      if (typeof path !== "string")
        throw invalidArgument(`${where}.${kind}.field.fieldPath: expected a field path`);
      return { alias, kind, field: parseFieldPath(path) };
    }
    throw invalidArgument(`${where}: expected one of count, sum, avg`);
  });
}

/**
 * Firestore's aggregation semantics over the documents a query returned: `count`; `sum` of the
 * numeric values (an integer while every term is an integer and it fits int64, else a double);
 * `avg` of the numeric values as a double, or null when there are none. Non-numeric values are
 * ignored.
 */
export function aggregate(
  aggregations: Aggregation[],
  docs: readonly DocFields[],
): Record<string, DocValue> {
  const result: Record<string, DocValue> = {};
  for (const a of aggregations) {
    if (a.kind === "count") {
      result[a.alias] = integerValue(
        a.upTo === undefined ? docs.length : Math.min(docs.length, a.upTo),
      );
      continue;
    }
    let intSum = 0n;
    let floatSum = 0;
    let allInts = true;
    let n = 0;
    for (const doc of docs) {
      const v = getField(doc, a.field);
      if (v?.type === "integer") intSum += v.value;
      else if (v?.type === "double") {
        allInts = false;
        floatSum += v.value;
      } else continue;
      n++;
    }
    const total = Number(intSum) + floatSum;
    const fitsInt = intSum >= -(2n ** 63n) && intSum < 2n ** 63n;
    if (a.kind === "sum")
      result[a.alias] = allInts && fitsInt ? integerValue(intSum) : doubleValue(total);
    else result[a.alias] = n === 0 ? nullValue() : doubleValue(total / n);
  }
  return result;
}
