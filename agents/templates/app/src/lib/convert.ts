import { GeoPoint, Timestamp } from "@winky/sdk";

/**
 * Reading stored values leniently: a document written by an older version of the app, or by
 * hand, still renders. Writing goes through the generated `…CreateData`/`…UpdateData`.
 */
export function asString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export function asOptionalString(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export function asNumber(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "bigint") return Number(value);
  return null;
}

export function asBoolean(value: unknown): boolean {
  return value === true;
}

export function asStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function asDate(value: unknown): Date | null {
  if (value instanceof Timestamp) return value.toDate();
  if (value instanceof Date) return value;
  return null;
}

export function asGeo(value: unknown): { latitude: number; longitude: number } | null {
  return value instanceof GeoPoint
    ? { latitude: value.latitude, longitude: value.longitude }
    : null;
}

/** A Date as the datetime-local input shows it, in local time: YYYY-MM-DDTHH:MM. */
export function toDateTimeLocal(date: Date | null): string {
  if (!date) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** What the datetime-local input gave, as a Timestamp (local time). */
export function fromDateTimeLocal(value: string): Timestamp {
  return Timestamp.fromDate(new Date(value));
}

export function toGeoPoint(value: { latitude: number | null; longitude: number | null }): GeoPoint {
  return new GeoPoint(value.latitude ?? 0, value.longitude ?? 0);
}

/** A date for people: "3 Mar 2030" (and the time when asked). */
export function formatDate(date: Date | null, withTime = false): string {
  if (!date) return "";
  return date.toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
  });
}
