// The warm pool shared by every implementation: per function version, reuse a sandbox with a
// free slot, else start one (up to maxPerVersion), else queue; stop sandboxes idle for idleMs.
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { SandboxError } from "../errors.js";
import type {
  FunctionRef,
  FunctionSpec,
  HostApiHandler,
  InvocationResult,
  InvokeOptions,
  JsonValue,
  PoolOptions,
  Sandbox,
  SandboxStats,
} from "../types.js";
import type { WorkerLauncher } from "./launcher.js";
import {
  checkPoolOptions,
  checkRef,
  checkSpec,
  checkTimeout,
  serializeEvent,
  versionKey,
} from "./validate.js";
import { PooledWorker, type Outcome } from "./worker.js";
import { Workspace } from "./workspace.js";

export interface SandboxPoolOptions {
  pool: PoolOptions;
  /** Serves the functions' host API socket; without it every request is answered an error. */
  hostApi?: HostApiHandler;
  /** Where the workspace (runner, bundles, sockets) is made (default: the OS temp dir). */
  workDir?: string;
  /** Sandbox start plus module initialisation, at most (default 30 s). */
  startTimeoutMs?: number;
}

interface Lease {
  worker: PooledWorker;
  cold: boolean;
}

interface Waiter {
  grant: (lease: Lease) => void;
}

class Version {
  readonly workers = new Set<PooledWorker>();
  readonly waiters: Waiter[] = [];
  /** Invocations accepted and not yet answered (queued, starting or running). */
  accepted = 0;
  started = 0;
  #idle: Array<() => void> = [];

  constructor(
    readonly key: string,
    readonly spec: Readonly<FunctionSpec>,
    readonly fingerprint: string,
    readonly bundleDir: Promise<string>,
  ) {}

  /** Resolves once no invocation is accepted. */
  whenIdle(): Promise<void> {
    return this.accepted === 0 ? Promise.resolve() : new Promise((r) => this.#idle.push(r));
  }

  done(): void {
    this.accepted -= 1;
    if (this.accepted > 0) return;
    const idle = this.#idle;
    this.#idle = [];
    idle.forEach((resolve) => resolve());
  }
}

/** A {@link Sandbox} over any {@link WorkerLauncher}. */
export class SandboxPool implements Sandbox {
  readonly #launcher: WorkerLauncher;
  readonly #options: SandboxPoolOptions;
  readonly #versions = new Map<string, Version>();
  readonly #draining = new Map<Version, Promise<void>>();
  #workspace: Promise<Workspace> | undefined;
  #closed: Promise<void> | undefined;
  #started = 0;

  constructor(launcher: WorkerLauncher, options: SandboxPoolOptions) {
    checkPoolOptions(options.pool);
    this.#launcher = launcher;
    this.#options = { ...options, pool: { ...options.pool } };
  }

