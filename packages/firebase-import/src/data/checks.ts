// Firestore's rules for names and paths, and the error a bad value raises while a document is
// decoded. Decoders throw `DataProblem`; the reader catches it per document, so one bad value
// leaves out its document and never stops the file.
import type { JsonMember, Position } from "../json-node.js";
import type { DataFields, DataValue } from "./data-value.js";
import type { Verdict } from "../report.js";
import { hasLoneSurrogate, utf8Length } from "./scalars.js";

/** Maps and arrays may nest at most this deep (a top-level map is level 1), as in Firestore. */
export const MAX_NESTING_DEPTH = 20;

/** Why a document is left out: where, which field, and what is wrong. */
export class DataProblem extends Error {
  override readonly name = "DataProblem";
  constructor(
    readonly position: Position,
    /** The field path inside the document, "" for the document itself. */
    readonly fieldPath: string,
    readonly reason: string,
    readonly verdict: Extract<Verdict, "needs-change" | "not-understood"> = "needs-change",
  ) {
    super(reason);
  }
}

const SIMPLE_SEGMENT = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** The field path of `name` inside `parent`, quoting odd names in backticks as Firestore does. */
export function childFieldPath(parent: string, name: string): string {
  const quoted = SIMPLE_SEGMENT.test(name) ? name : "`" + name.replace(/[`\\]/g, "\\$&") + "`";
  return parent === "" ? quoted : `${parent}.${quoted}`;
}

/** The field path of element `index` of the array at `parent`: `tags[2]`. */
export function elementFieldPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Firestore reserves names that start and end with two underscores (`__name__`). */
const RESERVED = /^__.*__$/s;

/** Why `name` cannot be a field name, or undefined. */
export function fieldNameProblem(name: string): string | undefined {
  if (name.length === 0) return "field names must not be empty";
  // The runtime keeps names as jsonb keys, which cannot hold U+0000.
  if (name.includes("\u0000")) return "the name contains U+0000, which Winky does not support";
  if (hasLoneSurrogate(name)) return "the name is not valid Unicode (it has a lone surrogate)";
  const bytes = utf8Length(name);
  if (bytes > 1500) return `the name is ${bytes} bytes; the limit is 1500`;
  if (RESERVED.test(name)) return "names matching __.*__ are reserved";
  return undefined;
}

/** Why `id` cannot be a document or collection id, or undefined. */
export function idProblem(id: string): string | undefined {
  if (id.length === 0) return "it is empty";
  if (id === "." || id === "..") return `${JSON.stringify(id)} is not allowed`;
  if (id.includes("/")) return "it contains '/'";
  if (id.includes("\u0000")) return "it contains U+0000, which Winky does not support";
  if (hasLoneSurrogate(id)) return "it is not valid Unicode (it has a lone surrogate)";
  const bytes = utf8Length(id);
  if (bytes > 1500) return `it is ${bytes} bytes; the limit is 1500`;
  if (RESERVED.test(id)) return "ids matching __.*__ are reserved";
  return undefined;
}

/** Why `path` is not a document path (`users/u1`), or undefined. */
export function documentPathProblem(path: string): string | undefined {
  if (path.length === 0) return "the path is empty";
  const bytes = utf8Length(path);
  if (bytes > 6144) return `the path is ${bytes} bytes; the limit is 6144`;
  const segments = path.split("/");
  for (const [i, segment] of segments.entries()) {
    const problem = idProblem(segment);
    if (problem !== undefined) return `segment ${i + 1} ${JSON.stringify(segment)}: ${problem}`;
  }
  if (segments.length % 2 !== 0) {
    const count = `${segments.length} segment${segments.length === 1 ? "" : "s"}`;
    return `it has ${count}; a document path has an even number`;
  }
  if (segments.length / 2 > 100) return "it is more than 100 collections deep";
  return undefined;
}

/** A document name made relative, with the project and database a full name gave. */
export interface DocumentName {
  path: string;
  project?: string;
  database?: string;
}

const FULL_NAME = /^projects\/([^/]+)\/databases\/([^/]+)\/documents\/(.*)$/s;

/** Reads `users/u1` or `projects/p/databases/d/documents/users/u1`; a string is a problem. */
export function parseDocumentName(name: string): DocumentName | string {
  const m = FULL_NAME.exec(name);
  const path = m ? (m[3] as string) : name;
  const problem = documentPathProblem(path);
  if (problem !== undefined) return `${JSON.stringify(name)} is not a document path: ${problem}`;
  return m ? { path, project: m[1] as string, database: m[2] as string } : { path };
}

/**
 * A map of fields in either format: each name checked, a name given twice refused, each value
 * read by `decode` with its field path.
 *
 * @throws DataProblem at the offending key.
 */
export function readFieldMap(
  members: readonly JsonMember[],
  path: string,
  decode: (value: JsonMember["value"], fieldPath: string) => DataValue,
): DataFields {
  const fields: DataFields = new Map();
  for (const { key, keyPosition, value } of members) {
    const fieldPath = childFieldPath(path, key);
    const problem = fieldNameProblem(key);
    if (problem !== undefined) throw new DataProblem(keyPosition, fieldPath, problem);
    if (fields.has(key)) throw new DataProblem(keyPosition, fieldPath, "the field is given twice");
    fields.set(key, decode(value, fieldPath));
  }
  return fields;
}
