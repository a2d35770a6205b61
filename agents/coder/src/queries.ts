import type { AppModel, ModelInfo } from "./analyze.js";
import type { NotificationsInfo } from "./functions/recipes.js";

/** One filter of a generated query: equality, or array-contains for a tag. */
export interface Equality {
  field: string;
  op: "==" | "array-contains";
}

/**
 * A query the generated app runs: equalities, then newest first. The screens and the index
 * file are both written from these shapes, so every query has the index it needs.
 */
export interface QueryShape {
  /** The collection id (the last segment of its path). */
  collectionId: string;
  equalities: Equality[];
  order: { field: string; direction: "asc" | "desc" };
}

/** The list's own filter (owner), and the optional ones its toolbar adds. */
export function listFilters(info: ModelInfo): { fixed: Equality[]; optional: Equality[] } {
  const fixed: Equality[] =
    info.model.access.kind === "owner" && info.ownerField
      ? [{ field: info.ownerField, op: "==" }]
      : [];
  const optional: Equality[] = [];
  if (info.enumFilter) optional.push({ field: info.enumFilter.name, op: "==" });
  if (info.tagField) optional.push({ field: info.tagField.name, op: "array-contains" });
  return { fixed, optional };
}

/** Every query a model's list can run: its fixed filters with each subset of the optional ones. */
export function listQueryShapes(info: ModelInfo): QueryShape[] {
  const { fixed, optional } = listFilters(info);
  const subsets = optional.reduce<Equality[][]>(
    (acc, e) => acc.concat(acc.map((s) => [...s, e])),
    [[]],
  );
  return subsets.map((extra) => ({
    collectionId: info.model.collection,
    equalities: [...fixed, ...extra],
    order: { field: "createdAt", direction: "desc" },
  }));
}

/** The notifications list: the signed-in user's, newest first. */
export function notificationsQueryShape(n: NotificationsInfo): QueryShape {
  return {
    collectionId: n.collection,
    equalities: [{ field: n.recipientField, op: "==" }],
    order: { field: "createdAt", direction: "desc" },
  };
}

/** Every query the generated app runs. */
export function allQueryShapes(app: AppModel): QueryShape[] {
  const shapes = app.models.flatMap(listQueryShapes);
  if (app.notifications && !app.notifications.model) {
    shapes.push(notificationsQueryShape(app.notifications));
  }
  return shapes;
}

/** A composite index as `firestore.indexes.json` writes it. */
export interface IndexDefinition {
  collectionGroup: string;
  queryScope: "COLLECTION";
  fields: Array<
    | { fieldPath: string; order: "ASCENDING" | "DESCENDING" }
    | { fieldPath: string; arrayConfig: "CONTAINS" }
  >;
}

/**
 * The composite index a query needs, as the runtime's planner decides it: an order combined
 * with any equality (or array-contains) needs one whose leading fields are the equalities and
 * whose last is the order; an order alone or equalities alone are served by single-field
 * indexes. Undefined when no composite index is needed.
 */
export function compositeIndexOf(shape: QueryShape): IndexDefinition | undefined {
  const equalities = shape.equalities.filter((e) => e.field !== shape.order.field);
  if (equalities.length === 0) return undefined;
  return {
    collectionGroup: shape.collectionId,
    queryScope: "COLLECTION",
    fields: [
      ...equalities.map((e) =>
        e.op === "array-contains"
          ? { fieldPath: e.field, arrayConfig: "CONTAINS" as const }
          : { fieldPath: e.field, order: "ASCENDING" as const },
      ),
      {
        fieldPath: shape.order.field,
        order: shape.order.direction === "desc" ? ("DESCENDING" as const) : ("ASCENDING" as const),
      },
    ],
  };
}
