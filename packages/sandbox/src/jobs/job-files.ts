// The host side of one job: a temp dir holding the copy of its workspace (owned by the sandbox
// user), the forwarder script and one Unix socket per service, each relayed to the service's
// own socket. The job never sees the caller's dir or sockets themselves: it gets copies and
// relays, and its files come back only as regular files, dirs and symlinks (never followed).
import { randomBytes } from "node:crypto";
import {
  chmod,
  copyFile,
  cp,
  lchown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readlink,
  rename,
  rm,
} from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SANDBOX_USER } from "../core/launcher.js";
import { UnixSocketServer } from "../core/unix-socket.js";
import type { JobService } from "./job-types.js";

export const JOB_PREFIX = "winky-job-";
/** The forwarder as shipped with this package (src/ in tests, dist/ when built). */
export const FORWARDER_SOURCE = fileURLToPath(new URL("./forwarder.mjs", import.meta.url));

export class JobFiles {
  readonly #relays: UnixSocketServer[] = [];

  private constructor(readonly root: string) {}

  /** `<root>/workspace`, mounted read-write at /workspace. */
  get workspace(): string {
    return path.join(this.root, "workspace");
  }

  /** `<root>/job`, mounted read-only at /opt/winky/job: the forwarder. */
  get jobDir(): string {
    return path.join(this.root, "job");
  }

  /** `<root>/services`, mounted read-only at /run/winky/services: `<port>.sock` each. */
  get servicesDir(): string {
    return path.join(this.root, "services");
  }

  /**
   * A temp dir under `parent` (0711, random name) with a copy of `source` as the workspace,
   * given to the sandbox user, and a relay per service.
   */
  static async create(
    source: string,
    services: readonly JobService[],
    parent: string = tmpdir(),
  ): Promise<JobFiles> {
    const root = await mkdtemp(path.join(parent, `${JOB_PREFIX}${process.pid}-`));
    const files = new JobFiles(root);
    try {
      await chmod(root, 0o711);
      await copyTree(source, files.workspace);
      await giveToSandboxUser(files.workspace);
      await mkdir(files.jobDir, { mode: 0o755 });
      await copyFile(FORWARDER_SOURCE, path.join(files.jobDir, "forwarder.mjs"));
      await chmod(path.join(files.jobDir, "forwarder.mjs"), 0o644);
      await mkdir(files.servicesDir, { mode: 0o755 });
      for (const service of services) {
        const relay = await UnixSocketServer.listen(
          path.join(files.servicesDir, `${service.port}.sock`),
          (client) => pipeTo(client, service.socket),
          { allowHalfOpen: true },
        );
        files.#relays.push(relay);
      }
      return files;
    } catch (error) {
      await files.close();
      throw error;
    }
  }

  /**
   * Replaces `target`'s content with the job's workspace: copied beside it first, then swapped
   * in by renames, so a failed copy leaves `target` as it was. Symlinks that lead out of the
   * workspace (absolute, or `..` past its root) are left out: whatever reads the dir later
   * (a deploy uploading dist/) cannot be led to the host's files by a link the job planted.
   */
  async copyBack(target: string): Promise<void> {
    const suffix = randomBytes(4).toString("hex");
    const incoming = `${target}.${JOB_PREFIX}in-${suffix}`;
    const outgoing = `${target}.${JOB_PREFIX}out-${suffix}`;
    try {
      await copyTree(this.workspace, incoming, { linksWithin: this.workspace });
      await rename(target, outgoing);
      await rename(incoming, target);
    } finally {
      await rm(incoming, { recursive: true, force: true });
      await rm(outgoing, { recursive: true, force: true });
    }
  }

  /** Drops every relayed connection and removes the temp dir. */
  async close(): Promise<void> {
    for (const relay of this.#relays) relay.close();
    await rm(this.root, { recursive: true, force: true });
  }
}

/**
 * Copies a tree keeping symlinks as they are (never read through) and leaving out FIFOs,
 * sockets and devices; with `linksWithin`, also the symlinks that point outside that dir.
 */
async function copyTree(
  from: string,
  to: string,
  options: { linksWithin?: string } = {},
): Promise<void> {
  await cp(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    errorOnExist: false,
    filter: async (source) => {
      const entry = await lstat(source);
      if (entry.isSymbolicLink() && options.linksWithin) {
        return leadsWithin(source, await readlink(source), options.linksWithin);
      }
      return entry.isFile() || entry.isDirectory() || entry.isSymbolicLink();
    },
  });
}

/** Whether a link at `link` to `target` stays inside `root`, read as text (not followed). */
function leadsWithin(link: string, target: string, root: string): boolean {
  if (path.isAbsolute(target)) return false;
  const resolved = path.resolve(path.dirname(link), target);
  return resolved === root || resolved.startsWith(root + path.sep);
}

/**
 * As root: chown the tree to the sandbox user. Otherwise the job can only write where others
 * may: dirs and files are opened up (under the 0711 root nobody else can list).
 */
async function giveToSandboxUser(dir: string): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const walk = async (at: string, isDir: boolean): Promise<void> => {
    if (asRoot) await lchown(at, SANDBOX_USER.uid, SANDBOX_USER.gid);
    else await chmod(at, ((await lstat(at)).mode & 0o7777) | (isDir ? 0o777 : 0o666));
    if (!isDir) return;
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const child = path.join(at, entry.name);
      if (entry.isDirectory()) await walk(child, true);
      else if (entry.isSymbolicLink()) {
        if (asRoot) await lchown(child, SANDBOX_USER.uid, SANDBOX_USER.gid);
      } else await walk(child, false);
    }
  };
  await walk(dir, true);
}

function pipeTo(client: Socket, socketPath: string): void {
  const upstream = connect({ path: socketPath, allowHalfOpen: true });
  const closeBoth = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on("error", closeBoth);
  upstream.on("error", closeBoth);
  client.on("close", closeBoth);
  upstream.on("close", closeBoth);
  client.pipe(upstream);
  upstream.pipe(client);
}
