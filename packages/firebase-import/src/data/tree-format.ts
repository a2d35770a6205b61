// Format 2: the tree `node-firestore-import-export` writes (`firestore-export`): collections
// under "__collections__", documents keyed by id, fields as plain JSON, and three typed values
// as {"__datatype__": "timestamp" | "geopoint" | "documentReference", "value": …}.
import { describeKind, type JsonObject, type JsonValue, type Position } from "../json-node.js";
import { DataProblem, elementFieldPath, readFieldMap, idProblem } from "./checks.js";
import type { DataFields, DataValue } from "./data-value.js";
import { enterNesting, referenceFrom, type DataReading, type DocumentScope } from "./reading.js";
import { hasLoneSurrogate, parseTimestamp, timestampRangeProblem } from "./scalars.js";

export const COLLECTIONS_KEY = "__collections__";
const DATATYPE_KEY = "__datatype__";

/** Reads a whole `.json` file whose root holds "__collections__". */
export function readTreeFile(root: JsonObject, file: string, reading: DataReading): void {
  for (const { key, keyPosition, value } of root.members) {
    if (key !== COLLECTIONS_KEY) {
      // Fields at the root come from exporting one document, whose path the file does not say.
      const detail = `unexpected top-level key "${key}": only "${COLLECTIONS_KEY}" is read (export the whole database)`;
      reading.fileProblem(file, keyPosition, "not-understood", detail);
    } else readCollections(value, "", file, reading);
  }
}

/** The collections under a document (`parent`), or under the root when `parent` is "". */
function readCollections(
  node: JsonValue,
  parent: string,
  file: string,
  reading: DataReading,
): void {
  if (node.kind !== "object") {
    const detail = `"${COLLECTIONS_KEY}" must be an object of collections, not ${describeKind(node)}`;
    const leftOut = parent === "" ? "nothing is read" : "its subcollections are left out";
    return reading.rejectDocument(
      file,
      parent || file,
      new DataProblem(node.position, "", detail),
      leftOut,
    );
  }
  for (const { key: collectionId, keyPosition, value: collection } of node.members) {
    const collectionPath = parent === "" ? collectionId : `${parent}/${collectionId}`;
    const problem = idProblem(collectionId);
    if (problem !== undefined || collection.kind !== "object") {
      const reason = problem
        ? `collection id ${JSON.stringify(collectionId)}: ${problem}`
        : `a collection must be an object of documents, not ${describeKind(collection)}`;
      const problemAt = new DataProblem(keyPosition, "", reason);
      reading.rejectDocument(file, collectionPath, problemAt, "the collection is left out");
      continue;
    }
    for (const { key: documentId, keyPosition: idPosition, value } of collection.members) {
      readDocument(`${collectionPath}/${documentId}`, documentId, idPosition, value, file, reading);
    }
  }
}

function readDocument(
  path: string,
  id: string,
  idPosition: Position,
  node: JsonValue,
  file: string,
  reading: DataReading,
): void {
  const problem = idProblem(id);
  if (problem !== undefined) {
    const reason = `document id ${JSON.stringify(id)}: ${problem}`;
    const leftOut = "the document and its subcollections are left out";
    return reading.rejectDocument(file, path, new DataProblem(idPosition, "", reason), leftOut);
  }
  if (node.kind !== "object") {
    const reason = `a document must be an object, not ${describeKind(node)}`;
    return reading.rejectDocument(file, path, new DataProblem(node.position, "", reason));
  }
  const own = node.members.filter((m) => m.key !== COLLECTIONS_KEY);
  const children = node.members.find((m) => m.key === COLLECTIONS_KEY)?.value;
  const hasChildren = children?.kind === "object" && children.members.length > 0;
  // The tool writes a parent that does not exist but has subcollections as {} plus its
  // collections; such a node is not created (see README: an empty document is then lost).
  if (own.length > 0 || !hasChildren) {
    const scope: DocumentScope = { file, foreign: [] };
    try {
      const fields = decodeFields({ ...node, members: own }, "", 0, scope);
      reading.addDocument(path, fields, idPosition, scope);
    } catch (e) {
      if (!(e instanceof DataProblem)) throw e;
      reading.rejectDocument(file, path, e);
    }
  }
  // A bad field leaves out only its own document: the subcollections are read either way.
  if (children !== undefined) readCollections(children, path, file, reading);
}

function decodeFields(
  node: JsonObject,
  path: string,
  depth: number,
  scope: DocumentScope,
): DataFields {
  return readFieldMap(node.members, path, (value, fieldPath) =>
    decodeValue(value, fieldPath, depth, scope),
  );
}

