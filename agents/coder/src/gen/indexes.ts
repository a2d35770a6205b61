import type { AppModel } from "../analyze.js";
import { allQueryShapes, compositeIndexOf, type IndexDefinition } from "../queries.js";

/** The composite indexes every generated query needs, deduplicated, in query order. */
export function compositeIndexes(app: AppModel): IndexDefinition[] {
  const seen = new Set<string>();
  const indexes: IndexDefinition[] = [];
  for (const shape of allQueryShapes(app)) {
    const index = compositeIndexOf(shape);
    const key = JSON.stringify(index);
    if (!index || seen.has(key)) continue;
    seen.add(key);
    indexes.push(index);
  }
  return indexes;
}

/** `firestore.indexes.json`, so every query runs on a project with strict indexes on. */
export function indexesJson(app: AppModel): string {
  return `${JSON.stringify({ indexes: compositeIndexes(app), fieldOverrides: [] }, null, 2)}\n`;
}
