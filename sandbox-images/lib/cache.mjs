// Where the build keeps what outlives one run (the debootstrap tarball, the node binary's hash),
// and the temp dirs it must never leave behind.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";

/**
 * The cache dir: $WINKY_CACHE_DIR, else /var/cache/winky/sandbox-images for root (debootstrap
 * needs root, so that is the usual case), else ~/.cache/winky/sandbox-images.
 */
export function cacheDir(env = process.env) {
  if (env.WINKY_CACHE_DIR) return path.resolve(env.WINKY_CACHE_DIR, "sandbox-images");
  const base =
    process.getuid?.() === 0 ? "/var/cache/winky" : path.join(os.homedir(), ".cache/winky");
  return path.join(base, "sandbox-images");
}

/**
 * sha256 of a file, remembered in <cacheDir>/file-hashes.json by (size, mtime, ctime, inode):
 * hashing the ~100 MB node binary costs ~250 ms, which the "up to date" path should not pay.
 * Replacing the binary changes its inode or ctime, so a stale entry cannot match.
 */
export async function hashFileCached(file, dir = cacheDir()) {
  const memoFile = path.join(dir, "file-hashes.json");
  const info = await stat(file);
  const fingerprint = [info.size, info.mtimeMs, info.ctimeMs, info.ino].join(":");
  const memo = await readFile(memoFile, "utf8")
    .then((text) => JSON.parse(text))
    .catch(() => ({}));
  if (memo[file]?.fingerprint === fingerprint) return memo[file].sha256;

  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  const sha256 = hash.digest("hex");
  // Best effort: a read-only cache dir only costs the next run the same 250 ms.
  await mkdir(dir, { recursive: true })
    .then(() => writeFile(memoFile, JSON.stringify({ ...memo, [file]: { fingerprint, sha256 } })))
    .catch(() => undefined);
  return sha256;
}

const tempDirs = new Set();

/** A fresh temp dir under `parent`, registered so cleanUpAfterInterrupt() can remove it. */
export async function makeTempDir(parent, prefix) {
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * Removes a temp dir. Anything still mounted inside it (debootstrap mounts /proc and /sys in
 * the target while it runs, and an interrupted run may leave them) is unmounted first, so the
 * recursive delete can never walk into the host's /proc, /sys or /dev.
 */
export async function removeTempDir(dir) {
  unmountUnder(dir);
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  tempDirs.delete(dir);
}

let heldLock;

/**
 * Runs `fn` holding <dir>/build.lock (O_EXCL create, our pid inside), so that `npm run setup`
 * and a test hook starting together build once: the second waits, then finds the image built.
 * A lock whose pid is gone is stale (a killed build) and is taken over.
 */
export async function withBuildLock(dir, onWait, fn) {
  const lock = path.join(dir, "build.lock");
  await mkdir(dir, { recursive: true });
  const giveUp = Date.now() + 15 * 60_000;
  for (let waited = false; ; waited = true) {
    try {
      await writeFile(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    const holder = Number(await readFile(lock, "utf8").catch(() => ""));
    // An empty file is a lock being written right now, not a stale one.
    if (holder > 0 && !isAlive(holder)) {
      await rm(lock, { force: true });
      continue;
    }
    if (!waited) onWait(holder);
    if (Date.now() > giveUp) throw new Error(`${lock} is still held by pid ${holder} after 15 min`);
    await delay(500);
  }
  heldLock = lock;
  try {
    return await fn();
  } finally {
    heldLock = undefined;
    await rm(lock, { force: true });
  }
}

/** For an interrupted build: removes every temp dir, and the lock if we hold it. */
export async function cleanUpAfterInterrupt() {
  for (const dir of [...tempDirs]) await removeTempDir(dir).catch(() => undefined);
  if (heldLock) await rm(heldLock, { force: true });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM"; // exists, owned by someone else
  }
}

function unmountUnder(dir) {
  const prefix = `${path.resolve(dir)}/`;
  let mounts;
  try {
    mounts = readFileSync("/proc/self/mounts", "utf8");
  } catch {
    return; // not Linux: nothing of ours can be mounted
  }
  const inside = mounts
    .split("\n")
    .map((line) => (line.split(" ")[1] ?? "").replace(/\\040/g, " "))
    .filter((point) => point.startsWith(prefix))
    .sort((a, b) => b.length - a.length); // deepest first
  for (const point of inside) {
    const result = spawnSync("umount", ["--lazy", point], { encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(
        `cannot remove ${dir}: ${point} is still mounted and umount failed (${result.stderr.trim()}); ` +
          `unmount it by hand, then delete the dir`,
      );
    }
  }
}
