import { sortKey } from "../index/sort-key.js";
import type { DocValue } from "../model/value.js";

/**
 * Composite index keys: the order-preserving keys of the index's fields, concatenated, each
 * inverted when its field is DESCENDING. Single keys are self-terminating (no key is a prefix
 * of another), so `memcmp` on the concatenation orders by the first field, then the second…
 * and inverting one component reverses its order without touching the others.
 *
 * A btree row must stay under a third of a page, so a component longer than
 * `MAX_COMPONENT_BYTES` is cut and closed by `CUT_MARK` (0x00 0x00 never occurs inside a key,
 * so cut components stay prefix-free; values sharing their first bytes tie), and a whole key
 * is cut at `MAX_COMPOSITE_KEY_BYTES`. Ties are resolved by comparing the documents' values,
 * so cutting costs efficiency on huge values, never correctness.
 */
export const MAX_COMPONENT_BYTES = 512;
export const MAX_COMPOSITE_KEY_BYTES = 1536;
const CUT_MARK = [0x00, 0x00];

/** One field's component: its value's key, cut if long, inverted for DESCENDING. */
export function componentKey(value: DocValue, descending: boolean): Buffer {
  let key = sortKey(value);
  if (key.length > MAX_COMPONENT_BYTES)
    key = Buffer.concat([key.subarray(0, MAX_COMPONENT_BYTES), Buffer.from(CUT_MARK)]);
  return descending ? invert(key) : key;
}

export function invert(key: Buffer): Buffer {
  const out = Buffer.allocUnsafe(key.length);
  for (let i = 0; i < key.length; i++) out[i] = 255 - key[i]!;
  return out;
}

/** A stored composite key: the components, cut to the maximum length. */
export function compositeKey(components: readonly Buffer[]): Buffer {
  const key = Buffer.concat(components);
  return key.length > MAX_COMPOSITE_KEY_BYTES ? key.subarray(0, MAX_COMPOSITE_KEY_BYTES) : key;
}

/**
 * The smallest key greater than every key that starts with `prefix`, or undefined when there
 * is none (the prefix is all 0xFF): the exclusive end of a prefix range.
 */
export function prefixEnd(prefix: Buffer): Buffer | undefined {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return undefined;
  const out = Buffer.from(prefix.subarray(0, end));
  out[end - 1]! += 1;
  return out;
}

/**
 * Where a scan starts and stops: keys `>= lower` and `< upper` (either may be absent).
 * Bounds may admit more than a query matches (every document is filtered again), never less.
 */
export interface KeyRange {
  lower?: Buffer;
  upper?: Buffer;
}

/** Both ranges at once: the larger lower bound and the smaller upper bound. */
export function intersect(a: KeyRange, b: KeyRange): KeyRange {
  const lower =
    a.lower && b.lower
      ? Buffer.compare(a.lower, b.lower) >= 0
        ? a.lower
        : b.lower
      : (a.lower ?? b.lower);
  const upper =
    a.upper && b.upper
      ? Buffer.compare(a.upper, b.upper) <= 0
        ? a.upper
        : b.upper
      : (a.upper ?? b.upper);
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

/** The keys that start with `prefix`. */
export function prefixRange(prefix: Buffer): KeyRange {
  if (prefix.length === 0) return {};
  const upper = prefixEnd(prefix);
  return { lower: prefix, ...(upper ? { upper } : {}) };
}

/**
 * A stored key is cut at `maxBytes`; a bound on longer keys is cut too, and an upper bound
 * then rounded up (cutting keeps order, `a <= b` gives `cut(a) <= cut(b)`, so this only widens).
 */
export function cutRange(range: KeyRange, maxBytes: number): KeyRange {
  const { lower, upper } = range;
  const cutLower = lower && lower.length > maxBytes ? lower.subarray(0, maxBytes) : lower;
  const cutUpper =
    upper && upper.length > maxBytes ? prefixEnd(upper.subarray(0, maxBytes)) : upper;
  return { ...(cutLower ? { lower: cutLower } : {}), ...(cutUpper ? { upper: cutUpper } : {}) };
}