function decodeValue(
  node: JsonValue,
  path: string,
  depth: number,
  scope: DocumentScope,
): DataValue {
  switch (node.kind) {
    case "null":
      return { type: "null" };
    case "boolean":
      return { type: "boolean", value: node.value };
    case "string":
      if (hasLoneSurrogate(node.value)) {
        throw new DataProblem(
          node.position,
          path,
          "the text is not valid Unicode (lone surrogate)",
        );
      }
      return { type: "string", value: node.value };
    case "number":
      // As the Firestore SDKs write a JS number: a safe integer is an integer, else a double.
      // JSON cannot tell 2.0 from 2, so an integral double comes back an integer (README).
      return Number.isSafeInteger(node.value) && !Object.is(node.value, -0)
        ? { type: "integer", value: BigInt(node.value) }
        : { type: "double", value: node.value };
    case "array": {
      const inner = enterNesting(depth, node.position, path);
      const values = node.items.map((item, i) => {
        const value = decodeValue(item, elementFieldPath(path, i), inner, scope);
        if (value.type === "array") {
          throw new DataProblem(
            item.position,
            elementFieldPath(path, i),
            "an array cannot directly contain an array",
          );
        }
        return value;
      });
      return { type: "array", values };
    }
    case "object":
      if (node.members.some((m) => m.key === DATATYPE_KEY)) return decodeTyped(node, path, scope);
      return {
        type: "map",
        fields: decodeFields(node, path, enterNesting(depth, node.position, path), scope),
      };
  }
}

/** {"__datatype__": …, "value": …}: the typed values the tool writes. */
function decodeTyped(node: JsonObject, path: string, scope: DocumentScope): DataValue {
  const datatype = node.members.find((m) => m.key === DATATYPE_KEY)?.value;
  const value = node.members.find((m) => m.key === "value")?.value;
  const extra = node.members.find((m) => m.key !== DATATYPE_KEY && m.key !== "value");
  const name = datatype?.kind === "string" ? datatype.value : "";
  const bad = (what: string): never => {
    throw new DataProblem(
      value?.position ?? node.position,
      path,
      `${name || DATATYPE_KEY}: ${what}`,
    );
  };
  if (extra) bad(`unexpected key "${extra.key}" next to "${DATATYPE_KEY}"`);
  if (value === undefined) bad(`"value" is missing`);
  const body = value as JsonValue;
  switch (name) {
    case "timestamp":
      return decodeTimestamp(body, bad);
    case "geopoint": {
      const { _latitude: latitude, _longitude: longitude } = numbersOf(
        body,
        ["_latitude", "_longitude"],
        bad,
      );
      if (!(latitude >= -90 && latitude <= 90)) bad(`latitude ${latitude} is not in [-90, 90]`);
      if (!(longitude >= -180 && longitude <= 180))
        bad(`longitude ${longitude} is not in [-180, 180]`);
      return { type: "geopoint", latitude, longitude };
    }
    case "documentReference":
      if (body.kind !== "string") bad(`the value must be a document path such as "users/u1"`);
      return referenceFrom((body as { value: string }).value, body.position, path, scope);
    default:
      throw new DataProblem(
        (datatype ?? node).position,
        path,
        `unknown ${DATATYPE_KEY} ${datatype?.kind === "string" ? JSON.stringify(name) : describeKind(datatype ?? node)}: ` +
          "only timestamp, geopoint and documentReference are known",
        "not-understood",
      );
  }
}

/** {_seconds, _nanoseconds} as the tool writes, or RFC 3339 text as its import also takes. */
function decodeTimestamp(body: JsonValue, bad: (what: string) => never): DataValue {
  if (body.kind === "string") {
    const instant = parseTimestamp(body.value);
    return typeof instant === "string" ? bad(instant) : { type: "timestamp", ...instant };
  }
  const { _seconds: seconds, _nanoseconds: nanos } = numbersOf(
    body,
    ["_seconds", "_nanoseconds"],
    bad,
  );
  if (!Number.isSafeInteger(seconds)) bad(`_seconds ${seconds} is not an integer`);
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) {
    bad(`_nanoseconds ${nanos} is not an integer in 0..999999999`);
  }
  const range = timestampRangeProblem(BigInt(seconds));
  if (range !== undefined) bad(range);
  return { type: "timestamp", seconds: BigInt(seconds), nanos };
}

/** An object holding exactly the number members `keys`. */
function numbersOf<K extends string>(
  body: JsonValue,
  keys: K[],
  bad: (what: string) => never,
): Record<K, number> {
  const expected = `an object like {${keys.map((k) => `"${k}": 0`).join(", ")}}`;
  if (body.kind !== "object")
    return bad(`the value must be ${expected}, not ${describeKind(body)}`);
  const out: Partial<Record<K, number>> = {};
  for (const { key, value } of body.members) {
    if (!(keys as string[]).includes(key) || value.kind !== "number")
      bad(`the value must be ${expected}`);
    else out[key as K] = value.value;
  }
  const missing = keys.find((k) => out[k] === undefined);
  if (missing !== undefined) bad(`"${missing}" is missing`);
  return out as Record<K, number>;
}
