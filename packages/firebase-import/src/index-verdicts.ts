// Verdicts for firestore.indexes.json against the runtime's composite indexes
// (apps/runtime/src/documents/indexes/index-definitions.ts): at least 2 fields, each with
// exactly one of order/arrayConfig, at most one array field, `__name__` only last, no field
// twice, apiScope ANY_API, at most 200 indexes; fieldOverrides are read but not applied.
import type {
  CompositeIndexSpec,
  FieldOverrideSpec,
  FirestoreIndexesModel,
  IndexFieldSpec,
} from "./firestore-indexes.js";
import type { Position } from "./json-node.js";
import { preview } from "./json-node.js";
import type { ReportItem, Verdict } from "./report.js";

const MAX_COMPOSITE_INDEXES = 200;
const MAX_INDEX_FIELDS = 100;

export function indexVerdicts(model: FirestoreIndexesModel): ReportItem[] {
  const at = (position: Position) => ({ file: model.file, line: position.line });
  const item = (
    name: string,
    position: Position,
    verdict: Verdict,
    detail: string,
    alternative?: string,
  ): ReportItem => ({
    area: "indexes",
    name,
    source: at(position),
    verdict,
    detail,
    ...(alternative === undefined ? {} : { alternative }),
  });
  const items: ReportItem[] = [];
  const seen = new Map<string, CompositeIndexSpec>();
  for (const index of model.indexes) {
    const name = `${index.path} ${describeIndex(index)}`;
    const key = JSON.stringify([
      index.collectionGroup ?? index.collectionId,
      index.queryScope ?? "COLLECTION",
      index.fields.map(describeField),
    ]);
    const first = seen.get(key);
    if (first) {
      items.push(
        item(
          name,
          index.position,
          "needs-change",
          `the same index as ${first.path} (line ${first.position.line}): delete one; the runtime refuses duplicates`,
        ),
      );
      continue;
    }
    seen.set(key, index);
    const unsupported = unsupportedReason(index);
    if (unsupported)
      items.push(
        item(name, index.position, "unsupported", unsupported.reason, unsupported.alternative),
      );
    else {
      const changes = neededChanges(index);
      items.push(
        changes.length > 0
          ? item(name, index.position, "needs-change", changes.join("; "))
          : item(
              name,
              index.position,
              "maps",
              `composite index on ${index.queryScope === "COLLECTION_GROUP" ? "the collection group" : "the collection"} ${index.collectionGroup}`,
            ),
      );
    }
  }
  if (model.indexes.length > MAX_COMPOSITE_INDEXES) {
    const last = model.indexes[model.indexes.length - 1];
    items.push(
      item(
        "indexes",
        last?.position ?? { line: 1, column: 1 },
        "needs-change",
        `${model.indexes.length} composite indexes: the runtime allows ${MAX_COMPOSITE_INDEXES}, as Firestore does`,
      ),
    );
  }
  for (const list of model.lists.filter((l) => l.length === 0)) {
    items.push(item(list.name, list.position, "maps", "an empty list: nothing to import"));
  }
  for (const override of model.fieldOverrides) items.push(overrideVerdict(override, item));
  for (const { path, member } of model.unreadKeys) {
    items.push(
      item(
        path,
        member.keyPosition,
        "not-understood",
        `unknown key "${member.key}" = ${preview(member.value)}: not a firestore.indexes.json key the importer knows (or not the kind of value expected)`,
      ),
    );
  }
  for (const problem of model.problems)
    items.push(item(problem.path, problem.position, "not-understood", problem.message));
  return items;
}

function unsupportedReason(index: CompositeIndexSpec) {
  if (index.fields.some((f) => f.vectorConfig !== undefined)) {
    return {
      reason: "vector index: the runtime has no vector search",
      alternative:
        "store embeddings in documents and rank candidates in a function, or call an external vector store from a function",
    };
  }
  if (index.apiScope !== undefined && index.apiScope !== "ANY_API") {
    return {
      reason: `apiScope ${index.apiScope} (Firestore Enterprise's MongoDB-compatible API)`,
      alternative: "the Firestore-style documents API with composite indexes (apiScope ANY_API)",
    };
  }
  return undefined;
}

