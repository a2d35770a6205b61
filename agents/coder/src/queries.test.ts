import { describe, expect, it } from "vitest";
import { FIXTURES, loadFixture } from "../test/fixtures.js";
import { analyze } from "./analyze.js";
import { compositeIndexes } from "./gen/indexes.js";
import { generateApp } from "./index.js";
import { allQueryShapes, listFilters, type IndexDefinition, type QueryShape } from "./queries.js";

/**
 * Whether a strict runtime serves the query, as `apps/runtime/src/documents/query/plan` decides:
 * equalities alone or one order alone use single-field indexes; otherwise a declared index
 * must lead with exactly the equality fields (any order, CONTAINS for array-contains), follow
 * with the order fields and directions, and end in the direction the query orders names (the
 * last order's).
 */
function servable(shape: QueryShape, indexes: readonly IndexDefinition[]): boolean {
  const fixed = new Set(shape.equalities.filter((e) => e.op === "==").map((e) => e.field));
  const orders = fixed.has(shape.order.field) ? [] : [shape.order];
  if (orders.length === 0 || shape.equalities.length === 0) return true;
  const k = shape.equalities.length;
  return indexes.some((index) => {
    if (index.collectionGroup !== shape.collectionId || index.fields.length !== k + orders.length) {
      return false;
    }
    const leading = index.fields.slice(0, k).every((f) => {
      const e = shape.equalities.find((q) => q.field === f.fieldPath);
      return e !== undefined && "arrayConfig" in f === (e.op === "array-contains");
    });
    const ordered = index.fields.slice(k).every((f, j) => {
      const o = orders[j]!;
      return (
        "order" in f &&
        f.fieldPath === o.field &&
        (f.order === "DESCENDING") === (o.direction === "desc")
      );
    });
    const last = index.fields.at(-1)!;
    const nameDescending = "order" in last && last.order === "DESCENDING";
    return leading && ordered && nameDescending === (orders.at(-1)!.direction === "desc");
  });
}

describe.each(FIXTURES)("the %s app's queries", (name) => {
  const plan = loadFixture(name);
  const app = analyze(plan);
  const indexes = compositeIndexes(app);
  const { files } = generateApp(plan);

  it("are each served by a declared index with strict indexes on", () => {
    const shapes = allQueryShapes(app);
    expect(shapes.length).toBeGreaterThan(0);
    for (const shape of shapes) expect(servable(shape, indexes), JSON.stringify(shape)).toBe(true);
  });

  it("declare only indexes the runtime accepts, and no index twice", () => {
    for (const index of indexes) {
      expect(index.fields.length).toBeGreaterThanOrEqual(2);
      expect(index.fields.filter((f) => "arrayConfig" in f).length).toBeLessThanOrEqual(1);
      expect(new Set(index.fields.map((f) => f.fieldPath)).size).toBe(index.fields.length);
    }
    expect(new Set(indexes.map((i) => JSON.stringify(i))).size).toBe(indexes.length);
    expect(JSON.parse(files["firestore.indexes.json"]!)).toEqual({ indexes, fieldOverrides: [] });
  });

  it("are the ones the generated code runs", () => {
    for (const info of app.models) {
      const code = files[`src/data/${info.file}.ts`]!;
      const filters = [...code.matchAll(/where\("(\w+)", "(==|array-contains)"/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
      const { fixed, optional } = listFilters(info);
      expect(filters.sort(), info.name).toEqual(
        [...fixed, ...optional].map((e) => `${e.field} ${e.op}`).sort(),
      );
      expect(code).toContain(`orderBy("createdAt", "desc")`);
    }
  });
});

describe("owner-scoped lists", () => {
  it("filter by owner and need the owner + createdAt index", () => {
    const app = analyze(loadFixture("notes"));
    const [base] = allQueryShapes(app);
    expect(base).toEqual({
      collectionId: "notes",
      equalities: [{ field: "ownerId", op: "==" }],
      order: { field: "createdAt", direction: "desc" },
    });
    expect(compositeIndexes(app)[0]).toEqual({
      collectionGroup: "notes",
      queryScope: "COLLECTION",
      fields: [
        { fieldPath: "ownerId", order: "ASCENDING" },
        { fieldPath: "createdAt", order: "DESCENDING" },
      ],
    });
  });

  it("would not be served without that index", () => {
    const app = analyze(loadFixture("notes"));
    const [base] = allQueryShapes(app);
    expect(servable(base!, [])).toBe(false);
  });
});
