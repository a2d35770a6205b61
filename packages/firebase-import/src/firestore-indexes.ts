// firestore.indexes.json read into composite indexes and field overrides, every part with its
// position, and unknown keys kept so the report can name them rather than drop them.
import type { JsonMember, JsonObject, JsonValue, Position } from "./json-node.js";
import { describeKind, memberOf } from "./json-node.js";
import { parseJsonc } from "./jsonc.js";

/** A key the model does not read, with where it is: the verdicts report each one. */
export interface UnreadKey {
  path: string;
  member: JsonMember;
}

/** A value of the wrong kind (`"fields": "a"`): reported with its position. */
export interface ShapeProblem {
  path: string;
  position: Position;
  message: string;
}

export interface IndexFieldSpec {
  position: Position;
  fieldPath?: string;
  order?: string;
  arrayConfig?: string;
  /** The pre-2019 spelling of `order`, still found in old files. */
  mode?: string;
  vectorConfig?: JsonValue;
}

export interface CompositeIndexSpec {
  path: string;
  position: Position;
  collectionGroup?: string;
  /** The pre-2019 spelling of `collectionGroup`. */
  collectionId?: string;
  queryScope?: string;
  apiScope?: string;
  density?: string;
  multikey?: JsonValue;
  fields: IndexFieldSpec[];
}

export interface SingleFieldIndexSpec {
  position: Position;
  order?: string;
  arrayConfig?: string;
  queryScope?: string;
}

export interface FieldOverrideSpec {
  path: string;
  position: Position;
  collectionGroup?: string;
  fieldPath?: string;
  ttl?: boolean;
  indexes: SingleFieldIndexSpec[];
}

export interface FirestoreIndexesModel {
  file: string;
  indexes: CompositeIndexSpec[];
  fieldOverrides: FieldOverrideSpec[];
  unreadKeys: UnreadKey[];
  problems: ShapeProblem[];
  /** The lists the file has, so an empty one is still accounted for in the report. */
  lists: { name: "indexes" | "fieldOverrides"; position: Position; length: number }[];
}

/** @throws JsoncSyntaxError naming `file:line:column` for malformed JSON. */
export function parseFirestoreIndexes(text: string, file: string): FirestoreIndexesModel {
  const { root } = parseJsonc(text, file);
  const model: FirestoreIndexesModel = {
    file,
    indexes: [],
    fieldOverrides: [],
    unreadKeys: [],
    problems: [],
    lists: [],
  };
  const top = expectObject(root, "(top level)", model);
  if (!top) return model;
  for (const member of top.members) {
    if (member.key === "indexes" || member.key === "fieldOverrides") {
      const { key: name, keyPosition: position, value } = member;
      model.lists.push({ name, position, length: value.kind === "array" ? value.items.length : 0 });
    }
    if (member.key === "indexes") {
      listOf(member.value, "indexes", model).forEach((item, i) => {
        const spec = readIndex(item, `indexes[${i}]`, model);
        if (spec) model.indexes.push(spec);
      });
    } else if (member.key === "fieldOverrides") {
      listOf(member.value, "fieldOverrides", model).forEach((item, i) => {
        const spec = readOverride(item, `fieldOverrides[${i}]`, model);
        if (spec) model.fieldOverrides.push(spec);
      });
    } else model.unreadKeys.push({ path: member.key, member });
  }
  return model;
}

function readIndex(value: JsonValue, path: string, model: FirestoreIndexesModel) {
  const object = expectObject(value, path, model);
  if (!object) return undefined;
  const spec: CompositeIndexSpec = { path, position: object.position, fields: [] };
  for (const member of object.members) {
    const { key, value: v } = member;
    if (key === "fields") {
      listOf(v, `${path}.fields`, model).forEach((field, i) => {
        const read = readField(field, `${path}.fields[${i}]`, model);
        if (read) spec.fields.push(read);
      });
    } else if (key === "multikey") spec.multikey = v;
    else if (
      !readText(spec, member, [
        "collectionGroup",
        "collectionId",
        "queryScope",
        "apiScope",
        "density",
      ])
    )
      model.unreadKeys.push({ path: `${path}.${key}`, member });
  }
  return spec;
}

function readField(value: JsonValue, path: string, model: FirestoreIndexesModel) {
  const object = expectObject(value, path, model);
  if (!object) return undefined;
  const spec: IndexFieldSpec = { position: object.position };
  for (const member of object.members) {
    if (member.key === "vectorConfig") spec.vectorConfig = member.value;
    else if (!readText(spec, member, ["fieldPath", "order", "arrayConfig", "mode"]))
      model.unreadKeys.push({ path: `${path}.${member.key}`, member });
  }
  return spec;
}

function readOverride(value: JsonValue, path: string, model: FirestoreIndexesModel) {
  const object = expectObject(value, path, model);
  if (!object) return undefined;
  const spec: FieldOverrideSpec = { path, position: object.position, indexes: [] };
  const ttl = memberOf(object, "ttl")?.value;
  if (ttl?.kind === "boolean") spec.ttl = ttl.value;
  for (const member of object.members) {
    if (member.key === "indexes") {
      listOf(member.value, `${path}.indexes`, model).forEach((item, i) => {
        const entry = expectObject(item, `${path}.indexes[${i}]`, model);
        if (!entry) return;
        const single: SingleFieldIndexSpec = { position: entry.position };
        for (const m of entry.members) {
          if (!readText(single, m, ["order", "arrayConfig", "queryScope"]))
            model.unreadKeys.push({ path: `${path}.indexes[${i}].${m.key}`, member: m });
        }
        spec.indexes.push(single);
      });
    } else if (member.key === "ttl" && ttl?.kind === "boolean") continue;
    else if (!readText(spec, member, ["collectionGroup", "fieldPath"]))
      model.unreadKeys.push({ path: `${path}.${member.key}`, member });
  }
  return spec;
}

/** Copies a string member named in `keys` onto `target`; false when it is not one of them. */
function readText<T extends object>(target: T, member: JsonMember, keys: readonly string[]) {
  if (!keys.includes(member.key) || member.value.kind !== "string") return false;
  (target as Record<string, unknown>)[member.key] = member.value.value;
  return true;
}

function expectObject(value: JsonValue, path: string, model: FirestoreIndexesModel) {
  if (value.kind === "object") return value as JsonObject;
  model.problems.push({
    path,
    position: value.position,
    message: `expected an object but found ${describeKind(value)}`,
  });
  return undefined;
}

function listOf(value: JsonValue, path: string, model: FirestoreIndexesModel): JsonValue[] {
  if (value.kind === "array") return value.items;
  model.problems.push({
    path,
    position: value.position,
    message: `expected a list but found ${describeKind(value)}`,
  });
  return [];
}
