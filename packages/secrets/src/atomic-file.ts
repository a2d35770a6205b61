import { randomBytes } from "node:crypto";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import path from "node:path";

/**
 * Replaces `file` with `data` so that a reader, or a crash, sees either the old content or the
 * new one, never a mix: a temp file beside it (mode 0600), fsync, rename over, then fsync of
 * the directory so the rename itself survives a power cut. Creates the directory (0700).
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(data, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await fsyncDirectory(dir);
}

/**
 * Flushes a directory entry change (a rename, a link) to disk. Best effort: some platforms and
 * file systems refuse to open or sync a directory, and then there is nothing more to do.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on platforms without directory fsync.
  } finally {
    await handle?.close();
  }
}
