// One sandbox of the pool, seen from the host: its sockets, the launched process (container or
// bwrap) and the invocations running in it. It decides every outcome from what it sees (frames,
// timers, the process's death) and never throws on the function's account.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Socket } from "node:net";
import { SandboxError, isSandboxError } from "../errors.js";
import type {
  FunctionSpec,
  HostApiHandler,
  InvocationError,
  JsonValue,
  LogLine,
} from "../types.js";
import { exitFailure, isOutOfMemoryText, outOfMemoryError } from "./failure.js";
import { serveHostApi } from "./host-api-server.js";
import { SANDBOX_PATHS, type LaunchedWorker, type WorkerLauncher } from "./launcher.js";
import { LogCollector } from "./log-collector.js";
import { LineReader, invokeLine, parseRunnerFrame, type RunnerFrame } from "./protocol.js";
import type { UnixSocketServer } from "./unix-socket.js";
import { UnixSocketServer as Server } from "./unix-socket.js";
import type { Workspace } from "./workspace.js";

/** The longest frame the runner may send (a result, mostly). */
const MAX_FRAME = 32 * 1024 * 1024;
/** How long to wait for the engine to report how a dead sandbox exited. */
const EXIT_INFO_WAIT_MS = 5_000;

export type Outcome =
  | { ok: true; result: JsonValue; logs: LogLine[] }
  | { ok: false; error: InvocationError; logs: LogLine[]; exitCode?: number };

export type StartResult = { ok: true } | { ok: false; failure: Outcome & { ok: false } };

export interface WorkerDeps {
  launcher: WorkerLauncher;
  workspace: Promise<Workspace>;
  spec: Readonly<FunctionSpec>;
  bundleDir: Promise<string>;
  hostApi: HostApiHandler | undefined;
  startTimeoutMs: number;
  /** Called once, when the sandbox is gone for whatever reason. */
  onGone: (worker: PooledWorker) => void;
}

interface Running {
  logs: LogCollector;
  timer: NodeJS.Timeout;
  resolve: (outcome: Outcome) => void;
}

let nextName = 0;

export class PooledWorker {
  state: "starting" | "ready" | "dead" = "starting";
  /** Invocations holding a slot here (running, or waiting for the start). */
  leases = 0;
  lastUsed = 0;
  idleTimer: NodeJS.Timeout | undefined;
  /** Resolves when the runner is ready or failed to start; rejects when the engine failed. */
  readonly ready: Promise<StartResult>;
  /** Resolves once the sandbox is gone and its resources are released. */
  readonly gone: Promise<void>;

  readonly #deps: WorkerDeps;
  readonly #running = new Map<number, Running>();
  #nextId = 0;
  #settleStart: ((result: StartResult) => void) | undefined;
  #failStart: ((error: unknown) => void) | undefined;
  #markGone!: () => void;
  /** A fatal frame arrived: the runner is exiting, so no new invocations go here. */
  #doomed = false;
  #socket: Socket | undefined;
  #launched: LaunchedWorker | undefined;
  #servers: UnixSocketServer[] = [];
  #socketDir: string | undefined;
  #workspace: Workspace | undefined;
  #startTimer: NodeJS.Timeout | undefined;
  /** #start itself, which never rejects: #release waits for it before cleaning up. */
  #starting: Promise<void> = Promise.resolve();

