/**
 * Object paths, checked before anything is sent: the runtime is the authority on names (it
 * also refuses what percent-decoding would turn into `..`), but an app that builds a path from
 * user input deserves an error naming the path and the problem, at the line that built it.
 */
import { invalidArgument } from "../errors.js";

/** Firebase Storage's limit on an object name, in UTF-8 bytes (the runtime's too). */
export const MAX_PATH_BYTES = 1024;

// A lone surrogate has no UTF-8 form: two different names would be stored as the same bytes.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const encoder = new TextEncoder();

/**
 * Why `path` is not an object path, or null when it is one. The root is the empty path; any
 * other is `/`-separated segments, none empty, `.` or `..`, without control characters or
 * backslashes, at most {@link MAX_PATH_BYTES} bytes.
 */
export function pathProblem(path: string): string | null {
  if (path === "") return null;
  const bytes = encoder.encode(path).length;
  if (bytes > MAX_PATH_BYTES) return `it is ${bytes} bytes long, more than ${MAX_PATH_BYTES}`;
  if (LONE_SURROGATE.test(path)) return "it is not well-formed Unicode";
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return "it contains a control character";
  }
  if (path.includes("\\")) return "it contains a backslash";
  for (const segment of path.split("/")) {
    if (segment === "") return "it has an empty segment (a leading, trailing or double /)";
    if (segment === "." || segment === "..") return `it has a "${segment}" segment`;
  }
  return null;
}

/**
 * `path` when it is an object path (`"/"` and `""` are the root).
 * @throws WinkyError invalid-argument naming `what`, the path and the problem.
 */
export function checkPath(path: unknown, what: string): string {
  if (typeof path !== "string") {
    throw invalidArgument(`${what}: the path must be a string, got ${typeof path}`);
  }
  const normalized = path === "/" ? "" : path;
  const problem = pathProblem(normalized);
  if (problem !== null) {
    throw invalidArgument(`${what}: invalid storage path ${quote(path)}: ${problem}`, {
      path,
    });
  }
  return normalized;
}

/** `child` below `parent`; both already checked. */
export function joinPath(parent: string, child: string): string {
  return parent === "" ? child : child === "" ? parent : `${parent}/${child}`;
}

/** The path one level up, or null for the root. */
export function parentPath(path: string): string | null {
  if (path === "") return null;
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** The last segment (`"cat.png"` of `"images/cat.png"`); empty for the root. */
export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** A path in an error message, shortened: a 1 KiB path would drown the message. */
export function quote(path: string): string {
  return JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path);
}
