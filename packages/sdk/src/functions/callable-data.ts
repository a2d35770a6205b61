/**
 * What a callable function may be sent: JSON. Checked before sending, because
 * `JSON.stringify` would quietly turn a Date into a string, NaN into null and a Map into `{}`,
 * and the function would get data its caller never meant. `undefined` becomes `null`, as
 * Firebase's callables encode it.
 */
import { invalidArgument } from "../errors.js";

/** A value a callable function takes and returns. */
export type CallableData =
  null | boolean | number | string | CallableData[] | { [key: string]: CallableData };

/**
 * @internal `data` as JSON for the call of `name`.
 * @throws WinkyError invalid-argument naming the path of the first value JSON cannot carry
 *   (`data.items[2].when`) and why.
 */
export function toCallableData(data: unknown, name: string): CallableData {
  return encode(data, "data", new Set(), name);
}

function encode(value: unknown, path: string, parents: Set<object>, name: string): CallableData {
  const refuse = (why: string) =>
    invalidArgument(`${name}(): ${path} cannot be sent to a function: ${why}`, { field: path });
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case "boolean":
    case "string":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw refuse(`${value} is not a finite number`);
      return value;
    case "bigint":
      throw refuse("a bigint has no JSON form; send it as a string");
    case "function":
    case "symbol":
      throw refuse(`a ${typeof value} has no JSON form`);
  }
  const object = value as object;
  if (parents.has(object)) throw refuse("it contains itself");
  if (object instanceof Date) throw refuse("a Date has no JSON form; send date.toISOString()");
  parents.add(object);
  try {
    if (Array.isArray(object)) {
      return object.map((item, i) => encode(item, `${path}[${i}]`, parents, name));
    }
    const proto = Object.getPrototypeOf(object) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const kind = (object as { constructor?: { name?: string } }).constructor?.name ?? "object";
      throw refuse(`a ${kind} is not a plain object`);
    }
    const out: { [key: string]: CallableData } = {};
    for (const [key, item] of Object.entries(object)) {
      out[key] = encode(item, `${path}${keyPath(key)}`, parents, name);
    }
    return out;
  } finally {
    parents.delete(object);
  }
}

/** `.key` for identifiers, `["odd key"]` for the rest, so the path reads as JavaScript. */
function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
