// The pool and the real runner, with the runner as a plain child process (no isolation): what
// the pool decides, independent of Docker and bubblewrap.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isSandboxError } from "../errors.js";
import type { FunctionSpec, InvocationResult } from "../types.js";
import { SandboxPool } from "./pool.js";
import { ProcessLauncher } from "./test-support.js";

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "winky-pool-test-"));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

const pools: SandboxPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function makePool(pool = { idleMs: 60_000, maxPerVersion: 2 }) {
  const launcher = new ProcessLauncher();
  const sandbox = new SandboxPool(launcher, { pool, workDir });
  pools.push(sandbox);
  return { sandbox, launcher };
}

let nextId = 0;
function fn(bundle: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  nextId += 1;
  return {
    id: `unit-${nextId}`,
    version: "v1",
    bundle,
    env: {},
    memoryMb: 128,
    cpus: 1,
    timeoutMs: 5_000,
    ...overrides,
  };
}

const SLOW = `export default async (e) => { await new Promise((r) => setTimeout(r, e.ms ?? 0)); return e.tag ?? null; };`;

function results(list: InvocationResult[]) {
  return list.map((r) => (r.ok ? r.result : r.error.kind));
}

describe("SandboxPool", () => {
  describe("when a version is invoked again", () => {
    it("reuses the warm sandbox instead of starting one", async () => {
      const { sandbox, launcher } = makePool();
      const spec = fn(SLOW);
      await sandbox.prepare(spec);
      const first = await sandbox.invoke(spec, { tag: 1 });
      const second = await sandbox.invoke(spec, { tag: 2 });
      expect(results([first, second])).toEqual([1, 2]);
      expect([first.coldStart, second.coldStart]).toEqual([true, false]);
      expect(launcher.launched).toBe(1);
    });
  });

  describe("when more invocations arrive than sandboxes may start", () => {
    it("queues them and runs them all, with no more than maxPerVersion sandboxes", async () => {
      const { sandbox, launcher } = makePool({ idleMs: 60_000, maxPerVersion: 2 });
      const spec = fn(SLOW);
      await sandbox.prepare(spec);
      const all = Promise.all([1, 2, 3, 4, 5].map((tag) => sandbox.invoke(spec, { tag, ms: 20 })));
      expect(sandbox.stats(spec).queued).toBe(3);
      expect(results(await all)).toEqual([1, 2, 3, 4, 5]);
      expect(launcher.launched).toBe(2);
      expect(sandbox.stats(spec)).toMatchObject({ started: 2, live: 2, running: 0, queued: 0 });
    });

    it("shares one sandbox between invocations up to maxConcurrency", async () => {
      const { sandbox, launcher } = makePool();
      const spec = fn(SLOW, { maxConcurrency: 3 });
      await sandbox.prepare(spec);
      const all = await Promise.all([1, 2, 3].map((tag) => sandbox.invoke(spec, { tag, ms: 20 })));
      expect(results(all)).toEqual([1, 2, 3]);
      expect(launcher.launched).toBe(1);
    });

    it("drops a queued invocation whose signal aborts, and runs the rest", async () => {
      const { sandbox } = makePool({ idleMs: 60_000, maxPerVersion: 1 });
      const spec = fn(SLOW);
      await sandbox.prepare(spec);
      const running = sandbox.invoke(spec, { tag: "first", ms: 100 });
      const controller = new AbortController();
      const queued = sandbox.invoke(spec, { tag: "dropped" }, { signal: controller.signal });
      const last = sandbox.invoke(spec, { tag: "last" });
      controller.abort(new Error("no longer needed"));
      await expect(queued).rejects.toThrow("no longer needed");
      expect(results([await running, await last])).toEqual(["first", "last"]);
    });
  });

  describe("when a sandbox stays idle", () => {
    it("stops it after idleMs and starts a new one for the next invocation", async () => {
      const { sandbox, launcher } = makePool({ idleMs: 50, maxPerVersion: 1 });
      const spec = fn(SLOW);
      await sandbox.prepare(spec);
      await sandbox.invoke(spec, {});
      await expect.poll(() => sandbox.stats(spec).live).toBe(0);
      const again = await sandbox.invoke(spec, {});
      expect(again.coldStart).toBe(true);
      expect(launcher.launched).toBe(2);
    });
  });

  describe("when an invocation times out", () => {
    it("fails it as timeout, fails the others in its sandbox as crash, and replaces the sandbox", async () => {
      const { sandbox } = makePool();
      const spec = fn(
        `export default (e) => { if (e.spin) for (;;) {} return new Promise((r) => setTimeout(() => r("done"), e.ms)); };`,
        {
          maxConcurrency: 2,
          timeoutMs: 300,
        },
      );
      await sandbox.prepare(spec);
      await sandbox.invoke(spec, { ms: 0 });
      const [neighbour, spinner] = await Promise.all([
        sandbox.invoke(spec, { ms: 250 }, { timeoutMs: 5_000 }),
        sandbox.invoke(spec, { spin: true }),
      ]);
      expect(spinner.ok ? "ok" : spinner.error.kind).toBe("timeout");
      expect(neighbour.ok ? "ok" : neighbour.error).toEqual({
        kind: "crash",
        message: "the sandbox was killed because another invocation in it timed out",
      });
      const after = await sandbox.invoke(spec, { ms: 0 });
      expect(results([after])).toEqual(["done"]);
      expect(after.coldStart).toBe(true);
    });
  });

  describe("when a version is drained", () => {
    it("refuses new invocations, waits for accepted ones, and removes its bundle", async () => {
      const { sandbox } = makePool();
      const spec = fn(SLOW);
      await sandbox.prepare(spec);
      const accepted = sandbox.invoke(spec, { tag: "accepted", ms: 100 });
      const drained = sandbox.drain(spec);
      await expect(sandbox.invoke(spec, {})).rejects.toSatisfy(
        (e) => isSandboxError(e) && e.code === "not-prepared",
      );
      expect(results([await accepted])).toEqual(["accepted"]);
      await drained;
      expect(sandbox.stats(spec)).toMatchObject({ live: 0 });
      await sandbox.drain(spec); // idempotent
    });
  });

  describe("when closed", () => {
    it("removes its workspace and refuses further calls", async () => {
      const { sandbox } = makePool();
      const spec = fn(SLOW);
      await sandbox.prepare(spec);
      await sandbox.invoke(spec, {});
      const workspaces = async () =>
        (await readdir(workDir)).filter((name) => name.startsWith(`winky-sandbox-${process.pid}-`));
      expect(await workspaces()).toHaveLength(1);
      await sandbox.close();
      expect(await workspaces()).toHaveLength(0);
      await expect(sandbox.invoke(spec, {})).rejects.toSatisfy(
        (e) => isSandboxError(e) && e.code === "closed",
      );
      await expect(sandbox.prepare(fn(SLOW))).rejects.toSatisfy(
        (e) => isSandboxError(e) && e.code === "closed",
      );
    });
  });
});
