/**
 * Document and collection paths below a database's documents root (`users/alice`,
 * `users/alice/posts`), validated by Firestore's rules so a path we accept is one Firestore
 * would accept too.
 */
import { InvalidPathError } from "./errors.js";
import { isReservedName, NUL_RULE } from "./field-path.js";
import { hasLoneSurrogate, utf8ByteLength } from "./strings.js";
import { MAX_NAME_BYTES } from "./value.js";

/** A document name may be at most 6 KiB; we count the path below the documents root. */
export const MAX_PATH_BYTES = 6144;

/** Firestore allows 100 levels of collections (a root collection and its subcollections). */
export const MAX_COLLECTION_DEPTH = 100;

/** A parsed document path. */
export interface DocumentPath {
  /** The path as given (already canonical: no leading or trailing `/`). */
  path: string;
  segments: string[];
  /** The id of the collection holding the document. */
  collectionId: string;
  documentId: string;
  /** The path of the collection holding the document. */
  parent: string;
}

/** A parsed collection path. */
export interface CollectionPath {
  path: string;
  segments: string[];
  collectionId: string;
  /** The path of the document a subcollection hangs from; absent for a root collection. */
  parent?: string;
}

/**
 * Parses a document path such as `users/alice` or `users/alice/posts/p1`.
 * @throws InvalidPathError naming the path and the rule broken.
 */
export function parseDocumentPath(path: string): DocumentPath {
  const segments = splitPath(path, "document");
  if (segments.length % 2 !== 0) {
    fail(
      path,
      "document",
      `it has ${segments.length} segments; a document path has an even number`,
    );
  }
  return {
    path,
    segments,
    collectionId: segments[segments.length - 2] as string,
    documentId: segments[segments.length - 1] as string,
    parent: segments.slice(0, -1).join("/"),
  };
}

/**
 * Parses a collection path such as `users` or `users/alice/posts`.
 * @throws InvalidPathError naming the path and the rule broken.
 */
export function parseCollectionPath(path: string): CollectionPath {
  const segments = splitPath(path, "collection");
  if (segments.length % 2 !== 1) {
    fail(
      path,
      "collection",
      `it has ${segments.length} segments; a collection path has an odd number`,
    );
  }
  const parsed: CollectionPath = {
    path,
    segments,
    collectionId: segments[segments.length - 1] as string,
  };
  if (segments.length > 1) parsed.parent = segments.slice(0, -1).join("/");
  return parsed;
}

/**
 * Checks a single document or collection id, e.g. one a client proposes for a new document.
 * @throws InvalidPathError naming the id and the rule broken.
 */
export function validateId(id: string, kind: "document" | "collection"): void {
  const problem = segmentProblem(id);
  if (problem !== undefined) {
    throw new InvalidPathError(id, `invalid ${kind} id ${JSON.stringify(id)}: ${problem}`);
  }
}

/**
 * Checks one id: not empty, not `.` or `..`, no `/`, no U+0000 (paths are PostgreSQL `text`),
 * valid Unicode, at most 1,500 bytes, not reserved (`__.*__`). Returns the rule broken, or
 * undefined.
 */
function segmentProblem(segment: string): string | undefined {
  if (segment.length === 0) return "it is empty";
  if (segment === "." || segment === "..") return `${JSON.stringify(segment)} is not allowed`;
  if (segment.includes("/")) return "it contains '/'";
  if (segment.includes("\u0000")) return `it ${NUL_RULE}`;
  if (hasLoneSurrogate(segment)) return "it is not valid Unicode (it has a lone surrogate)";
  const bytes = utf8ByteLength(segment);
  if (bytes > MAX_NAME_BYTES) return `it is ${bytes} bytes; the limit is ${MAX_NAME_BYTES}`;
  if (isReservedName(segment)) return "ids matching __.*__ are reserved";
  return undefined;
}

function splitPath(path: string, kind: "document" | "collection"): string[] {
  if (path.length === 0) fail(path, kind, "it is empty");
  const bytes = utf8ByteLength(path);
  if (bytes > MAX_PATH_BYTES)
    fail(path, kind, `it is ${bytes} bytes; the limit is ${MAX_PATH_BYTES}`);
  const segments = path.split("/");
  segments.forEach((segment, i) => {
    const problem = segmentProblem(segment);
    if (problem !== undefined) fail(path, kind, `segment ${i + 1} is invalid: ${problem}`);
  });
  const collections = Math.ceil(segments.length / 2);
  if (collections > MAX_COLLECTION_DEPTH) {
    fail(path, kind, `it is ${collections} collections deep; the limit is ${MAX_COLLECTION_DEPTH}`);
  }
  return segments;
}

function fail(path: string, kind: string, rule: string): never {
  // Long paths are cut in the message: the rule broken matters, not 6 KiB of echo.
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  throw new InvalidPathError(path, `invalid ${kind} path ${JSON.stringify(shown)}: ${rule}`);
}
