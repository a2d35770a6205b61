/**
 * Global functions and namespaced functions: conversions (`int`, `float`, `string`, `path`),
 * `math.*`, `timestamp.*`, `duration.*`, `latlng.value`, `hashing.*` (reference §9).
 * Firestore lookups (`get`, `exists`, …) need request context and belong to the evaluator.
 */
import { arg, badArgument, expectArity, functionNotFound, isInt, isString } from "./args.js";
import { fail } from "./errors.js";
import { crc32, crc32c, md5, sha256 } from "./hashing.js";
import { checkedInt, floatToInt, formatFloat, isNumeric, numericValue } from "./numbers.js";
import {
  daysFromCivil,
  daysInMonth,
  makeDuration,
  makeTimestamp,
  SECONDS_PER_DAY,
} from "./time.js";
import { RDuration, RFloat, RLatLng, RPath, type Value } from "./value.js";

type Global = (args: readonly Value[], fn: string) => Value;

/** A one-argument function, with the arity check done. */
function unary(body: (v: Value, fn: string) => Value): Global {
  return (args, fn) => {
    expectArity(fn, args, 1);
    return body(args[0] as Value, fn);
  };
}

function numberArg(fn: string, args: readonly Value[], i: number): number {
  return numericValue(arg(fn, args, i, isNumeric, "int or float"));
}

/** `int(x)`: ints as they are, floats truncated toward zero (`int(2.0) == 2`), decimal strings. */
function toInt(v: Value, fn: string): number {
  if (typeof v === "number") return v;
  if (v instanceof RFloat) return floatToInt(Math.trunc(v.value), fn);
  if (typeof v === "string") {
    if (!/^[+-]?\d+$/.test(v)) fail(`${fn}(): cannot convert ${JSON.stringify(v)} to int.`);
    return checkedInt(Number(v));
  }
  return badArgument(fn, 0, "int, float or string", v);
}

const FLOAT_TEXT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity|NaN)$/;

/** `float(x)`: ints widened (`float(2) == 2.0`), floats as they are, decimal strings parsed. */
function toFloat(v: Value, fn: string): RFloat {
  if (typeof v === "number") return new RFloat(v);
  if (v instanceof RFloat) return v;
  if (typeof v === "string") {
    if (!FLOAT_TEXT.test(v)) fail(`${fn}(): cannot convert ${JSON.stringify(v)} to float.`);
    return new RFloat(Number(v));
  }
  return badArgument(fn, 0, "int, float or string", v);
}

/**
 * `string(x)` for the documented null, bool, int and float (`string(2.0) == "2.0"`), strings
 * themselves, and paths (as `/a/b`; undocumented, but the natural reading).
 */
function toStringValue(v: Value, fn: string): string {
  if (v === null) return "null";
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  if (typeof v === "string") return v;
  if (v instanceof RFloat) return formatFloat(v.value);
  if (v instanceof RPath) return v.toString();
  return badArgument(fn, 0, "null, bool, int, float, string or path", v);
}

/**
 * `path('a/b')`: a path from a string, leading and doubled slashes ignored. A path argument is
 * an error, as production showed (`path(path('users/alice'))` denied).
 */
function toPath(v: Value, fn: string): RPath {
  if (typeof v !== "string") return badArgument(fn, 0, "string", v);
  return new RPath(v.split("/").filter((s) => s !== ""));
}

/** `math.ceil`/`floor`/`round`: an int stays; a float is rounded to an int. */
function rounding(op: (x: number) => number): Global {
  return unary((v, fn) => {
    if (typeof v === "number") return v;
    if (v instanceof RFloat) return floatToInt(op(v.value), fn);
    return badArgument(fn, 0, "int or float", v);
  });
}

/** Half away from zero: `math.round(2.5) == 3`, `math.round(-2.5) == -3`. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

const DURATION_UNIT_SECONDS: ReadonlyMap<string, number> = new Map([
  ["w", 7 * SECONDS_PER_DAY],
  ["d", SECONDS_PER_DAY],
  ["h", 3600],
  ["m", 60],
  ["s", 1],
]);

/** `duration.value(magnitude, unit)` with unit w, d, h, m, s, ms or ns. */
function durationValue(args: readonly Value[], fn: string): RDuration {
  expectArity(fn, args, 2);
  const magnitude = arg(fn, args, 0, isInt, "int");
  const unit = arg(fn, args, 1, isString, "string");
  if (unit === "ms") return makeDuration(Math.trunc(magnitude / 1000), (magnitude % 1000) * 1e6);
  if (unit === "ns") return makeDuration(Math.trunc(magnitude / 1e9), magnitude % 1e9);
  const factor = DURATION_UNIT_SECONDS.get(unit);
  if (factor === undefined) return fail(`${fn}(): unknown unit '${unit}' (w, d, h, m, s, ms, ns).`);
  return makeDuration(checkedInt(magnitude * factor), 0);
}

