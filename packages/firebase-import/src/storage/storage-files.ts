// Storage files from a folder (`storage-files/` in the project folder, as `gsutil -m cp -r
// gs://<bucket> storage-files` leaves them): each file is an object named by its path below the
// folder, its content type from its extension.
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { objectNameProblem } from "@winky/blob-store";
import { makeItem, type ReportItem } from "../report.js";
import { contentTypeOf } from "./content-types.js";

export const STORAGE_FOLDER = "storage-files";
/** The runtime's default largest object (WINKY_STORAGE_MAX_OBJECT_SIZE). */
const MAX_OBJECT_BYTES = 100 * 1024 * 1024;

export interface StorageFile {
  /** The object name: the path below the folder, with `/`. */
  name: string;
  /** Absolute path on disk. */
  path: string;
  size: number;
  contentType: string;
}

export interface StorageFiles {
  folder: string;
  files: StorageFile[];
  /** False when a file could not be imported as it is: the import must not start. */
  complete: boolean;
  items: ReportItem[];
}

/** Reads the folder (relative to the project folder); null when it does not exist. */
export async function readStorageFiles(
  projectDir: string,
  folder: string = STORAGE_FOLDER,
): Promise<StorageFiles | null> {
  const root = path.resolve(projectDir, folder);
  const info = await stat(root).catch(() => null);
  if (!info) return null;
  const at = { file: folder, line: 1 };
  if (!info.isDirectory()) {
    const item = makeItem("storage", folder, at, "not-understood", `${folder} is not a folder`);
    return { folder, files: [], complete: false, items: [item] };
  }
  const files: StorageFile[] = [];
  const items: ReportItem[] = [];
  let complete = true;
  const walk = async (dir: string): Promise<void> => {
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const name = path.relative(root, full).split(path.sep).join("/");
      const where = { file: `${folder}/${name}`, line: 1 };
      if (entry.isDirectory()) {
        await walk(full);
      } else if (!entry.isFile()) {
        // A link could point anywhere on this machine: left out, and said so.
        items.push(
          makeItem(
            "storage",
            name,
            where,
            "not-understood",
            "not a regular file (a link or device): left out",
          ),
        );
      } else {
        const problem = objectNameProblem(name);
        const size = (await stat(full)).size;
        if (problem !== null) {
          complete = false;
          items.push(
            makeItem(
              "storage",
              name,
              where,
              "needs-change",
              `not a valid object name: ${problem}; rename the file`,
            ),
          );
        } else if (size > MAX_OBJECT_BYTES) {
          complete = false;
          items.push(
            makeItem(
              "storage",
              name,
              where,
              "needs-change",
              `${size} bytes is over the 100 MiB object limit: raise WINKY_STORAGE_MAX_OBJECT_SIZE or leave it out`,
            ),
          );
        } else files.push({ name, path: full, size, contentType: contentTypeOf(name) });
      }
    }
  };
  await walk(root);
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  items.unshift(
    makeItem(
      "storage",
      "files",
      at,
      "maps",
      `${files.length} files (${bytes} bytes) become objects of the project's bucket under the same names`,
    ),
  );
  return { folder, files, complete, items };
}
