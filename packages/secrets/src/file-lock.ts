import { open, readFile, stat, unlink } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { SecretStoreError } from "./errors.js";

/** The tail of each file's queue of writers in this process, by absolute path. */
const queues = new Map<string, Promise<void>>();

/**
 * Runs `fn` while holding the write lock of `file`: first a queue shared by every store of this
 * process on that path, then an advisory lock file (`<file>.lock`, created with O_EXCL and
 * holding our pid) that cooperating processes on the same host respect. A lock file whose
 * process has died is removed; one held longer than `timeoutMs` fails the write.
 *
 * @throws SecretStoreError `unavailable` naming the lock file when it cannot be taken.
 */
export async function withFileLock<T>(
  file: string,
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  queues.set(file, tail);
  try {
    await previous;
    const lockFile = `${file}.lock`;
    await acquire(lockFile, timeoutMs);
    try {
      return await fn();
    } finally {
      await unlink(lockFile).catch(() => undefined);
    }
  } finally {
    release();
    if (queues.get(file) === tail) queues.delete(file);
  }
}

async function acquire(lockFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockFile, "wx", 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (e) {
      if (errno(e) !== "EEXIST") {
        throw new SecretStoreError(
          "unavailable",
          `cannot create the lock file ${lockFile} (${errno(e) ?? "error"})`,
        );
      }
    }
    const holder = await lockHolder(lockFile);
    if (holder === null ? await isOld(lockFile) : !isAlive(holder)) {
      // Left by a process that died while writing, whose new content never renamed into place.
      // (Two processes clearing the same stale lock at the same instant could both go on: a
      // narrow window after a crash, documented in the README.)
      await unlink(lockFile).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new SecretStoreError(
        "unavailable",
        `the lock file ${lockFile} has been held for over ${timeoutMs} ms` +
          (holder === null ? "" : ` by process ${holder}`) +
          "; remove it if no Winky process is running",
      );
    }
    // Backs off from 5 ms to 50 ms, with jitter so that waiting processes do not march in step.
    await sleep(Math.min(50, 5 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
  }
}

/** The pid written in the lock file; null while it is being written or unreadable. */
async function lockHolder(lockFile: string): Promise<number | null> {
  const text = await readFile(lockFile, "utf8").catch(() => "");
  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** An empty lock file older than this was left by a process that died before writing its pid. */
const EMPTY_LOCK_STALE_MS = 5_000;

async function isOld(lockFile: string): Promise<boolean> {
  const info = await stat(lockFile).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > EMPTY_LOCK_STALE_MS;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return errno(e) === "EPERM";
  }
}

function errno(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
