import { invalidArgument } from "../../errors/runtime-error.js";
import { atField } from "./at-field.js";
import { parseFieldPath } from "../model/field-path.js";
import { parseDocumentPath, type DocumentPath } from "../model/paths.js";
import { parseTimestamp } from "../model/timestamp.js";
import type { Transform } from "../model/transforms.js";
import type { DocFields, DocValue } from "../model/value.js";
import { decodeFields, decodeValue } from "../model/wire.js";
import { Problem, relativeName } from "../model/wire-scalars.js";

export interface Precondition {
  exists?: boolean;
  /** RFC 3339: the document's update time must be exactly this. */
  updateTime?: string;
}

export interface FieldTransformSpec {
  fieldPath: string[];
  transform: Transform;
}

/** One write of a commit, as Firestore's REST `Write`: an update (set or masked) or a delete. */
export type ParsedWrite =
  | {
      kind: "update";
      doc: DocumentPath;
      fields: DocFields;
      /** Absent: replace the whole document. Present: touch only these field paths. */
      mask: string[][] | undefined;
      transforms: FieldTransformSpec[];
      precondition: Precondition | undefined;
    }
  | { kind: "delete"; doc: DocumentPath; precondition: Precondition | undefined };

/** Firestore's limit on writes in one commit. */
export const MAX_WRITES = 500;

/**
 * Validates a commit body `{ writes: [...] }` entirely before anything is read or written.
 *
 * @throws RuntimeError invalid-argument naming the write and the field, e.g.
 *   `writes[2].update.fields.age: invalid integerValue …`.
 */
export function parseWrites(body: unknown, projectId: string): ParsedWrite[] {
  const writes = (body as { writes?: unknown } | null)?.writes;
  if (!Array.isArray(writes) || writes.length === 0)
    throw invalidArgument("writes: expected a non-empty list");
  if (writes.length > MAX_WRITES) {
    throw invalidArgument(
      `writes: a commit holds at most ${MAX_WRITES} writes, got ${writes.length}`,
    );
  }
  // One document may be written several times: the writes apply in order (document-service).
  return writes.map((raw: unknown, i) => {
    const where = `writes[${i}]`;
    return atField(where, () => parseWrite(raw, projectId, where));
  });
}

/**
 * A document named as Firestore's REST API names it (`projects/{p}/databases/(default)/
 * documents/users/ada`) or relative to the documents root (`users/ada`).
 *
 * @throws RuntimeError invalid-argument for a full name in another project or database, or a
 * name that is not a document.
 */
function documentNamed(name: string, projectId: string, where: string): DocumentPath {
  const relative = relativeName(name, { projectId });
  if (relative instanceof Problem) throw invalidArgument(`${where}: ${relative.message}`);
  return atField(where, () => parseDocumentPath(relative));
}

function parseWrite(raw: unknown, projectId: string, where: string): ParsedWrite {
  if (typeof raw !== "object" || raw === null)
    throw invalidArgument(`${where}: expected an object`);
  const w = raw as Record<string, unknown>;
  const known = new Set(["update", "delete", "updateMask", "updateTransforms", "currentDocument"]);
  const unknown = Object.keys(w).filter((k) => !known.has(k));
  if (unknown.length > 0) throw invalidArgument(`${where}: unknown field(s) ${unknown.join(", ")}`);
  if ((w.update === undefined) === (w.delete === undefined)) {
    throw invalidArgument(`${where}: give exactly one of update and delete`);
  }
  const precondition = parsePrecondition(w.currentDocument, `${where}.currentDocument`);
  if (w.delete !== undefined) {
    if (typeof w.delete !== "string")
      throw invalidArgument(`${where}.delete: expected a document path`);
    return {
      kind: "delete",
      doc: documentNamed(w.delete, projectId, `${where}.delete`),
      precondition,
    };
  }
  const update = w.update as { name?: unknown; fields?: unknown } | null;
  if (typeof update?.name !== "string")
    throw invalidArgument(`${where}.update.name: expected a document path`);
  const doc = documentNamed(update.name, projectId, `${where}.update.name`);
  const fields = atField(`${where}.update.fields`, () =>
    decodeFields(update.fields ?? {}, { projectId }),
  );
  const mask =
    w.updateMask === undefined ? undefined : parseMask(w.updateMask, `${where}.updateMask`);
  const transforms = parseTransforms(w.updateTransforms, projectId, `${where}.updateTransforms`);
  return { kind: "update", doc, fields, mask, transforms, precondition };
}