function neededChanges(index: CompositeIndexSpec): string[] {
  const changes: string[] = [];
  if (index.collectionGroup === undefined) {
    changes.push(
      index.collectionId !== undefined
        ? `rename "collectionId" to "collectionGroup"`
        : "give the collectionGroup it indexes",
    );
  } else if (index.collectionGroup === "" || index.collectionGroup.includes("/")) {
    changes.push(`"${index.collectionGroup}" is not a collection id (empty or with '/')`);
  }
  if (
    index.queryScope !== undefined &&
    index.queryScope !== "COLLECTION" &&
    index.queryScope !== "COLLECTION_GROUP"
  ) {
    changes.push(`queryScope must be COLLECTION or COLLECTION_GROUP, not ${index.queryScope}`);
  }
  if (index.density !== undefined && index.density !== "SPARSE_ALL") {
    changes.push(
      `density ${index.density} is Firestore Enterprise's: drop it (the runtime indexes as SPARSE_ALL)`,
    );
  }
  if (index.multikey !== undefined) changes.push(`drop "multikey" (Firestore Enterprise only)`);
  if (index.fields.length < 2)
    changes.push(
      "a composite index needs 2 fields or more: delete it, single fields are indexed automatically",
    );
  if (index.fields.length > MAX_INDEX_FIELDS) changes.push(`at most ${MAX_INDEX_FIELDS} fields`);
  const names = new Set<string>();
  index.fields.forEach((field, i) => {
    const problem = fieldProblem(field, i === index.fields.length - 1);
    if (problem) changes.push(`fields[${i}] (line ${field.position.line}): ${problem}`);
    if (field.fieldPath !== undefined && names.has(field.fieldPath)) {
      changes.push(
        `fields[${i}] (line ${field.position.line}): ${field.fieldPath} appears twice; the runtime allows a field once per index, so split the index`,
      );
    }
    if (field.fieldPath !== undefined) names.add(field.fieldPath);
  });
  if (index.fields.filter((f) => f.arrayConfig !== undefined).length > 1)
    changes.push("at most one field may have an arrayConfig");
  return changes;
}

function fieldProblem(field: IndexFieldSpec, isLast: boolean): string | undefined {
  if (field.fieldPath === undefined || field.fieldPath === "") return "a fieldPath is missing";
  if (field.fieldPath === "__name__" && !isLast) return "__name__ can only be the last field";
  if (field.mode !== undefined && field.order === undefined && field.arrayConfig === undefined) {
    return `rename "mode" to "order" (the old spelling)`;
  }
  if ((field.order === undefined) === (field.arrayConfig === undefined))
    return "give exactly one of order and arrayConfig";
  if (field.order !== undefined && field.order !== "ASCENDING" && field.order !== "DESCENDING")
    return `order must be ASCENDING or DESCENDING, not ${field.order}`;
  if (field.arrayConfig !== undefined && field.arrayConfig !== "CONTAINS")
    return `arrayConfig must be CONTAINS, not ${field.arrayConfig}`;
  return undefined;
}

function overrideVerdict(
  override: FieldOverrideSpec,
  item: (
    name: string,
    position: Position,
    verdict: Verdict,
    detail: string,
    alternative?: string,
  ) => ReportItem,
): ReportItem {
  const name = `${override.path} ${override.collectionGroup ?? "?"}.${override.fieldPath ?? "?"}`;
  if (override.ttl === true) {
    return item(
      name,
      override.position,
      "unsupported",
      "TTL policy: the runtime never deletes documents by a timestamp field",
      "a schedule-triggered function (e.g. every hour) that deletes the documents whose field is in the past",
    );
  }
  if (override.indexes.length === 0) {
    return item(
      name,
      override.position,
      "maps",
      "index exemption: not applied, the field stays indexed, so every query that worked still works (writes index a little more)",
    );
  }
  if (override.indexes.some((i) => i.queryScope === "COLLECTION_GROUP")) {
    return item(
      name,
      override.position,
      "needs-change",
      "collection-group single-field indexes: the runtime does not apply fieldOverrides (fields keep their automatic indexes), and whether it serves a collection-group query on this field without a composite index is not checked here: try the query against `winky emulators:start`",
    );
  }
  return item(
    name,
    override.position,
    "maps",
    "the same single-field indexes the runtime keeps for every field automatically",
  );
}

function describeField(field: IndexFieldSpec): string {
  return `${field.fieldPath ?? "?"} ${field.order ?? field.mode ?? field.arrayConfig ?? (field.vectorConfig ? "VECTOR" : "?")}`;
}

function describeIndex(index: CompositeIndexSpec): string {
  const scope = index.queryScope === "COLLECTION_GROUP" ? " (group)" : "";
  return `${index.collectionGroup ?? index.collectionId ?? "?"}${scope}: ${index.fields.map(describeField).join(", ")}`;
}
