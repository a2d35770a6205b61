import { readdir } from "node:fs/promises";
import path from "node:path";

/** Every folder at or under `root` that holds a `cases.json`, sorted, node_modules skipped. */
export async function findCaseFolders(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === "cases.json")) found.push(dir);
    for (const e of entries) {
      if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")) {
        await walk(path.join(dir, e.name));
      }
    }
  };
  await walk(path.resolve(root));
  return found.sort();
}
