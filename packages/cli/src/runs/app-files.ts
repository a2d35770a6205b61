import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../cli-flags.js";

/**
 * Checks that `dir` is new or empty before a run starts, so `--out` never mixes an app's
 * files with others (or overwrites them).
 *
 * @throws UsageError naming the directory when it holds anything.
 */
export async function assertEmptyOutDir(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [];
    if (e.code === "ENOTDIR") throw new UsageError(`--out ${dir} is a file, not a directory`);
    throw e;
  });
  if (entries.length > 0) throw new UsageError(`--out ${dir} is not empty; name a new directory`);
}

/** Writes the app's files under `dir`; a path that would leave it is refused. */
export async function writeAppFiles(
  dir: string,
  files: Readonly<Record<string, string>>,
): Promise<number> {
  const root = path.resolve(dir);
  for (const [name, text] of Object.entries(files)) {
    const target = path.resolve(root, name);
    if (!target.startsWith(`${root}${path.sep}`)) {
      throw new Error(`the app's file ${JSON.stringify(name)} would be written outside ${root}`);
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  return Object.keys(files).length;
}
