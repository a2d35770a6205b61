import path from "node:path";

/**
 * Whether `target` (absolute, or relative to `dir`) is `dir` or lies below it. Everything a
 * project folder names — rules, indexes, the functions source, the site, the modules its code
 * imports — must: a folder from elsewhere (one sent to the orchestrator for its report) must
 * never make this machine read its other files.
 */
export function isInside(dir: string, target: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(dir, target));
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
