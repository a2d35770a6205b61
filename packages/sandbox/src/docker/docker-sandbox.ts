import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type Dockerode from "dockerode";
import { SANDBOX_USER } from "../core/launcher.js";
import { SandboxError } from "../errors.js";
import { SandboxPool, type SandboxPoolOptions } from "../core/pool.js";
import { isProcessAlive, removeStaleWorkspaces } from "../core/workspace.js";
import { LABELS } from "./container-options.js";
import { DockerLauncher } from "./docker-launcher.js";

export interface DockerSandboxOptions extends SandboxPoolOptions {
  /** The engine. It must see this machine's files: sockets and bundles are bind-mounted. */
  docker: Dockerode;
  /** The image (`winky/sandbox-base:<tag>` from `resolveImages()` in sandbox-images). */
  image: string;
  /** `uid:gid` to run as (default 10001:10001, the image's `sandbox` user). Never root. */
  user?: string;
  /** Processes and threads per sandbox (default 64; Node needs about a dozen). */
  pidsLimit?: number;
  /** Size of the writable /tmp, MiB (default 16); counts against the memory limit. */
  tmpMb?: number;
}

/**
 * A {@link SandboxPool} of Docker containers: read-only root, no network, memory, CPU and pids
 * limits, a non-root user, no capabilities, no new privileges. See the package README for what
 * each setting defends against.
 */
export class DockerSandbox extends SandboxPool {
  readonly #docker: Dockerode;
  readonly #instance: string;
  readonly #workDir: string | undefined;

  constructor(options: DockerSandboxOptions) {
    const instance = randomBytes(8).toString("hex");
    const user = options.user ?? `${SANDBOX_USER.uid}:${SANDBOX_USER.gid}`;
    if (/^(0|root)(:|$)/.test(user)) {
      throw new SandboxError("invalid-argument", `user must not be root, not ${user}`);
    }
    super(
      new DockerLauncher(options.docker, {
        image: options.image,
        user,
        pidsLimit: options.pidsLimit ?? 64,
        tmpMb: options.tmpMb ?? 16,
        owner: ownerLabel(),
        instance,
      }),
      options,
    );
    this.#docker = options.docker;
    this.#instance = instance;
    this.#workDir = options.workDir;
  }

  /**
   * Removes what a crashed process left: sandbox containers whose owner on this host no longer
   * runs, and its workspaces. Call once at startup. Containers of live processes (other
   * runtimes, other test files) and of other hosts are left alone.
   * @returns how many containers and workspaces were removed.
   */
  async reap(): Promise<{ containers: number; workspaces: number }> {
    const found = await this.#docker.listContainers({
      all: true,
      filters: { label: [`${LABELS.sandbox}=1`] },
    });
    const here = hostname();
    let containers = 0;
    for (const info of found) {
      const owner = parseOwner(info.Labels[LABELS.owner]);
      if (!owner || owner.host !== here || owner.pid === process.pid) continue;
      if (isProcessAlive(owner.pid)) continue;
      await this.#docker
        .getContainer(info.Id)
        .remove({ force: true })
        .then(() => (containers += 1))
        .catch(() => undefined);
    }
    return { containers, workspaces: await removeStaleWorkspaces(this.#workDir) };
  }

  /** The ids of this sandbox's containers, as the engine lists them (running or not). */
  async containerIds(): Promise<string[]> {
    const found = await this.#docker.listContainers({
      all: true,
      filters: { label: [`${LABELS.instance}=${this.#instance}`] },
    });
    return found.map((info) => info.Id);
  }
}

function ownerLabel(): string {
  return `${hostname()}:${process.pid}`;
}

function parseOwner(label: string | undefined): { host: string; pid: number } | undefined {
  const match = /^(.*):(\d+)$/.exec(label ?? "");
  return match ? { host: match[1] ?? "", pid: Number(match[2]) } : undefined;
}
