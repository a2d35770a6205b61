/** The public surface of the values layer: representation, operators, methods, built-ins. */
export {
  RDuration,
  RFloat,
  RLatLng,
  RMap,
  RMapDiff,
  RPath,
  RSet,
  RTimestamp,
  typeOf,
  type TypeName,
  type Value,
} from "./value.js";
export { fail, isRulesEvalError, RulesEvalError, type SourceLocation } from "./errors.js";
export { compareValues, makeSet, valueKey, valuesEqual } from "./equality.js";
export {
  add,
  contains,
  divide,
  index,
  isKnownTypeName,
  isType,
  modulo,
  multiply,
  negate,
  not,
  slice,
  subtract,
} from "./operators.js";
export { callMethod, hasMethod } from "./methods.js";
export { callGlobal, isGlobalFunction } from "./namespaces.js";
export { formatValue } from "./format.js";
export { fromPlainJson, parseJsonPreservingFloats, toValue } from "./from-json.js";
export { formatTimestamp, parseTimestamp } from "./time.js";
