import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** The most a folder sent for a report may hold: the CLI reads larger ones on the user's machine. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 5_000;
const MAX_PATH_LENGTH = 500;
// A character class, not a repeated group: V8 runs out of stack on a group repeated millions
// of times.
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;
const isBase64 = (text: string) => text.length % 4 === 0 && BASE64_CHARS.test(text);

/** A file of the folder: its path inside it (`functions/src/index.ts`) and its bytes in base64. */
export interface UploadedFile {
  path: string;
  base64: string;
}

/** What is wrong with one field of the upload (`files[3].path`), said so the sender can fix it. */
export class UploadProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "UploadProblem";
  }
}

/**
 * Writes the bodies {@link checkUpload} answered into a new private folder (0700); on a
 * failure nothing is left.
 *
 * @returns the folder and its removal, which the caller runs whatever happens next.
 */
export async function writeUploadedFolder(
  bodies: ReadonlyMap<string, Buffer>,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "winky-firebase-report-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  let index = 0;
  try {
    for (const [relative, body] of bodies) {
      const target = path.join(dir, ...relative.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, body, { flag: "wx" });
      index++;
    }
  } catch (e) {
    await remove();
    // What the checks cannot see: this file system's own refusals (a name it cannot hold).
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    const name = [...bodies.keys()][index];
    throw new UploadProblem(
      `files[${index}].path`,
      `${JSON.stringify(name)} cannot be stored here (${code})`,
    );
  }
  return { dir, remove };
}

/**
 * Checks every path and body of an uploaded folder: paths are relative and POSIX, and may not
 * leave the folder (`..`, absolute, drive letters, backslashes) nor name one file twice; the
 * bodies together stay under {@link MAX_UPLOAD_BYTES}.
 *
 * @returns the decoded bodies by path (in the order sent).
 * @throws UploadProblem naming the first bad field.
 */
export function checkUpload(files: readonly UploadedFile[]): Map<string, Buffer> {
  if (files.length === 0) throw new UploadProblem("files", "the folder is empty");
  if (files.length > MAX_UPLOAD_FILES) {
    throw new UploadProblem(
      "files",
      `the folder holds ${files.length} files; a report reads at most ${MAX_UPLOAD_FILES} (leave out node_modules, or run winky import firebase <dir> --report-only)`,
    );
  }
  const bodies = new Map<string, Buffer>();
  const folders = new Set<string>();
  let total = 0;
  for (const [i, file] of files.entries()) {
    const field = `files[${i}].path`;
    const problem = pathProblem(file.path);
    if (problem) throw new UploadProblem(field, `${JSON.stringify(file.path)} ${problem}`);
    if (bodies.has(file.path)) {
      throw new UploadProblem(field, `${JSON.stringify(file.path)} is sent twice`);
    }
    if (!isBase64(file.base64)) {
      throw new UploadProblem(`files[${i}].base64`, `the body of ${file.path} is not base64`);
    }
    const body = Buffer.from(file.base64, "base64");
    total += body.length;
    if (total > MAX_UPLOAD_BYTES) {
      throw new UploadProblem(
        "files",
        `the folder is over ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB (at ${file.path}); run winky import firebase <dir> --report-only on your machine for larger ones`,
      );
    }
    bodies.set(file.path, body);
    const segments = file.path.split("/");
    for (let n = 1; n < segments.length; n++) folders.add(segments.slice(0, n).join("/"));
  }
  for (const folder of folders) {
    if (bodies.has(folder)) {
      const i = files.findIndex((f) => f.path === folder);
      throw new UploadProblem(
        `files[${i}].path`,
        `${JSON.stringify(folder)} is both a file and a folder`,
      );
    }
  }
  return bodies;
}

/** Why `p` cannot name a file inside the folder, or null when it can. */
function pathProblem(p: string): string | null {
  if (p.length === 0) return "is empty";
  if (p.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (p.includes("\0")) return "holds a NUL character";
  if (p.includes("\\")) return "uses backslashes: separate folders with /";
  if (p.startsWith("/") || /^[A-Za-z]:/.test(p)) return "is absolute: send paths inside the folder";
  const segments = p.split("/");
  if (segments.some((s) => s === "")) return "has an empty folder name (// or a trailing /)";
  if (segments.some((s) => s === "." || s === "..")) return "uses . or .. segments";
  if (segments.some((s) => Buffer.byteLength(s) > 255)) return "has a name over 255 bytes";
  return null;
}
