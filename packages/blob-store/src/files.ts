import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { open, readFile, rename, rm, type FileHandle } from "node:fs/promises";

// Refuse to follow a symlink in the last path component (where the platform supports it).
export const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export function errorCode(e: unknown): string | undefined {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

/** ENOENT, or ENOTDIR (a path component is a file): either way, nothing is there. */
export function isMissing(e: unknown): boolean {
  const code = errorCode(e);
  return code === "ENOENT" || code === "ENOTDIR";
}

/** Writes all of `chunk` at `position` (a single write may be short). */
export async function writeAll(handle: FileHandle, chunk: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, done, chunk.length - done, position + done);
    done += bytesWritten;
  }
}

/** A name for a temporary file that no concurrent writer will pick. */
export function tempName(base: string): string {
  return `${base}.tmp-${randomBytes(6).toString("hex")}`;
}

/**
 * Replaces `target` with `data` so that a reader or a crash sees the old file or the new one,
 * never a half-written one: write a temporary file beside it, flush it to disk, rename it.
 */
export async function writeFileAtomic(target: string, data: string | Buffer): Promise<void> {
  const temp = tempName(target);
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** The parsed JSON in `path`, or null when the file does not exist. Symlinks are refused. */
export async function readJsonFile(path: string): Promise<unknown> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW);
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
  try {
    return JSON.parse(await readFile(handle, "utf8")) as unknown;
  } finally {
    await handle.close();
  }
}