  constructor(deps: WorkerDeps) {
    this.#deps = deps;
    this.gone = new Promise((resolve) => (this.#markGone = resolve));
    this.ready = new Promise<StartResult>((resolve, reject) => {
      this.#settleStart = resolve;
      this.#failStart = reject;
    });
    // Callers await `ready`; an engine failure is theirs to see, not an unhandled rejection.
    this.ready.catch(() => undefined);
    this.#starting = this.#start();
  }

  /** Can take another invocation now or once started. */
  get available(): boolean {
    const max = this.#deps.spec.maxConcurrency ?? 1;
    return this.state !== "dead" && !this.#doomed && this.leases < max;
  }

  get runningCount(): number {
    return this.#running.size;
  }

  /** Sends one invocation; the promise never rejects. Call after `ready` resolved ok. */
  run(eventJson: string, timeoutMs: number): { id: number; outcome: Promise<Outcome> } {
    const id = ++this.#nextId;
    const outcome = new Promise<Outcome>((resolve) => {
      if (this.state !== "ready" || !this.#socket) {
        resolve(this.#failure({ kind: "crash", message: "the sandbox is gone" }, []));
        return;
      }
      const timer = setTimeout(() => this.#timedOut(id, timeoutMs), timeoutMs);
      this.#running.set(id, { logs: new LogCollector(), timer, resolve });
      this.#socket.write(invokeLine(id, timeoutMs, eventJson));
    });
    return { id, outcome };
  }

  /** Kills the sandbox on behalf of an aborted invocation. */
  abort(id: number): void {
    this.#finish(id, { kind: "crash", message: "the invocation was aborted" });
    this.#kill("the sandbox was killed because another invocation in it was aborted");
  }

  /** Stops the sandbox (idle, drained, closed); what still runs in it fails as a crash. */
  retire(): Promise<void> {
    this.#kill("the sandbox was stopped");
    return this.gone;
  }

  async #start(): Promise<void> {
    const { spec, launcher } = this.#deps;
    try {
      const workspace = await this.#deps.workspace;
      this.#workspace = workspace;
      const bundleDir = await this.#deps.bundleDir;
      const socketDir = await workspace.addSocketDir();
      this.#socketDir = socketDir;
      const ref = { id: spec.id, version: spec.version };
      this.#servers.push(
        await Server.listen(path.join(socketDir, "control.sock"), (socket) =>
          this.#onConnection(socket),
        ),
      );
      this.#servers.push(
        await serveHostApi(path.join(socketDir, "host.sock"), this.#deps.hostApi, ref),
      );
      if (this.#released) return;
      const { bundle: _bundle, env: _env, ...fn } = spec;
      this.#launched = await launcher.launch({
        name: `${slug(spec.id)}-${process.pid}-${++nextName}-${randomBytes(2).toString("hex")}`,
        fn,
        paths: { runnerDir: workspace.runnerDir, bundleDir, socketDir },
      });
    } catch (error) {
      this.#failStart?.(
        isSandboxError(error)
          ? error
          : new SandboxError("unavailable", `could not start a sandbox: ${message(error)}`, {
              cause: error,
            }),
      );
      this.#settleStart = undefined;
      this.state = "dead";
      // Not awaited: #release waits for this method to return.
      void this.#release();
      return;
    }
    // Retired while the engine was starting it: #release cleans up once this returns.
    if (this.#released) return;
    void this.#launched.exited.then(() => this.#onExit());
    this.#startTimer = setTimeout(() => {
      const ms = this.#deps.startTimeoutMs;
      this.#startFailed({
        kind: "timeout",
        message: `the function did not become ready within ${ms} ms (sandbox start and module initialisation)`,
      });
    }, this.#deps.startTimeoutMs);
  }

  #onConnection(socket: Socket): void {
    // The runner connects once; nothing else may take its place.
    if (this.#socket || this.state === "dead") {
      socket.destroy();
      return;
    }
    this.#servers[0]?.stopListening();
    this.#socket = socket;
    socket.on("error", () => socket.destroy());
    socket.on("close", () => void this.#onExit());
    const reader = new LineReader(
      MAX_FRAME,
      (line) => this.#onFrame(parseRunnerFrame(line)),
      () => this.#kill(`the sandbox sent a frame longer than ${MAX_FRAME} characters`),
    );
    socket.on("data", (chunk: Buffer) => reader.push(chunk));
    const { spec } = this.#deps;
    const init = {
      t: "init",
      env: spec.env,
      hostSocket: SANDBOX_PATHS.hostSocket,
      functionId: spec.id,
      version: spec.version,
    };
    socket.write(`${JSON.stringify(init)}\n`);
  }

  #onFrame(frame: RunnerFrame | undefined): void {
    if (!frame) return;
    switch (frame.t) {
      case "ready":
        if (this.state !== "starting") return;
        this.state = "ready";
        clearTimeout(this.#startTimer);
        this.#settleStart?.({ ok: true });
        this.#settleStart = undefined;
        return;
      case "load-error": {
        const logs = new LogCollector();
        frame.logs.forEach((log) => logs.add(log));
        const oom = isOutOfMemoryText(frame.message);
        this.#startFailed(
          oom
            ? outOfMemoryError(this.#deps.spec.memoryMb)
            : {
                kind: "error",
                message: `the function failed to load: ${frame.message}`,
                ...(frame.stack ? { stack: frame.stack } : {}),
              },
          logs.lines(),
        );
        return;
      }
      case "log":
        this.#running.get(frame.id)?.logs.add(frame);
        return;
      case "result": {
        const running = this.#take(frame.id);
        running?.resolve({ ok: true, result: frame.result, logs: running.logs.lines() });
        return;
      }
      case "error": {
        if (frame.fatal) this.#doomed = true;
        if (isOutOfMemoryText(frame.message)) {
          // An allocation failed at an rlimit (bubblewrap): killed, as a cgroup would have.
          this.#finish(frame.id, outOfMemoryError(this.#deps.spec.memoryMb));
          this.#kill("the sandbox was killed because another invocation in it ran out of memory");
          return;
        }
        // The message, stack, code and details, as parseRunnerFrame checked them.
        const { t: _t, id, fatal: _fatal, ...error } = frame;
        this.#finish(id, { kind: "error", ...error });
        return;
      }
    }
  }

  #timedOut(id: number, timeoutMs: number): void {
    this.#finish(id, {
      kind: "timeout",
      message: `the function did not finish within ${timeoutMs} ms and its sandbox was killed`,
    });
    this.#kill("the sandbox was killed because another invocation in it timed out");
  }

  #startFailed(error: InvocationError, logs: LogLine[] = []): void {
    if (!this.#settleStart) return;
    this.#settleStart({ ok: false, failure: this.#failure(error, logs) });
    this.#settleStart = undefined;
    this.#kill("the sandbox failed to start");
  }

  /** Deliberate end: every invocation still running fails as a crash with `why`. */
  #kill(why: string): void {
    if (this.state === "dead") return;
    this.state = "dead";
    const error: InvocationError = { kind: "crash", message: why };
    for (const id of [...this.#running.keys()]) this.#finish(id, error);
    this.#settleStart?.({ ok: false, failure: this.#failure(error, []) });
    this.#settleStart = undefined;
    void this.#release();
  }

  /** The sandbox died (socket closed or process exited) without us killing it. */
  async #onExit(): Promise<void> {
    if (this.state === "dead") return;
    this.state = "dead";
    const exit = await Promise.race([
      this.#launched?.exited ?? Promise.resolve({ oomKilled: false, output: [] }),
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), EXIT_INFO_WAIT_MS).unref(),
      ),
    ]);
    const { error, exitCode } = exitFailure(
      exit ?? { oomKilled: false, output: [] },
      this.#deps.spec.memoryMb,
    );
    const output = exit?.output ?? [];
    for (const id of [...this.#running.keys()]) this.#finish(id, error, output, exitCode);
    if (this.#settleStart) {
      this.#settleStart({ ok: false, failure: this.#failure(error, output, exitCode) });
      this.#settleStart = undefined;
    }
    await this.#release();
  }

  #finish(id: number, error: InvocationError, extra: LogLine[] = [], exitCode?: number): void {
    const running = this.#take(id);
    if (!running) return;
    extra.forEach((log) => running.logs.add(log));
    running.resolve(this.#failure(error, running.logs.lines(), exitCode));
  }

  #take(id: number): Running | undefined {
    const running = this.#running.get(id);
    if (!running) return undefined;
    clearTimeout(running.timer);
    this.#running.delete(id);
    return running;
  }

  #failure(error: InvocationError, logs: LogLine[], exitCode?: number): Outcome & { ok: false } {
    return { ok: false, error, logs, ...(exitCode === undefined ? {} : { exitCode }) };
  }

  #released = false;
  async #release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    clearTimeout(this.#startTimer);
    clearTimeout(this.idleTimer);
    this.#socket?.destroy();
    await this.#starting;
    for (const server of this.#servers) server.close();
    await this.#launched?.destroy().catch(() => undefined);
    if (this.#socketDir) await this.#workspace?.remove(this.#socketDir).catch(() => undefined);
    this.#deps.onGone(this);
    this.#markGone();
  }
}

function slug(id: string): string {
  return (
    id
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "fn"
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
