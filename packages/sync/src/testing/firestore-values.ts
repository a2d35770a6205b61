/**
 * Checks a REST `Value` the way Firestore's JSON parser does, closely enough to catch a
 * malformed write in a test: exactly one value field, of the right JSON type, and references
 * only into the database being written. Answers the problem, or undefined when it is valid.
 */
export function invalidValue(value: unknown, root: string, at: string): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${at}: a Value must be an object`;
  }
  const entries = Object.entries(value);
  if (entries.length !== 1) return `${at}: a Value must have exactly one field`;
  const [kind, v] = entries[0]!;
  const string = typeof v === "string";
  switch (kind) {
    case "nullValue":
      return v === null || v === "NULL_VALUE" ? undefined : `${at}: bad nullValue`;
    case "booleanValue":
      return typeof v === "boolean" ? undefined : `${at}: bad booleanValue`;
    case "integerValue":
      return (string && /^-?\d+$/.test(v)) || Number.isInteger(v)
        ? undefined
        : `${at}: bad integerValue`;
    case "doubleValue":
      return typeof v === "number" || (string && /^(NaN|-?Infinity|-?[\d.e+-]+)$/.test(v))
        ? undefined
        : `${at}: bad doubleValue`;
    case "timestampValue":
      return string && !Number.isNaN(Date.parse(v)) ? undefined : `${at}: bad timestampValue`;
    case "stringValue":
      return string ? undefined : `${at}: bad stringValue`;
    case "bytesValue":
      return string && /^[A-Za-z0-9+/=_-]*$/.test(v) ? undefined : `${at}: bad bytesValue`;
    case "referenceValue":
      return string && v.startsWith(`${root}/`)
        ? undefined
        : `${at}: Document reference must be in this database (${root}), got '${String(v)}'`;
    case "geoPointValue":
      return isObject(v) && typeof v.latitude === "number" && typeof v.longitude === "number"
        ? undefined
        : `${at}: bad geoPointValue`;
    case "arrayValue": {
      if (!isObject(v)) return `${at}: bad arrayValue`;
      const values = v.values ?? [];
      if (!Array.isArray(values)) return `${at}: arrayValue.values must be a list`;
      for (const [i, item] of values.entries()) {
        const problem = invalidValue(item, root, `${at}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    case "mapValue":
      return isObject(v) ? invalidFields(v.fields ?? {}, root, at) : `${at}: bad mapValue`;
    default:
      return `${at}: unknown value kind '${kind}'`;
  }
}

export function invalidFields(fields: unknown, root: string, at: string): string | undefined {
  if (!isObject(fields)) return `${at}: fields must be an object`;
  for (const [name, value] of Object.entries(fields)) {
    const problem = invalidValue(value, root, at ? `${at}.${name}` : name);
    if (problem) return problem;
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
