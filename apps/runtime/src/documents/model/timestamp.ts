/**
 * RFC 3339 text ↔ Firestore timestamps. Written by hand rather than with `Date.parse`, which
 * drops digits past milliseconds, accepts formats RFC 3339 does not, and reads years 0–99 as
 * 1900–1999. `Date` is still used for the calendar arithmetic, where it is exact.
 */
import { MAX_TIMESTAMP_SECONDS, MIN_TIMESTAMP_SECONDS } from "./value.js";

/** A UTC instant: seconds since the epoch and 0..999,999,999 nanoseconds. */
export interface Instant {
  seconds: bigint;
  nanos: number;
}

// date T time [.fraction] (Z | ±hh:mm); RFC 3339 allows lower-case t and z too.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 timestamp with up to nine fraction digits and a `Z` or `±hh:mm` offset.
 * Returns the instant, or a short reason it was rejected (not a date, not a real calendar day,
 * outside 0001-01-01..9999-12-31 UTC).
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
  const fraction = m[7] ?? "";
  const offsetSign = m[8] === "-" ? -1 : 1;
  const offsetHours = Number(m[9] ?? 0);
  const offsetMinutes = Number(m[10] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return "the date does not exist";
  }
  // Second 60 (a leap second) is refused: protobuf timestamps have no representation for it.
  if (hour > 23 || minute > 59 || second > 59) return "the time of day is out of range";
  if (offsetHours > 23 || offsetMinutes > 59) return "the UTC offset is out of range";
  const local = civilSeconds(year, month, day) + hour * 3600 + minute * 60 + second;
  const seconds = local - offsetSign * (offsetHours * 3600 + offsetMinutes * 60);
  if (seconds < MIN_TIMESTAMP_SECONDS_N || seconds > MAX_TIMESTAMP_SECONDS_N) {
    return "it is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z";
  }
  return { seconds: BigInt(seconds), nanos: Number(fraction.padEnd(9, "0")) };
}

/**
 * Formats an instant in UTC (`Z`) with the shortest of 0, 3, 6 or 9 fraction digits that
 * holds it exactly, as Firestore does: `2024-05-01T12:00:00Z`, `…:00.120Z`, `…:00.000001Z`.
 * @throws RangeError for an instant outside 0001-01-01..9999-12-31.
 */
export function formatTimestamp(instant: Instant): string {
  const { seconds, nanos } = instant;
  if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) {
    throw new RangeError(`timestamp seconds ${seconds} is outside 0001-01-01..9999-12-31`);
  }
  // Whole seconds within ±2.6e11 are exact as milliseconds in a double (< 2^53).
  const date = new Date(Number(seconds) * 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  const text =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${text}${fractionDigits(nanos)}Z`;
}

function fractionDigits(nanos: number): string {
  if (nanos === 0) return "";
  const nine = String(nanos).padStart(9, "0");
  if (nanos % 1_000_000 === 0) return `.${nine.slice(0, 3)}`;
  if (nanos % 1000 === 0) return `.${nine.slice(0, 6)}`;
  return `.${nine}`;
}

const MIN_TIMESTAMP_SECONDS_N = Number(MIN_TIMESTAMP_SECONDS);
const MAX_TIMESTAMP_SECONDS_N = Number(MAX_TIMESTAMP_SECONDS);

/** Seconds from the epoch to midnight UTC starting the given proleptic Gregorian day. */
function civilSeconds(year: number, month: number, day: number): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 literally.
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / 1000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
