import type { DocValue } from "../model/value.js";

/**
 * Order-preserving byte keys for Firestore values: for any two values, comparing their keys
 * byte by byte (`Buffer.compare`) gives the same order as Firestore's comparator, across types.
 * Every encoding is self-terminating, so keys concatenate into composite keys, and inverting
 * every byte of a key gives descending order.
 */

// Type tags in Firestore's cross-type order. Gaps leave room; 0x00 ends arrays and maps, and
// 0x01 opens each map entry.
const TAG = {
  null: 0x10,
  false: 0x20,
  true: 0x21,
  nan: 0x30,
  number: 0x31,
  timestamp: 0x40,
  string: 0x50,
  bytes: 0x60,
  reference: 0x70,
  geopoint: 0x80,
  array: 0x90,
  map: 0xa0,
} as const;
const END = 0x00;

/** The ascending key of a value. */
export function sortKey(value: DocValue): Buffer {
  const out: number[] = [];
  encode(value, out);
  return Buffer.from(out);
}

/**
 * The keys of every value of `value`'s type (numbers: ints, doubles and NaN together), as a
 * range `[lower, upper)`: type tags are laid out so each type owns one high nibble.
 */
export function typeKeyRange(value: DocValue): { lower: Buffer; upper: Buffer } {
  const tag = sortKey(value)[0]! & 0xf0;
  return { lower: Buffer.from([tag]), upper: Buffer.from([tag + 0x10]) };
}

/** The descending key: every byte inverted, which reverses the order of self-terminating keys. */
export function descendingKey(value: DocValue): Buffer {
  const key = sortKey(value);
  for (let i = 0; i < key.length; i++) key[i] = 255 - key[i]!;
  return key;
}

function encode(value: DocValue, out: number[]): void {
  switch (value.type) {
    case "null":
      out.push(TAG.null);
      return;
    case "boolean":
      out.push(value.value ? TAG.true : TAG.false);
      return;
    case "integer":
      encodeNumber(value.value, out);
      return;
    case "double":
      if (Number.isNaN(value.value)) out.push(TAG.nan);
      else encodeNumber(value.value, out);
      return;
    case "timestamp":
      out.push(TAG.timestamp);
      pushUint64(BigInt.asUintN(64, value.seconds + (1n << 63n)), out);
      pushUint32(value.nanos, out);
      return;
    case "string":
      out.push(TAG.string);
      pushEscaped(Buffer.from(value.value, "utf8"), out);
      return;
    case "bytes":
      out.push(TAG.bytes);
      pushEscaped(value.value, out);
      return;
    case "reference":
      out.push(TAG.reference);
      // Segment by segment, each closed by 0x00 0x02; the path closes with 0x00 0x01, so a
      // path sorts before its descendants and segments compare as strings.
      for (const segment of value.value.split("/")) {
        pushEscaped(Buffer.from(segment, "utf8"), out, 0x02);
      }
      out.push(0x00, 0x01);
      return;
    case "geopoint":
      out.push(TAG.geopoint);
      pushDouble(value.latitude, out);
      pushDouble(value.longitude, out);
      return;
    case "array":
      out.push(TAG.array);
      for (const element of value.values) encode(element, out);
      out.push(END);
      return;
    case "map": {
      out.push(TAG.map);
      const keys = [...value.fields.keys()].sort(compareUtf8);
      for (const key of keys) {
        // 0x01 opens an entry, so the end marker is never a prefix of an entry (even key "").
        out.push(0x01);
        pushEscaped(Buffer.from(key, "utf8"), out);
        encode(value.fields.get(key)!, out);
      }
      out.push(END);
    }
  }
}

/**
 * Integers and doubles share one order. The key is the double nearest the number, then how far
 * the exact integer lies from it (0 for doubles): exact for every int64 and every double, and
 * 5 and 5.0 get the same key, as Firestore treats them as equal.
 */
function encodeNumber(n: bigint | number, out: number[]): void {
  out.push(TAG.number);
  if (typeof n === "number") {
    pushDouble(n === 0 ? 0 : n, out); // -0 sorts and compares as 0
    out.push(0x80, 0x00);
    return;
  }
  const nearest = Number(n);
  pushDouble(nearest, out);
  // |n - nearest| ≤ 1024 for int64; offset so that negative differences sort first.
  const diff = Number(n - BigInt(nearest)) + 0x8000;
  out.push(diff >> 8, diff & 0xff);
}

function pushDouble(d: number, out: number[]): void {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(d);
  // Positive: flip the sign bit; negative: invert all bits. Then unsigned order is numeric order.
  if ((bytes[0]! & 0x80) !== 0) for (let i = 0; i < 8; i++) bytes[i] = 255 - bytes[i]!;
  else bytes[0] = bytes[0]! | 0x80;
  for (const b of bytes) out.push(b);
}

function pushUint64(n: bigint, out: number[]): void {
  for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((n >> shift) & 0xffn));
}

function pushUint32(n: number, out: number[]): void {
  out.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** Bytes with 0x00 escaped as 0x00 0xFF, closed by 0x00 `close`: self-terminating, order kept. */
function pushEscaped(bytes: Uint8Array, out: number[], close = 0x01): void {
  for (const b of bytes) {
    if (b === 0x00) out.push(0x00, 0xff);
    else out.push(b);
  }
  out.push(0x00, close);
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
