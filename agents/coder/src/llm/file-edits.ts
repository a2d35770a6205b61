/**
 * The edits a model may make to an app, applied to the files in memory: exact search and
 * replace in an existing file (the search text must occur exactly once, so an edit never lands
 * somewhere the model did not mean), and whole files only when creating. Nothing is deleted.
 * Each result is the text the model reads back: what happened, or what was wrong.
 */
export type AppFiles = Record<string, string>;

const MAX_FILE_CHARS = 200_000;

/** Why `path` may not be written: absolute, `..`, hidden, or the build's own output. */
export function editPathProblem(path: string): string | undefined {
  if (path === "" || path.length > 200) return "give a relative path of at most 200 characters";
  if (path.startsWith("/") || path.includes("\\")) return "give a relative path with / separators";
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".."))
    return "no empty, . or .. segments";
  if (segments.some((s) => s.startsWith("."))) return "hidden files and folders are not the app's";
  if (["node_modules", "dist"].includes(segments[0]!))
    return `${segments[0]}/ is built, not written`;
  return undefined;
}

export function readFileTool(files: AppFiles, path: string): string {
  const text = files[path];
  return text === undefined ? `error: there is no ${path}; list_files shows the app's files` : text;
}

export function replaceInFile(
  files: AppFiles,
  path: string,
  search: string,
  replace: string,
): string {
  const problem = editPathProblem(path);
  if (problem) return `error: ${path}: ${problem}`;
  const text = files[path];
  if (text === undefined) return `error: there is no ${path}; create_file makes a new one`;
  if (search === "") return "error: search is empty; quote the exact text to replace";
  const first = text.indexOf(search);
  if (first < 0) return `error: the search text is not in ${path}; read_file shows it as it is`;
  if (text.indexOf(search, first + 1) >= 0) {
    return `error: the search text occurs more than once in ${path}; quote more of it`;
  }
  const next = text.slice(0, first) + replace + text.slice(first + search.length);
  if (next.length > MAX_FILE_CHARS)
    return `error: ${path} would exceed ${MAX_FILE_CHARS} characters`;
  files[path] = next;
  return `ok: replaced 1 occurrence in ${path}`;
}

export function createFile(files: AppFiles, path: string, content: string): string {
  const problem = editPathProblem(path);
  if (problem) return `error: ${path}: ${problem}`;
  if (files[path] !== undefined) return `error: ${path} exists; edit it with replace_in_file`;
  if (content.length > MAX_FILE_CHARS) return `error: at most ${MAX_FILE_CHARS} characters a file`;
  files[path] = content;
  return `ok: created ${path}`;
}