function timestampDate(args: readonly Value[], fn: string): Value {
  expectArity(fn, args, 3);
  const [y, m, d] = [0, 1, 2].map((i) => arg(fn, args, i, isInt, "int")) as [
    number,
    number,
    number,
  ];
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    fail(`${fn}(): invalid date ${y}-${m}-${d}.`);
  }
  return makeTimestamp(daysFromCivil(y, m, d) * SECONDS_PER_DAY, 0);
}

function hashInput(v: Value, fn: string): Uint8Array {
  if (typeof v === "string") return new TextEncoder().encode(v);
  if (v instanceof Uint8Array) return v;
  return badArgument(fn, 0, "bytes or string", v);
}

const GLOBALS: ReadonlyMap<string, Global> = new Map<string, Global>([
  ["int", unary(toInt)],
  ["float", unary(toFloat)],
  ["string", unary(toStringValue)],
  ["path", unary(toPath)],
  // `bool()` is documented but production answers "Function not found"; it is left out on
  // purpose, as is `math.isInfinite()`.
  ["debug", unary((v) => v)],
  [
    "math.abs",
    unary((v, fn) => {
      if (typeof v === "number") return checkedInt(Math.abs(v));
      if (v instanceof RFloat) return new RFloat(Math.abs(v.value));
      return badArgument(fn, 0, "int or float", v);
    }),
  ],
  ["math.ceil", rounding(Math.ceil)],
  ["math.floor", rounding(Math.floor)],
  ["math.round", rounding(roundHalfAway)],
  [
    "math.pow",
    (args, fn) => {
      expectArity(fn, args, 2);
      return new RFloat(numberArg(fn, args, 0) ** numberArg(fn, args, 1));
    },
  ],
  // A negative argument gives NaN (IEEE), so `math.sqrt(-1) >= 0` is false, as observed.
  ["math.sqrt", unary((v, fn) => new RFloat(Math.sqrt(numberArg(fn, [v], 0))))],
  ["math.isNaN", unary((v, fn) => Number.isNaN(numberArg(fn, [v], 0)))],
  ["timestamp.date", timestampDate],
  [
    "timestamp.value",
    (args, fn) => {
      expectArity(fn, args, 1);
      const ms = arg(fn, args, 0, isInt, "int");
      const seconds = Math.floor(ms / 1000);
      return makeTimestamp(seconds, (ms - seconds * 1000) * 1e6);
    },
  ],
  ["duration.value", durationValue],
  [
    "duration.time",
    (args, fn) => {
      expectArity(fn, args, 4);
      const [h, m, s, ns] = [0, 1, 2, 3].map((i) => arg(fn, args, i, isInt, "int")) as [
        number,
        number,
        number,
        number,
      ];
      return makeDuration(checkedInt(h * 3600 + m * 60 + s), ns);
    },
  ],
  [
    "duration.abs",
    unary((v, fn) => {
      if (!(v instanceof RDuration)) return badArgument(fn, 0, "duration", v);
      return makeDuration(Math.abs(v.seconds), Math.abs(v.nanos));
    }),
  ],
  [
    "latlng.value",
    (args, fn) => {
      expectArity(fn, args, 2);
      const lat = numberArg(fn, args, 0);
      const lng = numberArg(fn, args, 1);
      if (!(lat >= -90 && lat <= 90)) fail(`${fn}(): latitude ${lat} is outside [-90, 90].`);
      if (!(lng >= -180 && lng <= 180)) fail(`${fn}(): longitude ${lng} is outside [-180, 180].`);
      return new RLatLng(lat, lng);
    },
  ],
  ["hashing.crc32", unary((v, fn) => crc32(hashInput(v, fn)))],
  ["hashing.crc32c", unary((v, fn) => crc32c(hashInput(v, fn)))],
  ["hashing.md5", unary((v, fn) => md5(hashInput(v, fn)))],
  ["hashing.sha256", unary((v, fn) => sha256(hashInput(v, fn)))],
]);

/**
 * Calls a global function by its qualified name (`int`, `math.abs`, `hashing.md5`…). Unknown
 * names, including the documented-but-absent `bool` and `math.isInfinite`, fail exactly as
 * production does: "Function not found error: Name: [bool]."
 */
export function callGlobal(qualifiedName: string, args: readonly Value[]): Value {
  const fn = GLOBALS.get(qualifiedName) ?? functionNotFound(qualifiedName);
  return fn(args, qualifiedName);
}

/** Whether `callGlobal` knows `qualifiedName`, for the checker. */
export function isGlobalFunction(qualifiedName: string): boolean {
  return GLOBALS.has(qualifiedName);
}
