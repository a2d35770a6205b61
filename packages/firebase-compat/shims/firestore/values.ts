// firebase-admin's value classes: Timestamp, GeoPoint, FieldValue sentinels and FieldPath,
// with the methods functions commonly call.

const MS_PER_S = 1000;
const NS_PER_MS = 1_000_000;

export class Timestamp {
  constructor(
    readonly seconds: number,
    readonly nanoseconds: number,
  ) {
    if (!Number.isInteger(seconds) || !Number.isInteger(nanoseconds)) {
      throw new TypeError("Timestamp: seconds and nanoseconds must be integers");
    }
    if (nanoseconds < 0 || nanoseconds > 999_999_999) {
      throw new RangeError(`Timestamp: nanoseconds ${nanoseconds} is outside 0..999999999`);
    }
  }
  static now(): Timestamp {
    return Timestamp.fromMillis(Date.now());
  }
  static fromDate(date: Date): Timestamp {
    return Timestamp.fromMillis(date.getTime());
  }
  static fromMillis(ms: number): Timestamp {
    const seconds = Math.floor(ms / MS_PER_S);
    return new Timestamp(seconds, Math.round((ms - seconds * MS_PER_S) * NS_PER_MS));
  }
  /** RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, as the wire form writes it. */
  static parse(text: string): Timestamp {
    const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
    if (!m) throw new RangeError(`not an RFC 3339 timestamp: ${text}`);
    const seconds = Date.parse(`${m[1]}${m[3]}`) / MS_PER_S;
    return new Timestamp(seconds, Number((m[2] ?? "").padEnd(9, "0")));
  }
  toDate(): Date {
    return new Date(this.toMillis());
  }
  toMillis(): number {
    return this.seconds * MS_PER_S + Math.floor(this.nanoseconds / NS_PER_MS);
  }
  isEqual(other: Timestamp): boolean {
    return other.seconds === this.seconds && other.nanoseconds === this.nanoseconds;
  }
  valueOf(): string {
    return `${String(this.seconds + 62135596800).padStart(12, "0")}.${String(this.nanoseconds).padStart(9, "0")}`;
  }
  toJSON(): { seconds: number; nanoseconds: number } {
    return { seconds: this.seconds, nanoseconds: this.nanoseconds };
  }
  /** The wire form: `2024-05-01T12:00:00.123456789Z`, trailing zero groups dropped. */
  toRfc3339(): string {
    const base = new Date(this.seconds * MS_PER_S).toISOString().slice(0, 19);
    if (this.nanoseconds === 0) return `${base}Z`;
    let fraction = String(this.nanoseconds).padStart(9, "0");
    while (fraction.endsWith("000")) fraction = fraction.slice(0, -3);
    return `${base}.${fraction}Z`;
  }
}

export class GeoPoint {
  constructor(
    readonly latitude: number,
    readonly longitude: number,
  ) {
    if (!(latitude >= -90 && latitude <= 90))
      throw new RangeError("GeoPoint: latitude ∉ [-90, 90]");
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new RangeError("GeoPoint: longitude ∉ [-180, 180]");
    }
  }
  isEqual(other: GeoPoint): boolean {
    return other.latitude === this.latitude && other.longitude === this.longitude;
  }
  toJSON(): { latitude: number; longitude: number } {
    return { latitude: this.latitude, longitude: this.longitude };
  }
}

export type Sentinel =
  | { kind: "serverTimestamp" }
  | { kind: "delete" }
  | { kind: "increment"; operand: number }
  | { kind: "arrayUnion"; elements: unknown[] }
  | { kind: "arrayRemove"; elements: unknown[] };

/** A write-time instruction in place of a value; the writes turn it into a transform. */
export class FieldValue {
  private constructor(readonly sentinel: Sentinel) {}
  static serverTimestamp(): FieldValue {
    return new FieldValue({ kind: "serverTimestamp" });
  }
  static delete(): FieldValue {
    return new FieldValue({ kind: "delete" });
  }
  static increment(n: number): FieldValue {
    return new FieldValue({ kind: "increment", operand: n });
  }
  static arrayUnion(...elements: unknown[]): FieldValue {
    return new FieldValue({ kind: "arrayUnion", elements });
  }
  static arrayRemove(...elements: unknown[]): FieldValue {
    return new FieldValue({ kind: "arrayRemove", elements });
  }
  isEqual(other: FieldValue): boolean {
    return JSON.stringify(other.sentinel) === JSON.stringify(this.sentinel);
  }
}

const DOCUMENT_ID = "__name__";

export class FieldPath {
  readonly segments: string[];
  constructor(...segments: string[]) {
    if (segments.length === 0 || segments.some((s) => typeof s !== "string" || s === "")) {
      throw new TypeError("FieldPath: expected non-empty field names");
    }
    this.segments = segments;
  }
  static documentId(): FieldPath {
    return new FieldPath(DOCUMENT_ID);
  }
  /** `a.b` splits on dots, as update() and where() read a string. */
  static from(path: string | FieldPath): FieldPath {
    return path instanceof FieldPath ? path : new FieldPath(...path.split("."));
  }
  isEqual(other: FieldPath): boolean {
    return other.format() === this.format();
  }
  /** The REST form: simple names as they are, others in backticks (`a.b`.c). */
  format(): string {
    if (this.segments.length === 1 && this.segments[0] === DOCUMENT_ID) return DOCUMENT_ID;
    return this.segments
      .map((s) =>
        /^[A-Za-z_][A-Za-z_0-9]*$/.test(s)
          ? s
          : "`" + s.replace(/\\/g, "\\\\").replace(/`/g, "\\`") + "`",
      )
      .join(".");
  }
  toString(): string {
    return this.format();
  }
}
