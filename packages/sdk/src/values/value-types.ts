/**
 * The value classes documents hold besides JSON's own: {@link Timestamp} and {@link GeoPoint}.
 */
import { invalidArgument } from "../errors.js";

// Firestore's range: 0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59.999999999Z.
const MIN_SECONDS = -62135596800;
const MAX_SECONDS = 253402300799;

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * A point in time with nanosecond precision, as Firestore stores it: whole seconds since the
 * Unix epoch plus 0..999,999,999 nanoseconds. Documents read back timestamps as this class
 * (a `Date` written to a document also reads back as a `Timestamp`, as in Firebase).
 *
 * @example
 * ```ts
 * const t = Timestamp.fromDate(new Date("2024-05-01T12:00:00Z"));
 * t.seconds; // 1714564800
 * t.toDate().toISOString(); // "2024-05-01T12:00:00.000Z"
 * ```
 */
export class Timestamp {
  /**
   * @throws WinkyError invalid-argument for non-integer parts, nanoseconds outside
   *   0..999,999,999, or a time outside 0001-01-01..9999-12-31.
   */
  constructor(
    readonly seconds: number,
    readonly nanoseconds: number,
  ) {
    if (!Number.isInteger(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      throw invalidArgument(`Timestamp seconds ${seconds} is outside 0001-01-01..9999-12-31`);
    }
    if (!Number.isInteger(nanoseconds) || nanoseconds < 0 || nanoseconds > 999_999_999) {
      throw invalidArgument(`Timestamp nanoseconds ${nanoseconds} is outside 0..999999999`);
    }
  }

  /** The current time, by the local clock. */
  static now(): Timestamp {
    return Timestamp.fromMillis(Date.now());
  }

  /** @throws WinkyError invalid-argument for an invalid `Date`. */
  static fromDate(date: Date): Timestamp {
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw invalidArgument("Timestamp.fromDate(): the Date is invalid");
    return Timestamp.fromMillis(ms);
  }

  static fromMillis(ms: number): Timestamp {
    const seconds = Math.floor(ms / 1000);
    const nanos = Math.round((ms - seconds * 1000) * 1_000_000);
    // Rounding a fraction of 999.9999995 ms or more carries into the next second.
    return nanos === 1_000_000_000 ? new Timestamp(seconds + 1, 0) : new Timestamp(seconds, nanos);
  }

  /** A `Date`; digits past the millisecond are dropped, as `Date` cannot hold them. */
  toDate(): Date {
    return new Date(this.toMillis());
  }

  toMillis(): number {
    return this.seconds * 1000 + Math.floor(this.nanoseconds / 1_000_000);
  }

  isEqual(other: Timestamp): boolean {
    return this.seconds === other.seconds && this.nanoseconds === other.nanoseconds;
  }

  /** The parts, as Firebase's `Timestamp.toJSON()` gives them. */
  toJSON(): { seconds: number; nanoseconds: number } {
    return { seconds: this.seconds, nanoseconds: this.nanoseconds };
  }

  toString(): string {
    return `Timestamp(seconds=${this.seconds}, nanoseconds=${this.nanoseconds})`;
  }

  /**
   * A string that sorts as the timestamps do, so `<` and `>` compare timestamps as Firebase's
   * do. Seconds are offset to stay positive and padded to a fixed width.
   */
  valueOf(): string {
    const seconds = String(this.seconds - MIN_SECONDS).padStart(12, "0");
    return `${seconds}.${String(this.nanoseconds).padStart(9, "0")}`;
  }
}

/** RFC 3339 in UTC with all nine fraction digits (none when they are all zero). */
export function formatTimestamp(t: Timestamp): string {
  // toISOString writes years 0–9999 as four digits; its fraction is always .000 here.
  const whole = new Date(t.seconds * 1000).toISOString().slice(0, 19);
  const fraction = t.nanoseconds === 0 ? "" : `.${String(t.nanoseconds).padStart(9, "0")}`;
  return `${whole}${fraction}Z`;
}

/**
 * Parses RFC 3339 text (what the runtime sends for `timestampValue`, `updateTime`, …).
 * Done by hand: `Date.parse` drops digits past milliseconds and reads years 0–99 as 19xx.
 *
 * @throws WinkyError invalid-argument for text that is not RFC 3339.
 */
export function parseTimestamp(text: string): Timestamp {
  const m = RFC3339.exec(text);
  if (!m) throw invalidArgument(`${JSON.stringify(text)} is not an RFC 3339 timestamp`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const offset = m[8] ? (m[8] === "-" ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10]) * 60) : 0;
  const nanos = Number((m[7] ?? "").padEnd(9, "0"));
  return new Timestamp(date.getTime() / 1000 - offset, nanos);
}

/**
 * A latitude/longitude pair, stored as Firestore's `geoPointValue`.
 *
 * @example
 * ```ts
 * await setDoc(db.doc("places/eiffel"), { at: new GeoPoint(48.8584, 2.2945) });
 * ```
 */
export class GeoPoint {
  /** @throws WinkyError invalid-argument for a latitude outside [-90, 90] or a longitude outside [-180, 180]. */
  constructor(
    readonly latitude: number,
    readonly longitude: number,
  ) {
    if (typeof latitude !== "number" || !(latitude >= -90 && latitude <= 90)) {
      throw invalidArgument(`GeoPoint latitude ${latitude} is not a number in [-90, 90]`);
    }
    if (typeof longitude !== "number" || !(longitude >= -180 && longitude <= 180)) {
      throw invalidArgument(`GeoPoint longitude ${longitude} is not a number in [-180, 180]`);
    }
  }

  isEqual(other: GeoPoint): boolean {
    return this.latitude === other.latitude && this.longitude === other.longitude;
  }

  toJSON(): { latitude: number; longitude: number } {
    return { latitude: this.latitude, longitude: this.longitude };
  }
}