  async prepare(fn: FunctionSpec): Promise<void> {
    this.#assertOpen();
    const spec = checkSpec(fn);
    const key = versionKey(spec);
    const fingerprint = createHash("sha256").update(JSON.stringify(spec)).digest("hex");
    const existing = this.#versions.get(key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new SandboxError(
          "already-exists",
          `${key} is already prepared with a different spec; versions are immutable (drain it first)`,
        );
      }
      await existing.bundleDir;
      return;
    }
    const bundleDir = this.#getWorkspace().then((w) => w.addBundle(spec.bundle));
    const version = new Version(key, spec, fingerprint, bundleDir);
    this.#versions.set(key, version);
    try {
      await bundleDir;
    } catch (error) {
      if (this.#versions.get(key) === version) this.#versions.delete(key);
      throw error;
    }
  }

  async invoke(
    ref: FunctionRef,
    event: JsonValue,
    options: InvokeOptions = {},
  ): Promise<InvocationResult> {
    this.#assertOpen();
    checkRef(ref);
    const version = this.#versions.get(versionKey(ref));
    if (!version) {
      throw new SandboxError("not-prepared", `${versionKey(ref)} is not prepared (or was drained)`);
    }
    const timeoutMs = options.timeoutMs ?? version.spec.timeoutMs;
    checkTimeout(timeoutMs);
    const eventJson = serializeEvent(event);
    const { signal } = options;
    signal?.throwIfAborted();
    const started = performance.now();
    version.accepted += 1;
    try {
      const lease = await this.#acquire(version, signal);
      try {
        const outcome = await this.#runOn(lease.worker, eventJson, timeoutMs, signal);
        const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
        return { ...outcome, durationMs, coldStart: lease.cold };
      } finally {
        this.#release(version, lease.worker);
      }
    } finally {
      version.done();
    }
  }

  async drain(ref: FunctionRef): Promise<void> {
    const key = versionKey(ref);
    const version = this.#versions.get(key);
    if (version) {
      this.#versions.delete(key);
      this.#draining.set(version, this.#retire(version));
    }
    const pending = [...this.#draining].filter(([v]) => v.key === key).map(([, p]) => p);
    await Promise.all(pending);
  }

  stats(ref?: FunctionRef): SandboxStats {
    const versions = [...this.#versions.values(), ...this.#draining.keys()].filter(
      (v) => !ref || v.key === versionKey(ref),
    );
    const stats: SandboxStats = {
      started: ref ? 0 : this.#started,
      live: 0,
      running: 0,
      queued: 0,
    };
    for (const version of versions) {
      if (ref) stats.started += version.started;
      stats.queued += version.waiters.length;
      for (const worker of version.workers) {
        if (worker.state !== "dead") stats.live += 1;
        stats.running += worker.runningCount;
      }
    }
    return stats;
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      await Promise.all([...this.#versions.values()].map((v) => this.drain(v.spec)));
      await Promise.all(this.#draining.values());
      if (this.#workspace) await (await this.#workspace.catch(() => undefined))?.removeAll();
    })();
    return this.#closed;
  }

  async #retire(version: Version): Promise<void> {
    await version.whenIdle();
    await Promise.all([...version.workers].map((worker) => worker.retire()));
    const workspace = await this.#getWorkspace();
    await workspace.remove(await version.bundleDir).catch(() => undefined);
    this.#draining.delete(version);
  }

  async #runOn(
    worker: PooledWorker,
    eventJson: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const start = await abortable(worker.ready, signal);
    if (!start.ok) return start.failure;
    signal?.throwIfAborted();
    const run = worker.run(eventJson, timeoutMs);
    return abortable(run.outcome, signal, () => worker.abort(run.id));
  }

  #acquire(version: Version, signal: AbortSignal | undefined): Promise<Lease> {
    const lease = this.#tryLease(version);
    if (lease) return Promise.resolve(lease);
    return new Promise<Lease>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (granted) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(granted);
        },
      };
      const onAbort = () => {
        const index = version.waiters.indexOf(waiter);
        if (index !== -1) version.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      version.waiters.push(waiter);
    });
  }

  /** A slot on a ready sandbox (most recently used first), a starting one, or a new one. */
  #tryLease(version: Version): Lease | undefined {
    let best: PooledWorker | undefined;
    for (const worker of version.workers) {
      if (!worker.available) continue;
      if (!best || rank(worker) > rank(best)) best = worker;
    }
    if (best) return this.#lease(best, best.state === "starting");
    if (version.workers.size >= this.#options.pool.maxPerVersion) return undefined;
    return this.#lease(this.#startWorker(version), true);
  }

  #lease(worker: PooledWorker, cold: boolean): Lease {
    worker.leases += 1;
    clearTimeout(worker.idleTimer);
    worker.idleTimer = undefined;
    return { worker, cold };
  }

  #release(version: Version, worker: PooledWorker): void {
    worker.leases -= 1;
    worker.lastUsed = performance.now();
    if (worker.leases === 0 && worker.state !== "dead") {
      worker.idleTimer = setTimeout(() => {
        if (worker.leases === 0) void worker.retire();
      }, this.#options.pool.idleMs);
      worker.idleTimer.unref?.();
    }
    this.#pump(version);
  }

  #pump(version: Version): void {
    while (version.waiters.length > 0) {
      const lease = this.#tryLease(version);
      if (!lease) return;
      version.waiters.shift()?.grant(lease);
    }
  }

  #startWorker(version: Version): PooledWorker {
    const worker = new PooledWorker({
      launcher: this.#launcher,
      workspace: this.#getWorkspace(),
      spec: version.spec,
      bundleDir: version.bundleDir,
      hostApi: this.#options.hostApi,
      startTimeoutMs: this.#options.startTimeoutMs ?? 30_000,
      onGone: (gone) => {
        version.workers.delete(gone);
        this.#pump(version);
      },
    });
    version.workers.add(worker);
    version.started += 1;
    this.#started += 1;
    return worker;
  }

  #getWorkspace(): Promise<Workspace> {
    this.#workspace ??= Workspace.create(this.#options.workDir);
    return this.#workspace;
  }

  #assertOpen(): void {
    if (this.#closed) throw new SandboxError("closed", "the sandbox is closed");
  }
}

/** Ready sandboxes before starting ones; among them, the most recently used. */
function rank(worker: PooledWorker): number {
  return (worker.state === "ready" ? 1e12 : 0) + worker.lastUsed;
}

/** `promise`, or `signal.reason` as soon as the signal aborts (after calling `onAbort`). */
function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: () => void,
): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(signal.reason);
    };
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}
