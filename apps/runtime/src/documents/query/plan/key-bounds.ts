import { sortKey, typeKeyRange } from "../../index/sort-key.js";
import {
  componentKey,
  intersect,
  prefixEnd,
  prefixRange,
  type KeyRange,
} from "../../indexes/composite-keys.js";
import type { DocValue } from "../../model/value.js";
import type { Cursor } from "../query-model.js";
import type { SimpleFilter } from "./dnf.js";

/** How an index keys a value: composite components, or whole single-field keys. */
export type Encode = (value: DocValue, descending: boolean) => Buffer;
export const COMPOSITE_ENCODING: Encode = componentKey;
export const SINGLE_FIELD_ENCODING: Encode = (value) => sortKey(value);

/**
 * The keys one field's filters allow, for a field keyed by `encode(value, descending)` after
 * `prefix` (the equality fields before it in a composite key). Range filters keep to their
 * value's type, as Firestore's do; `!=`, `not-in` and `is not …` do not narrow.
 */
export function filterRange(
  prefix: Buffer,
  filters: readonly SimpleFilter[],
  descending: boolean,
  encode: Encode,
): KeyRange {
  const equalRange = (value: DocValue) =>
    prefixRange(Buffer.concat([prefix, encode(value, descending)]));
  let range = prefixRange(prefix);
  for (const f of filters) {
    if (f.kind === "unary") {
      if (f.op === "IS_NULL") range = intersect(range, equalRange({ type: "null" }));
      if (f.op === "IS_NAN") range = intersect(range, equalRange({ type: "double", value: NaN }));
      continue;
    }
    const v = f.value;
    switch (f.op) {
      case "EQUAL":
      case "ARRAY_CONTAINS":
        range = intersect(range, equalRange(v));
        break;
      case "GREATER_THAN":
      case "GREATER_THAN_OR_EQUAL":
      case "LESS_THAN":
      case "LESS_THAN_OR_EQUAL":
        range = intersect(range, typeRange(prefix, v, descending));
        range = intersect(range, comparisonRange(encode(v, descending), prefix, f.op, descending));
        break;
      default:
    }
  }
  return range;
}

function typeRange(prefix: Buffer, value: DocValue, descending: boolean): KeyRange {
  const { lower, upper } = typeKeyRange(value);
  // Inverted, [lower, upper) becomes (inv(upper), inv(lower)]: one-byte keys, so +1 is exact.
  const [lo, hi] = descending
    ? [Buffer.from([256 - upper[0]!]), Buffer.from([256 - lower[0]!])]
    : [lower, upper];
  return { lower: Buffer.concat([prefix, lo]), upper: Buffer.concat([prefix, hi]) };
}

/**
 * `field op value` as keys. Ascending, the values `> v` are the keys past every key starting
 * with key(v); descending (inverted keys) the same values lie below key(v).
 */
function comparisonRange(
  key: Buffer,
  prefix: Buffer,
  op: "GREATER_THAN" | "GREATER_THAN_OR_EQUAL" | "LESS_THAN" | "LESS_THAN_OR_EQUAL",
  descending: boolean,
): KeyRange {
  const at = Buffer.concat([prefix, key]);
  const past = prefixEnd(at);
  const keyIsAbove = (op === "GREATER_THAN" || op === "GREATER_THAN_OR_EQUAL") !== descending;
  const inclusive = op === "GREATER_THAN_OR_EQUAL" || op === "LESS_THAN_OR_EQUAL";
  if (keyIsAbove) {
    const lower = inclusive ? at : past;
    // No key lies past an all-0xFF one: the empty range.
    return lower ? { lower } : { lower: at, upper: at };
  }
  const upper = inclusive ? past : at;
  return upper ? { upper } : {};
}

/**
 * A query cursor as keys, for a scan whose keys follow the query's order (composite keys
 * inverted where the order descends). `components` are the keys of the cursor's leading values
 * that the index holds, in order; when it holds fewer than the cursor has, the bound includes
 * the whole prefix (the rest is checked document by document).
 */
export function cursorRange(
  prefix: Buffer,
  cursor: Cursor,
  components: readonly Buffer[],
  side: "start" | "end",
): KeyRange {
  if (components.length === 0) return {};
  const at = Buffer.concat([prefix, ...components]);
  const past = prefixEnd(at);
  const exact = components.length === cursor.values.length;
  // startAt / endBefore carry before = true: the cursor position itself is at the start.
  const includeAt = !exact || (side === "start") === cursor.before;
  if (side === "start") {
    const lower = includeAt ? at : past;
    return lower ? { lower } : { lower: at, upper: at };
  }
  const upper = includeAt ? past : at;
  return upper ? { upper } : {};
}
