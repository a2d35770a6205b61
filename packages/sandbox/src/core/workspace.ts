// The host-side files of a sandbox: one temp dir per `Sandbox` holding the runner, one dir per
// prepared version (its bundle) and one per live sandbox (its sockets). All are mounted
// read-only into sandboxes, so the sandboxed user must be able to read them: dirs 0755 under a
// 0711 root (random names, so other host users cannot find them), files 0644.
import { randomBytes } from "node:crypto";
import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SANDBOX_USER } from "./launcher.js";

const PREFIX = "winky-sandbox-";
/** The runner as shipped with this package (src/ in tests, dist/ when built). */
export const RUNNER_SOURCE = fileURLToPath(new URL("../runner/runner.mjs", import.meta.url));
/** The runner's modules, copied beside it into every sandbox. */
const RUNNER_FILES = ["runner.mjs", "error-fields.mjs"];

export class Workspace {
  private constructor(readonly root: string) {}

  /** A new workspace under `parent` (default: the OS temp dir), named after this process. */
  static async create(parent: string = tmpdir()): Promise<Workspace> {
    const root = await mkdtemp(path.join(parent, `${PREFIX}${process.pid}-`));
    await chmod(root, 0o711);
    const workspace = new Workspace(root);
    await workspace.#dir("runner");
    for (const file of RUNNER_FILES) {
      await copyFile(path.join(path.dirname(RUNNER_SOURCE), file), path.join(root, "runner", file));
      await chmod(path.join(root, "runner", file), 0o644);
    }
    // For bubblewrap, which has no /etc of its own: os.userInfo() needs a passwd entry.
    const { uid, gid } = SANDBOX_USER;
    await workspace.#file("runner/passwd", `sandbox:x:${uid}:${gid}::/tmp:/bin/sh\n`);
    await workspace.#file("runner/group", `sandbox:x:${gid}:\n`);
    await workspace.#dir("functions", 0o711);
    await workspace.#dir("sockets", 0o711);
    return workspace;
  }

  get runnerDir(): string {
    return path.join(this.root, "runner");
  }

  /** Writes a bundle to a dir of its own; returns the dir. */
  async addBundle(bundle: string): Promise<string> {
    const dir = await this.#dir(`functions/${randomName()}`);
    await this.#file(path.relative(this.root, path.join(dir, "bundle.mjs")), bundle);
    return dir;
  }

  /** A fresh dir for one sandbox's sockets. */
  addSocketDir(): Promise<string> {
    return this.#dir(`sockets/${randomName()}`);
  }

  /** Removes a dir this workspace made. */
  async remove(dir: string): Promise<void> {
    if (!dir.startsWith(this.root + path.sep)) throw new Error(`${dir} is not in ${this.root}`);
    await rm(dir, { recursive: true, force: true });
  }

  async removeAll(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  async #dir(relative: string, mode = 0o755): Promise<string> {
    const dir = path.join(this.root, relative);
    await mkdir(dir);
    await chmod(dir, mode);
    return dir;
  }

  async #file(relative: string, content: string): Promise<void> {
    const file = path.join(this.root, relative);
    await writeFile(file, content, { mode: 0o644 });
    await chmod(file, 0o644);
  }
}

/**
 * Removes the workspaces under `parent` left by processes that no longer run (a crash, a
 * SIGKILL); returns how many.
 */
export async function removeStaleWorkspaces(parent: string = tmpdir()): Promise<number> {
  const names = await readdir(parent).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!match || isProcessAlive(Number(match[1]))) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/** Whether a process with this pid runs on this host (EPERM: it runs, as someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function randomName(): string {
  return randomBytes(6).toString("hex");
}
