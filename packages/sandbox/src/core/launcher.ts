// What differs between Docker and bubblewrap: how one sandboxed runner process is started,
// killed and examined after death. Everything else (pool, protocol, logs, timeouts) is shared.
import type { FunctionSpec, LogLine } from "../types.js";

/** Host paths given to one sandbox, mounted read-only at {@link SANDBOX_PATHS}. */
export interface WorkerPaths {
  /** Holds runner.mjs (and passwd/group files for bubblewrap). */
  runnerDir: string;
  /** Holds bundle.mjs of this function version. */
  bundleDir: string;
  /** This sandbox's own dir: the control and host API sockets. */
  socketDir: string;
}

export interface LaunchRequest {
  /** Unique, `[a-z0-9-]`, usable as a container name. */
  name: string;
  fn: Omit<FunctionSpec, "bundle" | "env">;
  paths: WorkerPaths;
}

/** What is known about a sandbox that has exited. */
export interface WorkerExit {
  exitCode?: number;
  /** Killed by the memory limit (Docker's `State.OOMKilled`). */
  oomKilled: boolean;
  /** The last lines the process wrote outside any invocation (e.g. V8's fatal errors). */
  output: LogLine[];
}

export interface LaunchedWorker {
  /**
   * Resolves once the sandbox has exited, with what is known about why; never rejects. After
   * `destroy` its content does not matter.
   */
  readonly exited: Promise<WorkerExit>;
  /** Kills the sandbox now and releases what it holds (the container). Idempotent. */
  destroy(): Promise<void>;
}

export interface WorkerLauncher {
  /**
   * Starts one sandbox running `node runner.mjs <control socket> <bundle>`; resolves once the
   * process is started (the pool then waits for the runner to connect).
   * @throws SandboxError `unavailable` when the engine cannot start it.
   */
  launch(request: LaunchRequest): Promise<LaunchedWorker>;
}

/** Where things are inside every sandbox. */
export const SANDBOX_PATHS = {
  runnerDir: "/opt/winky/runner",
  bundleDir: "/opt/winky/function",
  socketDir: "/run/winky",
  runner: "/opt/winky/runner/runner.mjs",
  bundle: "/opt/winky/function/bundle.mjs",
  controlSocket: "/run/winky/control.sock",
  hostSocket: "/run/winky/host.sock",
} as const;

/** The non-root user sandboxes run as: the `sandbox` user of winky/sandbox-base. */
export const SANDBOX_USER = { uid: 10001, gid: 10001 } as const;
