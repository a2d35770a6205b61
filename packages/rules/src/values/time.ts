/**
 * Calendar and clock arithmetic for timestamps and durations. Everything is integer seconds plus
 * nanoseconds kept in separate JS numbers: a nanosecond count since the epoch would need ~68
 * bits, far past what a JS number holds exactly, and BigInt would slow the hot path.
 */
import { fail } from "./errors.js";
import { RDuration, RTimestamp } from "./value.js";

export const NANOS_PER_SECOND = 1_000_000_000;
export const SECONDS_PER_DAY = 86_400;

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the protobuf Timestamp range Firestore uses. */
export const MIN_TIMESTAMP_SECONDS = -62_135_596_800;
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799;

/** ±10,000 years, the documented range of `duration.seconds()`. */
export const MAX_DURATION_SECONDS = 315_576_000_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). The classic era/year-of-era
 * decomposition: exact integer arithmetic, valid for any year, no `Date` (whose two-digit-year
 * quirks would bite for years 1–99).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of `daysFromCivil`: `[year, month (1–12), day (1–31)]`. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A timestamp from possibly unnormalised parts; out of the 0001–9999 range is an error. */
export function makeTimestamp(seconds: number, nanos: number): RTimestamp {
  const carry = Math.floor(nanos / NANOS_PER_SECOND);
  const s = seconds + carry;
  const n = nanos - carry * NANOS_PER_SECOND;
  if (!(s >= MIN_TIMESTAMP_SECONDS && s <= MAX_TIMESTAMP_SECONDS)) fail("timestamp out of range");
  return new RTimestamp(s, n);
}

/**
 * A duration from possibly unnormalised parts, normalised so that seconds and nanos share a
 * sign (the protobuf Duration convention `RDuration` documents); beyond ±10,000 years fails.
 */
export function makeDuration(seconds: number, nanos: number): RDuration {
  let s = seconds + Math.trunc(nanos / NANOS_PER_SECOND);
  let n = nanos % NANOS_PER_SECOND;
  if (s > 0 && n < 0) {
    s -= 1;
    n += NANOS_PER_SECOND;
  } else if (s < 0 && n > 0) {
    s += 1;
    n -= NANOS_PER_SECOND;
  }
  if (!(Math.abs(s) <= MAX_DURATION_SECONDS)) fail("duration out of range");
  // Avoid -0, which would print oddly and is not a distinct value.
  return new RDuration(s === 0 ? 0 : s, n === 0 ? 0 : n);
}

/** Nanosecond fraction as RFC 3339 text: "", ".5", ".123456" or ".000000001" style (3/6/9). */
function fraction(nanos: number): string {
  if (nanos === 0) return "";
  let digits = String(nanos).padStart(9, "0");
  while (digits.endsWith("000")) digits = digits.slice(0, -3);
  return `.${digits}`;
}

/** RFC 3339 in UTC, e.g. `2025-01-01T00:00:00Z` or `…T00:00:00.250Z`. */
export function formatTimestamp(t: RTimestamp): string {
  const days = Math.floor(t.seconds / SECONDS_PER_DAY);
  const secOfDay = t.seconds - days * SECONDS_PER_DAY;
  const [y, m, d] = civilFromDays(days);
  const p2 = (x: number) => String(x).padStart(2, "0");
  const hh = p2(Math.floor(secOfDay / 3600));
  const mm = p2(Math.floor((secOfDay % 3600) / 60));
  const ss = p2(secOfDay % 60);
  return `${String(y).padStart(4, "0")}-${p2(m)}-${p2(d)}T${hh}:${mm}:${ss}${fraction(t.nanos)}Z`;
}

/** A duration as seconds with a fraction: `3s`, `-1.5s`, `0.000000001s`. */
export function formatDuration(d: RDuration): string {
  const negative = d.seconds < 0 || d.nanos < 0;
  return `${negative ? "-" : ""}${Math.abs(d.seconds)}${fraction(Math.abs(d.nanos))}s`;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 timestamp keeping all nine fraction digits (`Date` would keep three).
 * Returns undefined for text that is not one, so callers choose their own error.
 */
export function parseTimestamp(text: string): RTimestamp | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const nanos = m[7] ? Number(m[7].padEnd(9, "0")) : 0;
  let offset = 0;
  if (m[9]) {
    const sign = m[9] === "-" ? -1 : 1;
    offset = sign * (Number(m[10]) * 3600 + Number(m[11]) * 60);
  }
  const seconds =
    daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  try {
    return makeTimestamp(seconds - offset, nanos);
  } catch {
    return undefined;
  }
}
