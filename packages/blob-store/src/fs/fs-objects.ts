import { constants } from "node:fs";
import { type FileHandle, mkdir, open, readdir, rename, rm, rmdir, stat } from "node:fs/promises";
import path from "node:path";
import type { BlobBody, BlobInfo } from "../blob-store.js";
import { chunksOf, Digest } from "../content.js";
import { BlobStoreError, describeObject, quote, tooLarge } from "../errors.js";
import { errorCode, isMissing, NO_FOLLOW, readJsonFile, tempName, writeAll } from "../files.js";
import type { ObjectFiles } from "./fs-layout.js";

/**
 * The live object's metadata from its sidecar, or null.
 * @throws {BlobStoreError} `invalid-name` when the sidecar belongs to a name that differs
 *   only in case (a case-insensitive file system maps both to one file).
 */
export async function readInfo(
  files: ObjectFiles,
  bucket: string,
  name: string,
): Promise<BlobInfo | null> {
  const info = (await readJsonFile(files.sidecar)) as BlobInfo | null;
  if (info === null) return null;
  if (info.name !== name) {
    throw new BlobStoreError(
      "invalid-name",
      `${describeObject(bucket, name)} collides with ${quote(info.name)} on this case-insensitive file system.`,
      { bucket, name },
    );
  }
  return info;
}

/** A put's content, complete in a temporary file, with its size and MD5. */
export interface Received {
  path: string;
  size: number;
  md5Hash: string;
}

/**
 * Streams `body` into a new file in `tmpDir`, hashing as it goes, and flushes it to disk.
 * Nothing is left behind on failure.
 * @throws {BlobStoreError} `too-large` past `maxSize`; a failing stream's own error.
 */
export async function receive(
  body: BlobBody,
  tmpDir: string,
  maxSize: number,
  subject: { bucket: string; name: string },
): Promise<Received> {
  await mkdir(tmpDir, { recursive: true });
  const file = path.join(tmpDir, tempName("put"));
  const handle = await open(file, "wx", 0o600);
  const digest = new Digest();
  try {
    for await (const chunk of chunksOf(body)) {
      if (digest.size + chunk.length > maxSize)
        throw tooLarge(subject.bucket, subject.name, maxSize);
      await writeAll(handle, chunk, digest.size);
      digest.update(chunk);
    }
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(file, { force: true });
    throw e;
  }
  await handle.close();
  return { path: file, size: digest.size, md5Hash: digest.md5Base64() };
}

/**
 * Moves a finished content file into the object's directory. Retries when a concurrent delete
 * pruned the (then empty) directory between our mkdir and the rename.
 */
export async function placeContent(
  from: string,
  to: string,
  makeDir: () => Promise<void>,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await makeDir();
    try {
      await rename(from, to);
      return;
    } catch (e) {
      if (!isMissing(e) || attempt === 2) throw e;
    }
  }
}

/** Opens a content file for reading, refusing a symlink; null when it is gone. */
export async function openContent(file: string): Promise<FileHandle | null> {
  try {
    return await open(file, constants.O_RDONLY | NO_FOLLOW);
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}

/** Removes now-empty directories from `dir` up to (not including) `stop`. */
export async function pruneEmptyDirs(dir: string, stop: string): Promise<void> {
  for (let current = dir; current.startsWith(stop + path.sep); current = path.dirname(current)) {
    try {
      await rmdir(current);
    } catch (e) {
      const code = errorCode(e);
      if (code === "ENOTEMPTY" || code === "EEXIST" || isMissing(e)) return;
      throw e;
    }
  }
}

/** Removes files in `dir` last modified before `cutoff` (ms since the epoch); returns how many. */
export async function sweepStale(dir: string, cutoff: number): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let swept = 0;
  for (const entry of names) {
    const file = path.join(dir, entry);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && info.mtimeMs < cutoff) {
      await rm(file, { force: true });
      swept++;
    }
  }
  return swept;
}
