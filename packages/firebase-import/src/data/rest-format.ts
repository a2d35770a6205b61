// Format 1: Firestore REST `Document` JSON (`{name, fields, createTime?, updateTime?}`), as a
// `{"documents": […]}` object (the runtime's `winky-export/1` has this shape), a bare array,
// or one document per NDJSON line. Values are REST `Value` JSON, read as strictly as the
// runtime's wire decoder reads a client's write.
import { describeKind, type JsonMember, type JsonObject, type JsonValue } from "../json-node.js";
import { DataProblem, elementFieldPath, readFieldMap, parseDocumentName } from "./checks.js";
import type { DataFields, DataValue } from "./data-value.js";
import { enterNesting, referenceFrom, type DataReading, type DocumentScope } from "./reading.js";
import { decodeBase64, hasLoneSurrogate, parseInt64, parseTimestamp } from "./scalars.js";

const ROOT_KEYS = ["documents", "format", "project", "exportedAt", "nextPageToken"];
const DOCUMENT_KEYS = ["name", "fields", "createTime", "updateTime"];

/** Reads a whole `.json` file already known to be format 1 (an array, or has `documents`). */
export function readRestFile(root: JsonValue, file: string, reading: DataReading): void {
  if (root.kind === "array") {
    root.items.forEach((item, i) => readRestDocument(item, i, file, reading, undefined));
    return;
  }
  if (root.kind !== "object") return; // the caller only sends arrays and objects
  let project: string | undefined;
  for (const { key, keyPosition, value } of root.members) {
    if (!ROOT_KEYS.includes(key)) {
      reading.fileProblem(file, keyPosition, "not-understood", `unknown top-level key "${key}"`);
    } else if (key === "format" && !(value.kind === "string" && value.value === "winky-export/1")) {
      const detail = `"format" must be "winky-export/1"; this reader knows no other version`;
      return reading.fileProblem(file, value.position, "not-understood", detail);
    } else if (key === "project" && value.kind === "string") project = value.value;
  }
  const documents = root.members.find((m) => m.key === "documents")?.value;
  if (documents?.kind !== "array") {
    const detail = `"documents" must be a list of documents, not ${documents ? describeKind(documents) : "missing"}`;
    return reading.fileProblem(file, (documents ?? root).position, "not-understood", detail);
  }
  documents.items.forEach((item, i) => readRestDocument(item, i, file, reading, project));
}

/** Reads one document; `index` names it when it has no usable name. */
export function readRestDocument(
  node: JsonValue,
  index: number,
  file: string,
  reading: DataReading,
  fileProject: string | undefined,
): void {
  const scope: DocumentScope = { file, foreign: [] };
  let label = `document ${index + 1}`;
  try {
    if (node.kind !== "object") {
      throw new DataProblem(
        node.position,
        "",
        `a document must be an object, not ${describeKind(node)}`,
      );
    }
    const nameNode = node.members.find((m) => m.key === "name")?.value;
    if (nameNode?.kind !== "string") {
      throw new DataProblem(
        node.position,
        "",
        `a document needs "name": a path such as "users/u1"`,
      );
    }
    label = nameNode.value;
    const name = parseDocumentName(nameNode.value);
    if (typeof name === "string") throw new DataProblem(nameNode.position, "", name);
    label = name.path;
    const seen = new Set<string>();
    for (const { key, keyPosition } of node.members) {
      if (!DOCUMENT_KEYS.includes(key)) {
        throw new DataProblem(keyPosition, "", `unknown document key "${key}"`, "not-understood");
      }
      if (seen.has(key)) throw new DataProblem(keyPosition, "", `"${key}" is given twice`);
      seen.add(key);
    }
    if (name.project !== undefined && name.database !== undefined) {
      scope.home = { project: name.project, database: name.database };
    } else if (fileProject !== undefined) {
      scope.home = { project: fileProject, database: "(default)" };
    }
    const fieldsNode = node.members.find((m) => m.key === "fields")?.value;
    const fields = fieldsNode === undefined ? new Map() : decodeFieldMap(fieldsNode, "", 0, scope);
    reading.addDocument(name.path, fields, node.position, scope);
  } catch (e) {
    if (!(e instanceof DataProblem)) throw e;
    reading.rejectDocument(file, label, e);
  }
}

function decodeFieldMap(
  node: JsonValue,
  path: string,
  depth: number,
  scope: DocumentScope,
): DataFields {
  if (node.kind !== "object") {
    throw new DataProblem(
      node.position,
      path,
      `"fields" must be an object, not ${describeKind(node)}`,
    );
  }
  return readFieldMap(node.members, path, (value, fieldPath) =>
    decodeValue(value, fieldPath, depth, scope),
  );
}

