import { createHash } from "node:crypto";
import { invalidArgument } from "../../errors/runtime-error.js";
import { atField } from "../api/at-field.js";
import { formatFieldPath, parseFieldPath } from "../model/field-path.js";
import { validateId } from "../model/paths.js";
import { NAME_FIELD } from "../query/query-model.js";

export type QueryScope = "COLLECTION" | "COLLECTION_GROUP";

/** One field of a composite index: ordered, or (at most one per index) array-contains. */
export type IndexField =
  | { fieldPath: string; path: string[]; order: "ASCENDING" | "DESCENDING" }
  | { fieldPath: string; path: string[]; arrayConfig: "CONTAINS" };

/** A declared composite index, as in `firestore.indexes.json`; `id` derives from the rest. */
export interface CompositeIndex {
  id: string;
  collectionGroup: string;
  queryScope: QueryScope;
  fields: IndexField[];
}

/** Firestore caps a project at 200 composite indexes; so do we. */
export const MAX_COMPOSITE_INDEXES = 200;
const MAX_INDEX_FIELDS = 100;

type Json = Record<string, unknown>;

/**
 * Validates a `firestore.indexes.json` document. `fieldOverrides` are read but not applied
 * (every field keeps its automatic single-field indexes); each one becomes a warning.
 *
 * @throws RuntimeError invalid-argument naming the JSON path that is wrong.
 */
export function parseIndexFile(body: unknown): { indexes: CompositeIndex[]; warnings: string[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw invalidArgument("expected a firestore.indexes.json object: { indexes, fieldOverrides }");
  const root = body as Json;
  for (const key of Object.keys(root)) {
    if (key !== "indexes" && key !== "fieldOverrides")
      throw invalidArgument(`${key}: unknown member (expected indexes and fieldOverrides)`);
  }
  const rawIndexes = root.indexes ?? [];
  if (!Array.isArray(rawIndexes)) throw invalidArgument("indexes: expected a list");
  if (rawIndexes.length > MAX_COMPOSITE_INDEXES)
    throw invalidArgument(`indexes: at most ${MAX_COMPOSITE_INDEXES} composite indexes`);
  const indexes = rawIndexes.map((raw, i) => parseIndex(raw, `indexes[${i}]`));
  const seen = new Map<string, number>();
  indexes.forEach((index, i) => {
    const first = seen.get(index.id);
    if (first !== undefined)
      throw invalidArgument(`indexes[${i}]: the same index as indexes[${first}]`);
    seen.set(index.id, i);
  });
  const overrides = root.fieldOverrides ?? [];
  if (!Array.isArray(overrides)) throw invalidArgument("fieldOverrides: expected a list");
  const warnings = overrides.map((o: unknown, i) => {
    const { collectionGroup, fieldPath } = (o ?? {}) as Json;
    return (
      `fieldOverrides[${i}] (${String(collectionGroup)}.${String(fieldPath)}) is not applied: ` +
      "every field keeps its automatic single-field indexes"
    );
  });
  return { indexes, warnings };
}

function parseIndex(raw: unknown, where: string): CompositeIndex {
  const index = (raw ?? {}) as Json;
  const known = new Set(["collectionGroup", "queryScope", "fields", "apiScope", "density"]);
  for (const key of Object.keys(index)) {
    if (!known.has(key)) throw invalidArgument(`${where}.${key}: unknown member`);
  }
  if (index.apiScope !== undefined && index.apiScope !== "ANY_API")
    throw invalidArgument(`${where}.apiScope: only ANY_API is supported`);
  const group = index.collectionGroup;
  if (typeof group !== "string") throw invalidArgument(`${where}.collectionGroup: expected a name`);
  atField(`${where}.collectionGroup`, () => validateId(group, "collection"));
  const scope = index.queryScope ?? "COLLECTION";
  if (scope !== "COLLECTION" && scope !== "COLLECTION_GROUP")
    throw invalidArgument(`${where}.queryScope: expected COLLECTION or COLLECTION_GROUP`);
  if (!Array.isArray(index.fields) || index.fields.length < 2) {
    throw invalidArgument(
      `${where}.fields: a composite index needs at least 2 fields ` +
        "(single fields are indexed automatically)",
    );
  }
  if (index.fields.length > MAX_INDEX_FIELDS)
    throw invalidArgument(`${where}.fields: at most ${MAX_INDEX_FIELDS} fields`);
  const fields = index.fields.map((f: unknown, i) => parseField(f, `${where}.fields[${i}]`));
  const names = new Set<string>();
  fields.forEach((f, i) => {
    if (names.has(f.fieldPath))
      throw invalidArgument(`${where}.fields[${i}].fieldPath: ${f.fieldPath} appears twice`);
    names.add(f.fieldPath);
    if (f.fieldPath === NAME_FIELD && i !== fields.length - 1)
      throw invalidArgument(`${where}.fields[${i}]: __name__ can only be the last field`);
  });
  if (fields.filter((f) => "arrayConfig" in f).length > 1)
    throw invalidArgument(`${where}.fields: at most one field may have an arrayConfig`);
  return withId({ collectionGroup: group, queryScope: scope, fields });
}

function parseField(raw: unknown, where: string): IndexField {
  const f = (raw ?? {}) as Json;
  for (const key of Object.keys(f)) {
    if (key !== "fieldPath" && key !== "order" && key !== "arrayConfig")
      throw invalidArgument(`${where}.${key}: unknown member`);
  }
  if (typeof f.fieldPath !== "string") throw invalidArgument(`${where}.fieldPath: expected a path`);
  const text = f.fieldPath;
  const path =
    text === NAME_FIELD ? [NAME_FIELD] : atField(`${where}.fieldPath`, () => parseFieldPath(text));
  const fieldPath = formatFieldPath(path);
  if ((f.order === undefined) === (f.arrayConfig === undefined))
    throw invalidArgument(`${where}: give exactly one of order and arrayConfig`);
  if (f.arrayConfig !== undefined) {
    if (f.arrayConfig !== "CONTAINS")
      throw invalidArgument(`${where}.arrayConfig: expected CONTAINS`);
    if (fieldPath === NAME_FIELD) throw invalidArgument(`${where}: __name__ cannot be an array`);
    return { fieldPath, path, arrayConfig: "CONTAINS" };
  }
  if (f.order !== "ASCENDING" && f.order !== "DESCENDING")
    throw invalidArgument(`${where}.order: expected ASCENDING or DESCENDING`);
  return { fieldPath, path, order: f.order };
}

/** The index with its id: a digest of its definition, so redeploying a file changes nothing. */
export function withId(index: Omit<CompositeIndex, "id">): CompositeIndex {
  const digest = createHash("sha256")
    .update(JSON.stringify([index.collectionGroup, index.queryScope, index.fields.map(describe)]))
    .digest("hex");
  return { id: `ci_${digest.slice(0, 20)}`, ...index };
}

/** A field as `firestore.indexes.json` writes it. */
export function describe(field: IndexField): Record<string, string> {
  return "arrayConfig" in field
    ? { fieldPath: field.fieldPath, arrayConfig: field.arrayConfig }
    : { fieldPath: field.fieldPath, order: field.order };
}

/** An index as `firestore.indexes.json` writes it: what to add when a query needs it. */
export function indexJson(index: Omit<CompositeIndex, "id">) {
  return {
    collectionGroup: index.collectionGroup,
    queryScope: index.queryScope,
    fields: index.fields.map(describe),
  };
}
