import { realpathSync } from "node:fs";
import { SandboxPool, type SandboxPoolOptions } from "../core/pool.js";
import { removeStaleWorkspaces } from "../core/workspace.js";
import { BubblewrapLauncher } from "./bubblewrap-launcher.js";
import { hostEtcFiles, hostRootEntries } from "./host-root.js";

export interface BubblewrapSandboxOptions extends SandboxPoolOptions {
  /** Default `bwrap` (Debian package `bubblewrap`), looked up in the usual system dirs. */
  bwrapPath?: string;
  /** Default `prlimit` (util-linux). */
  prlimitPath?: string;
  /**
   * The node binary the functions run on (default: the one running this process). The sandbox
   * user must be able to read it: not one under /root when we are root.
   */
  nodePath?: string;
  /** Size of the writable /tmp, MiB (default 16). */
  tmpMb?: number;
}

/**
 * A {@link SandboxPool} of bubblewrap sandboxes, for machines without a Docker engine. The same
 * interface and protocol, weaker limits: no cgroups unprivileged, so memory is an rlimit per
 * process, and there is no CPU quota and no pids limit (see the package README).
 */
export class BubblewrapSandbox extends SandboxPool {
  readonly #workDir: string | undefined;

  constructor(options: BubblewrapSandboxOptions) {
    super(
      new BubblewrapLauncher(
        {
          bwrapPath: options.bwrapPath ?? "bwrap",
          prlimitPath: options.prlimitPath ?? "prlimit",
        },
        {
          nodePath: realpathSync(options.nodePath ?? process.execPath),
          rootEntries: hostRootEntries(),
          etcFiles: hostEtcFiles(),
          tmpMb: options.tmpMb ?? 16,
        },
      ),
      options,
    );
    this.#workDir = options.workDir;
  }

  /**
   * Removes workspaces left by crashed processes. Sandboxes themselves cannot outlive their
   * process (`--die-with-parent`).
   */
  async reap(): Promise<{ workspaces: number }> {
    return { workspaces: await removeStaleWorkspaces(this.#workDir) };
  }
}
