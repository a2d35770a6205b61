// The scalar forms that need more than a type check: RFC 3339 timestamps, int64 range, base64.
// The runtime (apps/runtime/src/documents/model) has the same rules, but this package does not
// depend on the runtime, so they are restated here; the tests pin the shared edge cases.

/** Smallest and largest int64. */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range Firestore stores. */
export const MIN_TIMESTAMP_SECONDS = -62_135_596_800n;
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799n;

/** A UTC instant: seconds since the epoch and 0..999,999,999 nanoseconds. */
export interface Instant {
  seconds: bigint;
  nanos: number;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses RFC 3339 text with up to nine fraction digits. Written out rather than `Date.parse`,
 * which drops digits past milliseconds and accepts text RFC 3339 does not. Returns the instant
 * or the reason it was refused.
 */
export function parseTimestamp(text: string): Instant | string {
  const m = RFC3339.exec(text);
  if (!m) return "expected RFC 3339 text like 2024-05-01T12:00:00.123456789Z";
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return "the date does not exist";
  }
  // A leap second (:60) has no protobuf Timestamp form, so Firestore never wrote one.
  if (hour > 23 || minute > 59 || second > 59) return "the time of day is out of range";
  const offsetHours = Number(m[9] ?? 0);
  const offsetMinutes = Number(m[10] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return "the UTC offset is out of range";
  const offset = (m[8] === "-" ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 literally.
  date.setUTCFullYear(year, month - 1, day);
  const seconds = BigInt(date.getTime() / 1000 + hour * 3600 + minute * 60 + second - offset);
  const range = timestampRangeProblem(seconds);
  if (range !== undefined) return range;
  return { seconds, nanos: Number((m[7] ?? "").padEnd(9, "0")) };
}

/** Why seconds fall outside what Firestore stores, or undefined. */
export function timestampRangeProblem(seconds: bigint): string | undefined {
  return seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS
    ? "it is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z"
    : undefined;
}

/**
 * An instant in UTC with the shortest of 0, 3, 6 or 9 fraction digits that holds it exactly,
 * as Firestore and the runtime write timestamps, so an import reads like a runtime export.
 */
export function formatTimestamp(instant: Instant): string {
  const date = new Date(Number(instant.seconds) * 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  const text =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const nine = String(instant.nanos).padStart(9, "0");
  let fraction = "";
  if (instant.nanos % 1_000_000 === 0 && instant.nanos !== 0) fraction = `.${nine.slice(0, 3)}`;
  else if (instant.nanos % 1000 === 0 && instant.nanos !== 0) fraction = `.${nine.slice(0, 6)}`;
  else if (instant.nanos !== 0) fraction = `.${nine}`;
  return `${text}${fraction}Z`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** An int64 from decimal text, or the reason it is not one. */
export function parseInt64(text: string): bigint | string {
  if (!/^-?\d+$/.test(text)) return `${JSON.stringify(text)} is not an integer`;
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) return `${text} is outside the int64 range`;
  return value;
}

// proto3 JSON takes standard and URL-safe base64, padded or not.
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/** Decodes base64 strictly: Buffer alone skips characters it does not know. */
export function decodeBase64(text: string): Uint8Array | string {
  const unpadded = text.replace(/=+$/, "");
  const valid =
    BASE64.test(text) &&
    unpadded.length % 4 !== 1 &&
    (unpadded.length === text.length || text.length % 4 === 0);
  if (!valid) return "the text is not valid base64";
  const buffer = Buffer.from(unpadded.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return new Uint8Array(buffer); // a copy: small Buffers are views into a shared pool
}

/** Standard padded base64, what the runtime writes. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** The length of `text` in UTF-8 bytes (a lone surrogate counts as U+FFFD would). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** True when `text` holds a surrogate that is not part of a pair: it has no UTF-8 form. */
export function hasLoneSurrogate(text: string): boolean {
  // With the u flag a well-formed pair is one code point, so only lone halves match.
  return /\p{Cs}/u.test(text);
}
