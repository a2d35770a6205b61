// Documents read from the export, as the rules engine sees them: the same conversion the
// runtime makes from its stored values, so a sample request is judged as a real one would be.
import { RFloat, RLatLng, RMap, RPath, RTimestamp, type Value } from "@winky/rules";
import type { DataFields, DataValue } from "../data/index.js";

export function fieldsToRules(fields: DataFields): RMap {
  return new RMap(new Map([...fields].map(([key, value]) => [key, valueToRules(value)])));
}

function valueToRules(value: DataValue): Value {
  switch (value.type) {
    case "null":
      return null;
    case "boolean":
    case "string":
      return value.value;
    case "integer":
      // Rules integers are doubles underneath; int64 extremes lose precision there as well.
      return Number(value.value);
    case "double":
      return new RFloat(value.value);
    case "timestamp":
      return new RTimestamp(Number(value.seconds), value.nanos);
    case "bytes":
      return value.value;
    case "reference":
      return new RPath(["databases", "(default)", "documents", ...value.path.split("/")]);
    case "geopoint":
      return new RLatLng(value.latitude, value.longitude);
    case "array":
      return value.values.map(valueToRules);
    case "map":
      return fieldsToRules(value.fields);
  }
}
