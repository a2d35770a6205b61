import type { JsonValue } from "@winky/sandbox";
import type { Caller, DocumentService } from "../documents/document-service.js";
import { InvalidPathError } from "../documents/model/errors.js";
import { parseCollectionPath, parseDocumentPath } from "../documents/model/paths.js";
import { MAX_TREE_PAGE } from "../documents/store/document-tree.js";
import { invalidArgument } from "../errors/runtime-error.js";

/**
 * `{ op: "collections", path }`: the ids of the collections below a document (`path` "" for
 * the root), as firebase-admin's `listCollections()` answers them.
 */
export async function listCollectionIds(
  documents: DocumentService,
  projectId: string,
  caller: Caller,
  path: JsonValue | undefined,
): Promise<JsonValue> {
  const tree = documents.tree(caller);
  if (path === "" || path === undefined) return tree.collectionIds(projectId, "");
  return tree.collectionIds(projectId, parsed(path, "document"));
}

/**
 * `{ op: "descendants", path, after? }`: a page of the paths at or below a document or
 * collection (`path`'s segment count says which), `{ paths, next }`, `next` null on the last
 * page: what `recursiveDelete` deletes.
 */
export async function listDescendants(
  documents: DocumentService,
  projectId: string,
  caller: Caller,
  body: Record<string, JsonValue>,
): Promise<JsonValue> {
  const tree = documents.tree(caller);
  if (typeof body.path !== "string") throw invalidArgument("path: expected a string");
  const after = body.after ?? null;
  if (after !== null && typeof after !== "string") {
    throw invalidArgument("after: expected a path or null");
  }
  const isDocument = body.path.split("/").length % 2 === 0;
  const at = isDocument
    ? { document: parsed(body.path, "document") }
    : { collection: parsed(body.path, "collection") };
  const paths = await tree.documentPaths(projectId, at, after);
  return { paths, next: paths.length === MAX_TREE_PAGE ? paths.at(-1)! : null };
}

function parsed(path: JsonValue, kind: "document" | "collection"): string {
  if (typeof path !== "string") throw invalidArgument("path: expected a string");
  try {
    return (kind === "document" ? parseDocumentPath(path) : parseCollectionPath(path)).path;
  } catch (e) {
    if (e instanceof InvalidPathError) throw invalidArgument(`path: ${e.message}`);
    throw e;
  }
}
