/** Shorthands for the values tests (not exported from the package). */
import { callMethod } from "./methods.js";
import { callGlobal } from "./namespaces.js";
import { RFloat, RMap, RPath, type Value } from "./value.js";

export const f = (n: number): RFloat => new RFloat(n);
export const m = (record: Record<string, Value>): RMap => RMap.of(record);
export const p = (...segments: string[]): RPath => new RPath(segments);
export const call = (receiver: Value, name: string, ...args: Value[]): Value =>
  callMethod(receiver, name, args);
export const g = (name: string, ...args: Value[]): Value => callGlobal(name, args);
export const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
export const hex = (v: Value): Value => callMethod(v, "toHexString", []);
