import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** What the `min/vs` build holds that a browser asks for, and how each is served. */
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".ttf": "font/ttf",
};
/** One path segment of a file in the build: no `..`, no separators, no hidden files. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

let vsRoot: string | null | undefined;

/**
 * Where `monaco-editor/min/vs` is installed: the first `node_modules` up from the studio's
 * working directory that has it, as Node's own resolution would find it. (Resolving through
 * `import.meta` or `require.resolve` would point into Next's build output, not the sources.)
 */
function monacoVs(): string | null {
  if (vsRoot !== undefined) return vsRoot;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", "monaco-editor", "min", "vs");
    if (existsSync(path.join(candidate, "loader.js"))) return (vsRoot = candidate);
    if (path.dirname(dir) === dir) return (vsRoot = null);
  }
}

/**
 * Monaco's files for the run view's code viewer, served by the studio itself (no CDN):
 * `/api/monaco/vs/<file>` is `monaco-editor/min/vs/<file>`. Only files of that folder with a
 * known type are served; the path is checked segment by segment and once resolved.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ path: string[] }> },
): Promise<Response> {
  const { path: segments } = await params;
  const root = monacoVs();
  if (!root) {
    return new Response("monaco-editor is not installed next to the studio", {
      status: 503,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const [vs, ...rest] = segments;
  const type = TYPES[path.extname(rest.at(-1) ?? "")];
  const file = path.resolve(root, ...rest);
  if (vs !== "vs" || rest.length === 0 || !rest.every((s) => SEGMENT.test(s)) || !type) {
    return notFound();
  }
  if (!file.startsWith(`${root}${path.sep}`)) return notFound();
  const body = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" || e.code === "EISDIR" || e.code === "ENOTDIR") return null;
    throw e;
  });
  if (!body) return notFound();
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": type,
      "x-content-type-options": "nosniff",
      // The files change only when the package does; a day is a fair time to keep them.
      "cache-control": "public, max-age=86400",
    },
  });
}

function notFound(): Response {
  return new Response("no such file of Monaco", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