function parseMask(raw: unknown, where: string): string[][] {
  const paths = (raw as { fieldPaths?: unknown } | null)?.fieldPaths;
  if (!Array.isArray(paths))
    throw invalidArgument(`${where}.fieldPaths: expected a list of field paths`);
  return paths.map((p: unknown, i) => {
    if (typeof p !== "string")
      throw invalidArgument(`${where}.fieldPaths[${i}]: expected a string`);
    return atField(`${where}.fieldPaths[${i}]`, () => parseFieldPath(p));
  });
}

const TRANSFORM_KINDS = [
  "setToServerValue",
  "increment",
  "maximum",
  "minimum",
  "appendMissingElements",
  "removeAllFromArray",
];

function parseTransforms(raw: unknown, projectId: string, where: string): FieldTransformSpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalidArgument(`${where}: expected a list`);
  return raw.map((t: unknown, i) => {
    const at = `${where}[${i}]`;
    const spec = (t ?? {}) as Record<string, unknown>;
    if (typeof spec.fieldPath !== "string")
      throw invalidArgument(`${at}.fieldPath: expected a field path`);
    const fieldPath = atField(`${at}.fieldPath`, () => parseFieldPath(spec.fieldPath as string));
    const kinds = Object.keys(spec).filter((k) => k !== "fieldPath");
    if (kinds.length !== 1 || !TRANSFORM_KINDS.includes(kinds[0]!)) {
      throw invalidArgument(`${at}: give exactly one of ${TRANSFORM_KINDS.join(", ")}`);
    }
    const kind = kinds[0]!;
    const operand = spec[kind];
    const value = (name: string) =>
      atField(`${at}.${kind}`, () => decodeValue(operand, name, { projectId }));
    const elements = (): DocValue[] => {
      const list = (operand as { values?: unknown } | null)?.values;
      if (!Array.isArray(list)) throw invalidArgument(`${at}.${kind}.values: expected a list`);
      return list.map((v, j) =>
        atField(`${at}.${kind}.values[${j}]`, () => decodeValue(v, `values[${j}]`, { projectId })),
      );
    };
    switch (kind) {
      case "setToServerValue":
        if (operand !== "REQUEST_TIME")
          throw invalidArgument(`${at}.setToServerValue: only REQUEST_TIME is supported`);
        return { fieldPath, transform: { kind: "serverTimestamp" } };
      case "increment":
      case "maximum":
      case "minimum": {
        const v = value(spec.fieldPath as string);
        if (v.type !== "integer" && v.type !== "double")
          throw invalidArgument(`${at}.${kind}: expected an integerValue or doubleValue`);
        return { fieldPath, transform: { kind, operand: v } };
      }
      case "appendMissingElements":
        return { fieldPath, transform: { kind: "arrayUnion", elements: elements() } };
      default:
        return { fieldPath, transform: { kind: "arrayRemove", elements: elements() } };
    }
  });
}

function parsePrecondition(raw: unknown, where: string): Precondition | undefined {
  if (raw === undefined) return undefined;
  const p = (raw ?? {}) as Record<string, unknown>;
  if (p.exists !== undefined && typeof p.exists !== "boolean")
    throw invalidArgument(`${where}.exists: expected a boolean`);
  if (p.updateTime !== undefined && typeof p.updateTime !== "string") {
    throw invalidArgument(`${where}.updateTime: expected an RFC 3339 time`);
  }
  if (typeof p.updateTime === "string" && typeof parseTimestamp(p.updateTime) === "string") {
    throw invalidArgument(`${where}.updateTime: '${p.updateTime}' is not an RFC 3339 time`);
  }
  return {
    ...(p.exists !== undefined ? { exists: p.exists as boolean } : {}),
    ...(p.updateTime !== undefined ? { updateTime: p.updateTime as string } : {}),
  };
}
