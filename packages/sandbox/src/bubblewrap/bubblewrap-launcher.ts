import { spawn, type ChildProcess } from "node:child_process";
import { constants as osConstants } from "node:os";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { SandboxError } from "../errors.js";
import {
  SANDBOX_USER,
  type LaunchRequest,
  type LaunchedWorker,
  type WorkerExit,
  type WorkerLauncher,
} from "../core/launcher.js";
import type { LogLine } from "../types.js";
import { bwrapArgs, prlimitArgs, type BwrapSettings } from "./bwrap-args.js";

/** Lines of output kept for a crash report. */
const OUTPUT_TAIL = 50;
/** The PATH `prlimit` and `bwrap` are looked up in (the sandbox gets its own). */
const SEARCH_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export interface BubblewrapCommands {
  bwrapPath: string;
  prlimitPath: string;
}

/**
 * Starts each sandbox as `prlimit … -- bwrap … -- node runner.mjs`, in a process group of its
 * own. As root, bwrap itself runs as the sandbox user: it needs no privilege (unprivileged user
 * namespaces), and a sandbox escape then lands on an unprivileged uid.
 */
export class BubblewrapLauncher implements WorkerLauncher {
  constructor(
    private readonly commands: BubblewrapCommands,
    private readonly settings: BwrapSettings,
  ) {}

  async launch(request: LaunchRequest): Promise<LaunchedWorker> {
    const args = [
      ...prlimitArgs(request.fn.memoryMb),
      "--",
      this.commands.bwrapPath,
      ...bwrapArgs(request, this.settings),
    ];
    const asRoot = process.getuid?.() === 0;
    const child = spawn(this.commands.prlimitPath, args, {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: SEARCH_PATH },
      ...(asRoot ? { uid: SANDBOX_USER.uid, gid: SANDBOX_USER.gid } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (error) =>
        reject(
          new SandboxError(
            "unavailable",
            `could not run ${this.commands.prlimitPath} ${this.commands.bwrapPath}: ${error.message}`,
            { cause: error },
          ),
        ),
      );
    });
    return new BubblewrapWorker(child);
  }
}

class BubblewrapWorker implements LaunchedWorker {
  readonly exited: Promise<WorkerExit>;
  readonly #output: LogLine[] = [];
  #destroyed: Promise<void> | undefined;

  constructor(private readonly child: ChildProcess) {
    this.#collect(child.stdout, "stdout");
    this.#collect(child.stderr, "stderr");
    // "close": the process exited and its output is read to the end.
    this.exited = new Promise((resolve) => {
      child.once("close", (code, signal) => {
        const signalNumber = signal ? osConstants.signals[signal] : undefined;
        const exitCode = code ?? (signalNumber === undefined ? undefined : 128 + signalNumber);
        resolve({
          ...(exitCode === undefined ? {} : { exitCode }),
          oomKilled: false,
          output: this.#output,
        });
      });
    });
  }

  destroy(): Promise<void> {
    this.#destroyed ??= (async () => {
      // The whole group: bwrap, and through --die-with-parent and the pid namespace, the rest.
      if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid) {
        try {
          process.kill(-this.child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await this.exited;
    })();
    return this.#destroyed;
  }

  #collect(stream: Readable | null, name: LogLine["stream"]): void {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
      this.#output.push({ stream: name, line, at: Date.now() });
      if (this.#output.length > OUTPUT_TAIL) this.#output.shift();
    });
  }
}
