import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** A built site: site path ("/index.html", "/assets/app-1a2b.js") → bytes, as hosting takes it. */
export type SiteFiles = ReadonlyMap<string, Uint8Array>;

/**
 * Paths the checks write themselves: an app's files may not ship them (a planted
 * `node_modules/` or report would be trusted as the job's own).
 */
const RESERVED = ["node_modules", "dist", ".winky-check"];

/**
 * Why `relative` cannot be an app file's path, or null when it can: relative, forward
 * slashes, no `.`/`..` segment, not under a dir the checks own.
 */
export function appPathProblem(relative: string): string | null {
  if (relative === "" || relative.startsWith("/") || relative.includes("\\")) {
    return "must be a relative path with forward slashes";
  }
  const segments = relative.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) {
    return "must not hold empty, '.' or '..' segments";
  }
  if (RESERVED.includes(segments[0]!)) return `'${segments[0]}/' is written by the checks`;
  return null;
}

/**
 * Writes an app's files (path → text) into `dir` (made if missing), or a new temp dir named
 * after `label`, and answers the dir.
 *
 * @throws Error naming the first path that is not a plain relative path inside the app.
 */
export async function writeAppWorkspace(
  files: Readonly<Record<string, string>>,
  where: { label: string; dir?: string },
): Promise<string> {
  for (const relative of Object.keys(files)) {
    const problem = appPathProblem(relative);
    if (problem) throw new Error(`app file '${relative}': ${problem}`);
  }
  const dir = where.dir ?? (await mkdtemp(path.join(tmpdir(), `winky-${where.label}-`)));
  await mkdir(dir, { recursive: true });
  for (const [relative, text] of Object.entries(files)) {
    const target = path.join(dir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  return dir;
}

/** Writes a built site under `dir` (site paths are checked like app paths). */
export async function writeSite(dir: string, site: SiteFiles): Promise<void> {
  for (const [sitePath, bytes] of site) {
    const relative = sitePath.replace(/^\/+/, "");
    const segments = relative.split("/");
    if (relative === "" || segments.some((s) => s === "" || s === "." || s === "..")) {
      throw new Error(`site file '${sitePath}': not a plain path inside the site`);
    }
    const target = path.join(dir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
}

/**
 * Reads every regular file under `dir` into site paths ("/index.html"); an empty map when
 * `dir` does not exist. Symlinks are skipped (the job's copy-back keeps only those inside the
 * workspace, and a site needs none).
 */
export async function readSite(dir: string): Promise<Map<string, Uint8Array>> {
  const site = new Map<string, Uint8Array>();
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch(
      (e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return [];
        throw e;
      },
    );
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) site.set(`/${child}`, await readFile(path.join(dir, child)));
    }
  };
  await walk("");
  return new Map([...site].sort(([a], [b]) => a.localeCompare(b)));
}

/** Reads a text file the job left, or undefined when it did not write it. */
export async function readIfPresent(file: string): Promise<string | undefined> {
  return readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
}

/** Removes a workspace; never throws (a leftover temp dir is not worth failing a check). */
export async function removeWorkspace(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}