/** One REST `Value`; `depth` counts the maps and arrays around it. */
function decodeValue(
  node: JsonValue,
  path: string,
  depth: number,
  scope: DocumentScope,
): DataValue {
  if (node.kind !== "object" || node.members.length !== 1) {
    throw new DataProblem(node.position, path, `expected one value such as {"stringValue": "…"}`);
  }
  const { key, value: body } = node.members[0] as JsonMember;
  const bad = (what: string): never => {
    throw new DataProblem(body.position, path, `${key}: ${what}`);
  };
  switch (key) {
    case "nullValue":
      if (body.kind !== "null" && !(body.kind === "string" && body.value === "NULL_VALUE"))
        bad("must be null");
      return { type: "null" };
    case "booleanValue":
      return body.kind === "boolean"
        ? { type: "boolean", value: body.value }
        : bad("must be true or false");
    case "integerValue":
      return { type: "integer", value: decodeInteger(body, bad) };
    case "doubleValue":
      return { type: "double", value: decodeDouble(body, bad) };
    case "timestampValue": {
      const instant = body.kind === "string" ? parseTimestamp(body.value) : "must be RFC 3339 text";
      return typeof instant === "string" ? bad(instant) : { type: "timestamp", ...instant };
    }
    case "stringValue":
      if (body.kind !== "string") return bad("must be text");
      if (hasLoneSurrogate(body.value)) bad("the text is not valid Unicode (lone surrogate)");
      return { type: "string", value: body.value };
    case "bytesValue": {
      const bytes = body.kind === "string" ? decodeBase64(body.value) : "must be base64 text";
      return typeof bytes === "string" ? bad(bytes) : { type: "bytes", value: bytes };
    }
    case "referenceValue":
      if (body.kind !== "string") return bad("must be a document name");
      return referenceFrom(body.value, body.position, path, scope);
    case "geoPointValue":
      return decodeGeoPoint(body, bad);
    case "arrayValue": {
      const inner = enterNesting(depth, node.position, path);
      const values = onlyMember(body, "values", bad);
      if (values === undefined) return { type: "array", values: [] };
      if (values.kind !== "array") return bad(`"values" must be a list`);
      return {
        type: "array",
        values: values.items.map((item, i) => {
          const decoded = decodeValue(item, elementFieldPath(path, i), inner, scope);
          if (decoded.type === "array") bad("an array cannot directly contain an array");
          return decoded;
        }),
      };
    }
    case "mapValue": {
      const inner = enterNesting(depth, node.position, path);
      const fields = onlyMember(body, "fields", bad);
      return {
        type: "map",
        fields: fields ? decodeFieldMap(fields, path, inner, scope) : new Map(),
      };
    }
    default:
      throw new DataProblem(
        node.position,
        path,
        `"${key}" is not a Firestore value type`,
        "not-understood",
      );
  }
}

function decodeInteger(body: JsonValue, bad: (what: string) => never): bigint {
  if (body.kind === "string") {
    const value = parseInt64(body.value);
    return typeof value === "string" ? bad(value) : value;
  }
  // Past 2^53 a JSON number has already lost digits: the value written is unknowable.
  if (body.kind === "number" && Number.isSafeInteger(body.value)) return BigInt(body.value);
  return bad("must be an integer as text (a JSON number only up to 2^53)");
}

function decodeDouble(body: JsonValue, bad: (what: string) => never): number {
  if (body.kind === "number") return body.value;
  if (body.kind === "string") {
    const special: Record<string, number> = {
      NaN: NaN,
      Infinity: Infinity,
      "-Infinity": -Infinity,
      "-0": -0,
    };
    if (body.value in special) return special[body.value] as number;
    // proto3 JSON also takes a double as numeric text.
    if (/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(body.value)) return Number(body.value);
  }
  return bad('must be a number, or "NaN", "Infinity", "-Infinity"');
}

function decodeGeoPoint(body: JsonValue, bad: (what: string) => never): DataValue {
  if (body.kind !== "object") return bad(`must be an object like {"latitude": 0, "longitude": 0}`);
  let latitude = 0; // proto3 JSON leaves out zero fields
  let longitude = 0;
  for (const { key, value } of body.members) {
    if (value.kind !== "number" || (key !== "latitude" && key !== "longitude"))
      bad(`unexpected "${key}"`);
    else if (key === "latitude") latitude = value.value;
    else longitude = value.value;
  }
  if (!(latitude >= -90 && latitude <= 90)) bad(`latitude ${latitude} is not in [-90, 90]`);
  if (!(longitude >= -180 && longitude <= 180)) bad(`longitude ${longitude} is not in [-180, 180]`);
  return { type: "geopoint", latitude, longitude };
}

/** The body of an arrayValue/mapValue: an object with at most the one key allowed. */
function onlyMember(
  body: JsonValue,
  key: string,
  bad: (what: string) => never,
): JsonValue | undefined {
  if (body.kind !== "object") return bad(`must be an object like {"${key}": …}`);
  const extra = (body as JsonObject).members.find((m) => m.key !== key);
  if (extra) bad(`unexpected "${extra.key}"`);
  return body.members.find((m) => m.key === key)?.value;
}
