import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";

export interface ManagedProcessOptions {
  /** Short name used in messages ("postgres", "redis-server", "dockerd"). */
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Where stdout and stderr go; omitted keeps only the tail in memory. */
  logFile?: string;
  /** Called with each chunk of output, e.g. to watch for a readiness line. */
  onOutput?: (text: string) => void;
}

const TAIL_BYTES = 4096;

/**
 * A child process in its own process group, so that a terminal's Ctrl-C reaches only the
 * launcher, which then stops its children in order, and so that stopping it also stops any
 * helper the child spawned (dockerd's containerd, for instance).
 */
export class ManagedProcess {
  readonly name: string;
  private readonly child: ChildProcess;
  private readonly log: WriteStream | undefined;
  private tailText = "";
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(options: ManagedProcessOptions) {
    this.name = options.name;
    this.log = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : undefined;
    const spawnOptions: SpawnOptions = {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: options.env ?? process.env,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
    };
    this.child = spawn(options.command, [...options.args], spawnOptions);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      this.log?.write(chunk);
      this.tailText = (this.tailText + text).slice(-TAIL_BYTES);
      options.onOutput?.(text);
    };
    this.child.stdout?.on("data", onData);
    this.child.stderr?.on("data", onData);
    this.exited = new Promise((resolve) => {
      this.child.once("error", (error) => {
        this.tailText += `\n${error.message}`;
        this.exitInfo = { code: null, signal: null };
        resolve(this.exitInfo);
      });
      this.child.once("close", (code, signal) => {
        this.exitInfo = { code, signal };
        this.log?.end();
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** The last few kilobytes of output, for error messages. */
  tail(): string {
    return this.tailText.trim();
  }

  /**
   * Sends `signal` to the whole process group and waits for the process to exit; after
   * `timeoutMs` the group gets SIGKILL. Idempotent.
   */
  async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 10_000): Promise<void> {
    if (!this.running || this.child.pid === undefined) return;
    this.signalGroup(signal);
    const timer = setTimeout(() => this.signalGroup("SIGKILL"), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    // A helper that ignored the signal must not outlive its parent.
    this.signalGroup("SIGKILL");
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  }
}
