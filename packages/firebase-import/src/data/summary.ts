// The "maps" side of the report: one item per top-level collection and one per value type, so
// the reader sees what will arrive and in what shape before any import runs.
import { makeItem, type ReportItem, type SourceRef } from "../report.js";
import {
  DATA_VALUE_TYPES,
  forEachValue,
  type DataValueType,
  type ImportedDocument,
} from "./data-value.js";
import { AREA } from "./reading.js";

// A document's collection with document ids replaced by "*" ("users/*/posts" for
// users/u1/posts/p1). Subcollections are counted by shape: per-parent paths would give one
// line per user.
export function collectionShape(documentPath: string): string {
  const segments = documentPath.split("/").slice(0, -1);
  return segments.map((s, i) => (i % 2 === 1 ? "*" : s)).join("/");
}

/** How many values of each type the documents hold, nested ones included. */
export function valueTypeCounts(
  documents: readonly ImportedDocument[],
): Record<DataValueType, number> {
  const counts = Object.fromEntries(DATA_VALUE_TYPES.map((t) => [t, 0])) as Record<
    DataValueType,
    number
  >;
  for (const doc of documents) forEachValue(doc.fields, (value) => counts[value.type]++);
  return counts;
}

/** One `maps` item per top-level collection: its documents and its subcollections' counts. */
export function collectionItems(documents: readonly ImportedDocument[]): ReportItem[] {
  const byRoot = new Map<string, { first: SourceRef; shapes: Map<string, number> }>();
  for (const doc of documents) {
    const root = doc.path.split("/", 1)[0] as string;
    const entry = byRoot.get(root) ?? { first: doc.source, shapes: new Map([[root, 0]]) };
    byRoot.set(root, entry);
    const shape = collectionShape(doc.path);
    entry.shapes.set(shape, (entry.shapes.get(shape) ?? 0) + 1);
  }
  return [...byRoot].map(([root, { first, shapes }]) => {
    const subcollections = [...shapes]
      .filter(([shape]) => shape !== root)
      .map(([shape, count]) => `${shape} (${plural(count, "document")})`);
    const detail =
      plural(shapes.get(root) ?? 0, "document") +
      (subcollections.length > 0 ? `; subcollections: ${subcollections.join(", ")}` : "");
    return makeItem(AREA, `collection ${root}`, first, "maps", detail);
  });
}

/** One `maps` item per value type found: every Firestore type has a Winky equivalent. */
export function typeItems(documents: readonly ImportedDocument[]): ReportItem[] {
  const found = new Map<DataValueType, { count: number; first: SourceRef; shapes: Set<string> }>();
  for (const doc of documents) {
    const shape = collectionShape(doc.path);
    forEachValue(doc.fields, (value) => {
      const entry = found.get(value.type) ?? { count: 0, first: doc.source, shapes: new Set() };
      found.set(value.type, entry);
      entry.count++;
      entry.shapes.add(shape);
    });
  }
  return DATA_VALUE_TYPES.flatMap((type) => {
    const entry = found.get(type);
    if (entry === undefined) return [];
    const shapes = [...entry.shapes];
    const listed = shapes.slice(0, 5).join(", ") + (shapes.length > 5 ? ", …" : "");
    const detail =
      `${type}: ${plural(entry.count, "value")} in ${plural(shapes.length, "collection")} ` +
      `(${listed})`;
    return [makeItem(AREA, `type ${type}`, entry.first, "maps", detail)];
  });
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
