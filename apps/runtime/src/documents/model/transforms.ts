/**
 * Firestore's field transforms (REST `FieldTransform`): server timestamp, increment, maximum,
 * minimum, array union and array remove. Each maps the field's current value (or its absence)
 * to its new value; `applyUpdate` places them in a document.
 */
import { compareValues, valuesEqual } from "./compare.js";
import { DocumentValueError } from "./errors.js";
import { INT64_MAX, INT64_MIN, isNumeric, type DocValue } from "./value.js";

/** A transform of one field. */
export type Transform =
  | { kind: "serverTimestamp" }
  /** `operand` is an integer or a double. */
  | { kind: "increment"; operand: DocValue }
  | { kind: "maximum"; operand: DocValue }
  | { kind: "minimum"; operand: DocValue }
  | { kind: "arrayUnion"; elements: DocValue[] }
  | { kind: "arrayRemove"; elements: DocValue[] };

/** What transforms need from the request. */
export interface TransformContext {
  /** The commit time, which `serverTimestamp` writes; required when one is applied. */
  requestTime?: { seconds: bigint; nanos: number };
}

/** Sets the field to the request's time. */
export function serverTimestamp(): Transform {
  return { kind: "serverTimestamp" };
}

/**
 * Adds `by` to the field. A JS number is an integer operand when it is a safe integer (and
 * not -0), else a double, as Firebase's JS SDK sends it; a bigint is an integer.
 */
export function increment(by: number | bigint): Transform {
  return { kind: "increment", operand: numberOperand(by) };
}

/** Sets the field to the larger of itself and `value` (REST `maximum`; no SDK method). */
export function maximum(value: number | bigint): Transform {
  return { kind: "maximum", operand: numberOperand(value) };
}

/** Sets the field to the smaller of itself and `value` (REST `minimum`; no SDK method). */
export function minimum(value: number | bigint): Transform {
  return { kind: "minimum", operand: numberOperand(value) };
}

/** Appends each element not already present (by `valuesEqual`), in order. */
export function arrayUnion(elements: DocValue[]): Transform {
  return { kind: "arrayUnion", elements };
}

/** Removes every element equal (by `valuesEqual`) to one of `elements`. */
export function arrayRemove(elements: DocValue[]): Transform {
  return { kind: "arrayRemove", elements };
}

function numberOperand(n: number | bigint): DocValue {
  if (typeof n === "bigint") return { type: "integer", value: n };
  return Number.isSafeInteger(n) && !Object.is(n, -0)
    ? { type: "integer", value: BigInt(n) }
    : { type: "double", value: n };
}

/**
 * The field's value after `transform`, given its current value (`undefined` when absent).
 * `fieldPath` is only for error messages.
 *
 * - increment: integer + integer stays an integer and saturates at the int64 bounds; if
 *   either is a double both are added as doubles; a missing or non-numeric field becomes the
 *   operand.
 * - maximum / minimum: a missing or non-numeric field becomes the operand; NaN on either side
 *   gives NaN; on a tie (3 and 3.0, 0 and -0) the stored value stays.
 * - arrayUnion / arrayRemove: a missing or non-array field counts as `[]`; 3 and 3.0, NaN and
 *   NaN are equal.
 *
 * @throws DocumentValueError (at `fieldPath`) for a non-numeric increment/maximum/minimum
 * operand or an array element that is itself an array.
 * @throws TypeError for `serverTimestamp` without `context.requestTime`.
 */
export function applyTransform(
  current: DocValue | undefined,
  transform: Transform,
  context: TransformContext = {},
  fieldPath = "",
): DocValue {
  switch (transform.kind) {
    case "serverTimestamp": {
      // A programming error, not a client's: every write path has a request time to pass.
      if (!context.requestTime) throw new TypeError("serverTimestamp needs context.requestTime");
      const { seconds, nanos } = context.requestTime;
      return { type: "timestamp", seconds, nanos };
    }
    case "increment":
    case "maximum":
    case "minimum": {
      const operand = transform.operand;
      if (!isNumeric(operand)) {
        throw new DocumentValueError(
          fieldPath,
          `invalid ${transform.kind} at ${fieldPath}: the operand must be an integer or a double`,
        );
      }
      if (current === undefined || !isNumeric(current)) return operand;
      if (transform.kind === "increment") return add(current, operand);
      return pick(current, operand, transform.kind);
    }
    case "arrayUnion": {
      checkElements(transform.elements, transform.kind, fieldPath);
      const result = current?.type === "array" ? [...current.values] : [];
      for (const element of transform.elements) {
        if (!result.some((v) => valuesEqual(v, element))) result.push(element);
      }
      return { type: "array", values: result };
    }
    case "arrayRemove": {
      checkElements(transform.elements, transform.kind, fieldPath);
      const values = current?.type === "array" ? current.values : [];
      return {
        type: "array",
        values: values.filter((v) => !transform.elements.some((e) => valuesEqual(v, e))),
      };
    }
  }
}

type NumberValue = Extract<DocValue, { type: "integer" | "double" }>;

function add(a: NumberValue, b: NumberValue): DocValue {
  if (a.type === "integer" && b.type === "integer") {
    const sum = a.value + b.value;
    // Firestore documents saturation rather than wrap-around or an error.
    const clamped = sum > INT64_MAX ? INT64_MAX : sum < INT64_MIN ? INT64_MIN : sum;
    return { type: "integer", value: clamped };
  }
  return { type: "double", value: Number(a.value) + Number(b.value) };
}

function pick(stored: NumberValue, operand: NumberValue, kind: "maximum" | "minimum"): DocValue {
  if (isNaNValue(stored)) return stored;
  if (isNaNValue(operand)) return operand;
  // Neither is NaN now, so Firestore's order is plain numeric order (3 ties with 3.0).
  const c = compareValues(operand, stored);
  return (kind === "maximum" ? c > 0 : c < 0) ? operand : stored;
}

function isNaNValue(v: NumberValue): boolean {
  return v.type === "double" && Number.isNaN(v.value);
}

function checkElements(elements: DocValue[], kind: string, fieldPath: string): void {
  if (elements.some((e) => e.type === "array")) {
    throw new DocumentValueError(
      fieldPath,
      `invalid ${kind} at ${fieldPath}: an array cannot directly contain an array`,
    );
  }
}
