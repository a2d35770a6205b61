/**
 * Field paths: apps write them dotted (`"address.city"`), as in Firebase; the wire quotes every
 * segment that is not a simple identifier in backticks, so a map key containing a dot
 * (`{ "a.b": 1 }` written by setDoc with merge) stays one segment.
 */
import { invalidArgument } from "../errors.js";

/** The field path that names the document itself, for ordering and cursors. */
export const DOCUMENT_ID = "__name__";

/**
 * The field path of a document's id, to order or filter by it.
 *
 * @example
 * ```ts
 * query(db.collection("users"), orderBy(documentId()), startAfter("m"));
 * ```
 */
export function documentId(): string {
  return DOCUMENT_ID;
}

const SIMPLE_SEGMENT = /^[A-Za-z_][A-Za-z_0-9]*$/;

/**
 * Splits a dotted field path an app wrote into its segments.
 * @throws WinkyError invalid-argument for an empty path or an empty segment (`"a..b"`).
 */
export function parseFieldPath(path: string, where: string): string[] {
  if (path === DOCUMENT_ID) return [DOCUMENT_ID];
  if (typeof path !== "string" || path === "") {
    throw invalidArgument(`${where}: a field path must be a non-empty string`);
  }
  const segments = path.split(".");
  if (segments.some((s) => s === "")) {
    throw invalidArgument(`${where}: invalid field path "${path}": a segment is empty`);
  }
  return segments;
}

/** Formats segments for the wire: `` a.`b-c`.d ``, escaping `` ` `` and `\` inside quotes. */
export function formatFieldPath(segments: readonly string[]): string {
  return segments
    .map((s) =>
      SIMPLE_SEGMENT.test(s) || s === DOCUMENT_ID ? s : "`" + s.replace(/[`\\]/g, "\\$&") + "`",
    )
    .join(".");
}

/** The path as messages show it (`address.city`, `tags[2]`). */
export function displayPath(segments: readonly (string | number)[]): string {
  let text = "";
  for (const s of segments) {
    text += typeof s === "number" ? `[${s}]` : text === "" ? s : `.${s}`;
  }
  return text;
}

/** True when `prefix` is `path` or one of its ancestors. */
export function isPrefixOf(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}

/** The value at `segments` in a plain object tree, or undefined. */
export function getPath(root: unknown, segments: readonly string[]): unknown {
  let current: unknown = root;
  for (const s of segments) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, s)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[s];
  }
  return current;
}
