import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createWriteStream, existsSync, type WriteStream } from "node:fs";
import path from "node:path";

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
  /**
   * The signal the child gets when this (launching) process dies without stopping it, say
   * SIGKILLed mid-run: `false` lets it outlive the launcher. Default SIGTERM.
   */
  exitWithLauncher?: NodeJS.Signals | false;
}

/**
 * util-linux's setpriv sets the child's parent-death signal (prctl PR_SET_PDEATHSIG) after
 * any change of user and before exec: a killed launcher leaves no server holding a port or a
 * data dir. Debian always has it; elsewhere children may outlive a killed launcher.
 */
const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"].find((file) => existsSync(file));

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
    const deathSignal = options.exitWithLauncher ?? "SIGTERM";
    // A missing command must fail as spawn's ENOENT, not as setpriv's complaint.
    const found = isExecutable(options.command, spawnOptions.env?.PATH);
    this.child =
      deathSignal && SETPRIV && found
        ? spawn(
            SETPRIV,
            [
              "--pdeathsig",
              deathSignal.replace(/^SIG/, ""),
              "--",
              options.command,
              ...options.args,
            ],
            spawnOptions,
          )
        : spawn(options.command, [...options.args], spawnOptions);
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

/** Whether `command` (a path, or a name looked up in `PATH`) names an existing file. */
function isExecutable(command: string, searchPath = ""): boolean {
  if (command.includes("/")) return existsSync(command);
  return searchPath.split(":").some((dir) => dir !== "" && existsSync(path.join(dir, command)));
}
