/**
 * Runtime values of the rules language. Chosen for speed on the hot path: JS primitives where
 * the language's type maps onto one, small classes elsewhere.
 *
 * | rules type | representation |
 * | --- | --- |
 * | null | `null` |
 * | bool | `boolean` |
 * | int | `number` (always an integer; results outside ±2^53 are errors) |
 * | float | `RFloat` (so that `1.0 is float` and `1 is int` stay apart) |
 * | string | `string` |
 * | bytes | `Uint8Array` |
 * | list | `readonly Value[]` |
 * | map | `RMap` (own string keys only, insertion order kept, `keys()` sorts) |
 * | set | `RSet` |
 * | path | `RPath` |
 * | timestamp | `RTimestamp` |
 * | duration | `RDuration` |
 * | latlng | `RLatLng` |
 * | MapDiff | `RMapDiff` |
 */
export type Value =
  | null
  | boolean
  | number
  | RFloat
  | string
  | Uint8Array
  | readonly Value[]
  | RMap
  | RSet
  | RPath
  | RTimestamp
  | RDuration
  | RLatLng
  | RMapDiff
  | RConstraint;

export class RFloat {
  constructor(readonly value: number) {}
}

export class RMap {
  constructor(readonly entries: ReadonlyMap<string, Value>) {}
  static of(record: Record<string, Value>): RMap {
    return new RMap(new Map(Object.entries(record)));
  }
}

/** A set keeps its items in first-seen order, deduplicated by rules equality. */
export class RSet {
  constructor(readonly items: readonly Value[]) {}
}

/**
 * A path: its segments (already decoded) and, for paths built from a pattern with `$(…)` or
 * from a match, named bindings readable as `p.name` / `p['name']`.
 */
export class RPath {
  constructor(
    readonly segments: readonly string[],
    readonly bindings: ReadonlyMap<string, string> = new Map(),
  ) {}
  toString(): string {
    return `/${this.segments.join("/")}`;
  }
}

/** UTC instant with nanosecond precision: whole seconds since the epoch plus 0..999,999,999 ns. */
export class RTimestamp {
  constructor(
    readonly seconds: number,
    readonly nanos: number,
  ) {}
}

/** Signed duration; `seconds` and `nanos` carry the same sign (or zero). */
export class RDuration {
  constructor(
    readonly seconds: number,
    readonly nanos: number,
  ) {}
}

export class RLatLng {
  constructor(
    readonly lat: number,
    readonly lng: number,
  ) {}
}

/** `a.diff(b)`: the receiver `a` (usually the new data) compared with `b` (the old). */
export class RMapDiff {
  constructor(
    readonly left: RMap,
    readonly right: RMap,
  ) {}
}

/** One end of a range a query puts on a field. */
export interface Bound {
  value: Value;
  inclusive: boolean;
}

/**
 * What a list query's filters say about one field of every document it could return: a range,
 * values it cannot be, values its array contains. Comparisons against it succeed only when
 * they hold for every such document ("rules are not filters"); anything else is an error.
 */
export class RConstraint {
  constructor(
    /** The field, as the query names it (`owner`, `address.city`). */
    readonly field: string,
    readonly lower: Bound | undefined,
    readonly upper: Bound | undefined,
    readonly excluded: readonly Value[],
    readonly contains: readonly Value[],
  ) {}
}

/** The language's names for types, as `is` tests and error messages use them. */
export type TypeName =
  | "null"
  | "bool"
  | "int"
  | "float"
  | "string"
  | "bytes"
  | "list"
  | "map"
  | "set"
  | "path"
  | "timestamp"
  | "duration"
  | "latlng"
  | "map_diff"
  | "constraint";

export function typeOf(value: Value): TypeName {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "number":
      return "int";
    case "string":
      return "string";
  }
  if (Array.isArray(value)) return "list";
  if (value instanceof RFloat) return "float";
  if (value instanceof RMap) return "map";
  if (value instanceof Uint8Array) return "bytes";
  if (value instanceof RSet) return "set";
  if (value instanceof RPath) return "path";
  if (value instanceof RTimestamp) return "timestamp";
  if (value instanceof RDuration) return "duration";
  if (value instanceof RLatLng) return "latlng";
  if (value instanceof RConstraint) return "constraint";
  return "map_diff";
}
