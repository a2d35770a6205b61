/**
 * A compact, readable rendering of values for traces, debug logs and error messages. Close to
 * rules syntax where there is one (`[1, 2]`, `{"a": 1}`, `b'\x2A'`), tagged otherwise
 * (`timestamp(…)`, `set([…])`), so a reader can always tell `1` from `1.0` and `"1"`.
 */
import { formatFloat } from "./numbers.js";
import { formatDuration, formatTimestamp } from "./time.js";
import {
  RDuration,
  RFloat,
  RLatLng,
  RMap,
  RMapDiff,
  RPath,
  RSet,
  RTimestamp,
  type Value,
} from "./value.js";

/** Renders a value, e.g. `"alice"`, `42`, `2.0`, `[1, 2]`, `timestamp(2025-01-01T00:00:00Z)`. */
export function formatValue(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
    case "number":
      return String(v);
    case "string":
      return JSON.stringify(v);
  }
  if (v instanceof RFloat) return formatFloat(v.value);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  if (v instanceof RMap) return formatMap(v);
  if (v instanceof Uint8Array) {
    return `b'${Array.from(v, (b) => `\\x${b.toString(16).toUpperCase().padStart(2, "0")}`).join("")}'`;
  }
  if (v instanceof RSet) return `set([${v.items.map(formatValue).join(", ")}])`;
  if (v instanceof RPath) return `path(${v.toString()})`;
  if (v instanceof RTimestamp) return `timestamp(${formatTimestamp(v)})`;
  if (v instanceof RDuration) return `duration(${formatDuration(v)})`;
  if (v instanceof RLatLng) return `latlng(${formatFloat(v.lat)}, ${formatFloat(v.lng)})`;
  if (v instanceof RMapDiff) return `map_diff(${formatMap(v.left)}, ${formatMap(v.right)})`;
  return String(v);
}

function formatMap(m: RMap): string {
  const parts = [...m.entries].map(([k, x]) => `${JSON.stringify(k)}: ${formatValue(x)}`);
  return `{${parts.join(", ")}}`;
}
