/** Methods of timestamps, durations, latlngs and paths (reference §8). */
import { arg, badArgument, expectArity } from "./args.js";
import { nullary, type Method, type MethodTable } from "./method-table.js";
import { civilFromDays, daysFromCivil, makeDuration, SECONDS_PER_DAY } from "./time.js";
import { RFloat, RLatLng, RMap, RPath, RTimestamp, type RDuration, type Value } from "./value.js";

/** Calendar fields of a timestamp in UTC. */
function fields(t: RTimestamp) {
  const days = Math.floor(t.seconds / SECONDS_PER_DAY);
  const secondOfDay = t.seconds - days * SECONDS_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  return { days, secondOfDay, year, month, day };
}

export const TIMESTAMP_METHODS: MethodTable<RTimestamp> = new Map<string, Method<RTimestamp>>([
  ["date", nullary((t: RTimestamp) => new RTimestamp(t.seconds - fields(t).secondOfDay, 0))],
  ["year", nullary((t: RTimestamp) => fields(t).year)],
  ["month", nullary((t: RTimestamp) => fields(t).month)],
  ["day", nullary((t: RTimestamp) => fields(t).day)],
  ["hours", nullary((t: RTimestamp) => Math.floor(fields(t).secondOfDay / 3600))],
  ["minutes", nullary((t: RTimestamp) => Math.floor((fields(t).secondOfDay % 3600) / 60))],
  ["seconds", nullary((t: RTimestamp) => fields(t).secondOfDay % 60)],
  ["nanos", nullary((t: RTimestamp) => t.nanos)],
  // ISO numbering, as the docs give it: Monday is 1, Sunday is 7. 1970-01-01 was a Thursday (4).
  ["dayOfWeek", nullary((t: RTimestamp) => ((((fields(t).days + 3) % 7) + 7) % 7) + 1)],
  [
    "dayOfYear",
    nullary((t: RTimestamp) => {
      const f = fields(t);
      return f.days - daysFromCivil(f.year, 1, 1) + 1;
    }),
  ],
  ["time", nullary((t: RTimestamp) => makeDuration(fields(t).secondOfDay, t.nanos))],
  ["toMillis", nullary((t: RTimestamp) => t.seconds * 1000 + Math.floor(t.nanos / 1_000_000))],
]);

export const DURATION_METHODS: MethodTable<RDuration> = new Map<string, Method<RDuration>>([
  ["seconds", nullary((d: RDuration) => d.seconds)],
  ["nanos", nullary((d: RDuration) => d.nanos)],
]);

/**
 * Earth's mean radius in metres as Google's S2 geometry library defines it
 * (`S2Earth::RadiusMeters()`); production's `distance()` is not pinned by any observation, and
 * S2 is what Google's geo code uses. It differs from the round 6,371 km by 1.6 ppm.
 */
export const EARTH_RADIUS_METERS = 6_371_010;

const RAD = Math.PI / 180;

/** Great-circle distance in metres by the haversine formula (well-conditioned at short range). */
export function haversineMeters(a: RLatLng, b: RLatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const LATLNG_METHODS: MethodTable<RLatLng> = new Map<string, Method<RLatLng>>([
  ["latitude", nullary((p: RLatLng) => new RFloat(p.lat))],
  ["longitude", nullary((p: RLatLng) => new RFloat(p.lng))],
  [
    "distance",
    (p, args, fn) => {
      expectArity(fn, args, 1);
      const other = arg(fn, args, 0, (v): v is RLatLng => v instanceof RLatLng, "latlng");
      return new RFloat(haversineMeters(p, other));
    },
  ],
]);

/** `{name}` or `{name=**}`: a placeholder segment as written in `path('users/{uid}')`. */
const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)(=\*\*)?\}$/;

/**
 * `p.bind(map)`: replaces each placeholder segment `{name}` (or `{name=**}`, whose value may
 * span several segments) with the map's string (or int) value for `name`, and records the
 * bindings on the result. Production: `path('users/{uid}').bind({'uid': 'alice'}) ==
 * path('users/alice')`. Placeholders the map does not mention stay as they are; map entries
 * no placeholder mentions are ignored.
 */
function bind(p: RPath, args: readonly Value[], fn: string): RPath {
  expectArity(fn, args, 1);
  const values = arg(fn, args, 0, (v): v is RMap => v instanceof RMap, "map");
  const segments: string[] = [];
  const bindings = new Map(p.bindings);
  for (const segment of p.segments) {
    const m = PLACEHOLDER.exec(segment);
    const name = m?.[1];
    const value = name === undefined ? undefined : values.entries.get(name);
    if (name === undefined || value === undefined) {
      segments.push(segment);
      continue;
    }
    if (typeof value !== "string" && typeof value !== "number") {
      return badArgument(fn, 0, `string value for '${name}'`, value);
    }
    const text = String(value);
    if (m?.[2]) segments.push(...text.split("/").filter((s) => s !== ""));
    else segments.push(text);
    bindings.set(name, text);
  }
  return new RPath(segments, bindings);
}

export const PATH_METHODS: MethodTable<RPath> = new Map<string, Method<RPath>>([["bind", bind]]);
