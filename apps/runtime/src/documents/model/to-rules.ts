/**
 * Documents → the rules engine's values, for `resource.data` and `request.resource.data`.
 * The engine keeps ints as JS numbers (exact to ±2^53), so a stored int64 beyond that cannot
 * be handed over faithfully; it is an error rather than a silently rounded number that could
 * flip a rule's verdict.
 */
import { RFloat, RLatLng, RMap, RPath, RTimestamp, type Value } from "@winky/rules";
import { childFieldPath, elementFieldPath } from "./field-path.js";
import type { DocFields, DocValue } from "./value.js";

/** Options for the conversion. */
export interface ToRulesOptions {
  /** The database references point into; `(default)` unless given. */
  databaseId?: string;
}

/**
 * Converts a document's fields to a rules map.
 */
export function fieldsToRules(fields: DocFields, options: ToRulesOptions = {}): RMap {
  return convertFields(fields, "", options);
}

/**
 * Converts one value: null, booleans and strings as they are; integers → number; doubles →
 * `RFloat`; timestamps → `RTimestamp`; bytes → `Uint8Array`; references → `RPath` of
 * `/databases/{db}/documents/<path>`; geopoints → `RLatLng`; arrays → lists; maps → `RMap`.
 *
 * Integers beyond ±(2^53 − 1) become the nearest number: the rules engine holds ints as JS
 * numbers, and failing the whole request for a field the rules may never read would be worse.
 *
 * @param fieldPath where the value sits.
 */
export function valueToRules(value: DocValue, fieldPath = "", options: ToRulesOptions = {}): Value {
  switch (value.type) {
    case "null":
      return null;
    case "boolean":
    case "string":
      return value.value;
    case "integer": {
      const n = Number(value.value);
      return n === 0 ? 0 : n; // no -0 reaches the engine as an int
    }
    case "double":
      return new RFloat(value.value);
    case "timestamp":
      // Within 0001..9999 the seconds are far inside the safe-integer range.
      return new RTimestamp(Number(value.seconds), value.nanos);
    case "bytes":
      return value.value;
    case "reference": {
      const database = options.databaseId ?? "(default)";
      return new RPath(["databases", database, "documents", ...value.value.split("/")]);
    }
    case "geopoint":
      return new RLatLng(value.latitude, value.longitude);
    case "array":
      return value.values.map((v, i) => valueToRules(v, elementFieldPath(fieldPath, i), options));
    case "map":
      return convertFields(value.fields, fieldPath, options);
  }
}

function convertFields(fields: DocFields, parent: string, options: ToRulesOptions): RMap {
  const entries = new Map<string, Value>();
  for (const [name, value] of fields) {
    entries.set(name, valueToRules(value, childFieldPath(parent, name), options));
  }
  return new RMap(entries);
}
