// Launchers for the pool's unit tests: no isolation at all, so never for untrusted code.
import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";
import path from "node:path";
import type { LogLine } from "../types.js";
import type { LaunchRequest, LaunchedWorker, WorkerExit, WorkerLauncher } from "./launcher.js";
import { LineReader } from "./protocol.js";

/** Runs the real runner as a plain child process of the test, with the host's paths. */
export class ProcessLauncher implements WorkerLauncher {
  launched = 0;

  async launch(request: LaunchRequest): Promise<LaunchedWorker> {
    this.launched += 1;
    const { paths } = request;
    const child = spawn(
      process.execPath,
      [
        path.join(paths.runnerDir, "runner.mjs"),
        path.join(paths.socketDir, "control.sock"),
        path.join(paths.bundleDir, "bundle.mjs"),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const output: LogLine[] = [];
    child.stderr.on("data", (chunk: Buffer) =>
      output.push({ stream: "stderr", line: chunk.toString().trim(), at: Date.now() }),
    );
    child.stdout.resume();
    const exited = new Promise<WorkerExit>((resolve) =>
      child.once("close", (code) => resolve({ exitCode: code ?? 137, oomKilled: false, output })),
    );
    return {
      exited,
      destroy: async () => {
        child.kill("SIGKILL");
        await exited;
      },
    };
  }
}

/** The runner's side of the control socket, played by a test. */
export interface ScriptedRunner {
  request: LaunchRequest;
  /** Frames the host sent (init, invoke …), parsed. */
  received: Array<Record<string, unknown>>;
  send(frame: object | string): void;
  /** Ends the "sandbox" as the engine would report it. */
  exit(exit: WorkerExit): void;
  /** Resolves with the next frame of this type the host sends. */
  next(type: string): Promise<Record<string, unknown>>;
}

/**
 * Plays the runner in-process: `script` gets each launched sandbox once it has connected.
 * `connect: false` leaves the control socket unanswered (a sandbox that never starts).
 */
export class ScriptedLauncher implements WorkerLauncher {
  readonly runners: ScriptedRunner[] = [];
  failWith: Error | undefined;

  constructor(
    private readonly script: (runner: ScriptedRunner) => void,
    private readonly options: { connect: boolean } = { connect: true },
  ) {}

  async launch(request: LaunchRequest): Promise<LaunchedWorker> {
    if (this.failWith) throw this.failWith;
    let markExited!: (exit: WorkerExit) => void;
    const exited = new Promise<WorkerExit>((resolve) => (markExited = resolve));
    let socket: Socket | undefined;
    const waiters: Array<{ type: string; resolve: (frame: Record<string, unknown>) => void }> = [];
    const runner: ScriptedRunner = {
      request,
      received: [],
      send: (frame) =>
        socket?.write(typeof frame === "string" ? frame : `${JSON.stringify(frame)}\n`),
      exit: (exit) => {
        socket?.destroy();
        markExited(exit);
      },
      next: (type) => new Promise((resolve) => waiters.push({ type, resolve })),
    };
    this.runners.push(runner);
    if (this.options.connect) {
      socket = connect(path.join(request.paths.socketDir, "control.sock"));
      socket.on("error", () => undefined);
      const reader = new LineReader(
        1e9,
        (line) => {
          const frame = JSON.parse(line) as Record<string, unknown>;
          runner.received.push(frame);
          const index = waiters.findIndex((w) => w.type === frame.t);
          if (index !== -1) waiters.splice(index, 1)[0]?.resolve(frame);
        },
        () => undefined,
      );
      socket.on("data", (chunk: Buffer) => reader.push(chunk));
      socket.once("connect", () => this.script(runner));
    }
    return {
      exited,
      destroy: async () => runner.exit({ exitCode: 137, oomKilled: false, output: [] }),
    };
  }
}
