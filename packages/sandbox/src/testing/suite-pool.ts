import { describe, expect, it } from "vitest";
import { isSandboxError } from "../errors.js";
import * as bundles from "./bundles.js";
import { eventually, expectSuccess, spec, type SuiteContext } from "./suite-context.js";

/** The warm pool: reuse, scale to zero, queueing, drain. */
export function describePool(ctx: SuiteContext): void {
  describe("the warm pool", () => {
    it("reuses a warm sandbox: the second invocation starts none", async () => {
      const { sandbox, countSandboxes } = await ctx.make({ idleMs: 60_000, maxPerVersion: 2 });
      const fn = await ctx.deploy(spec(bundles.WHOAMI), sandbox);
      const first = expectSuccess(await sandbox.invoke(fn, {}));
      const second = expectSuccess(await sandbox.invoke(fn, {}));
      expect([first.coldStart, second.coldStart]).toEqual([true, false]);
      // The same loaded module answered both.
      expect(second.result).toBe(first.result);
      expect(sandbox.stats(fn)).toMatchObject({ started: 1, live: 1 });
      expect(await countSandboxes()).toBe(1);
    });

    it("stops sandboxes idle longer than idleMs (scale to zero)", async () => {
      const { sandbox, countSandboxes } = await ctx.make({ idleMs: 300, maxPerVersion: 2 });
      const fn = await ctx.deploy(spec(bundles.HELLO), sandbox);
      expectSuccess(await sandbox.invoke(fn, null));
      await eventually(() => sandbox.stats(fn).live === 0, "the idle sandbox is stopped");
      await eventually(async () => (await countSandboxes()) === 0, "no sandbox is left");
      const again = expectSuccess(await sandbox.invoke(fn, null));
      expect(again.coldStart).toBe(true);
    });

    it("queues invocations past maxPerVersion and runs them all", async () => {
      const { sandbox } = await ctx.make({ idleMs: 60_000, maxPerVersion: 1 });
      const fn = await ctx.deploy(spec(bundles.SLOW), sandbox);
      const results = await Promise.all(
        ["1", "2", "3"].map((tag) => sandbox.invoke(fn, { tag, ms: 50 })),
      );
      expect(results.map((r) => expectSuccess(r).result)).toEqual(["1", "2", "3"]);
      expect(sandbox.stats(fn).started).toBe(1);
    });

    it("drains a version: refuses new invocations, finishes running ones, removes sandboxes", async () => {
      const { sandbox, countSandboxes } = await ctx.make({ idleMs: 60_000, maxPerVersion: 2 });
      const fn = await ctx.deploy(spec(bundles.SLOW), sandbox);
      const running = sandbox.invoke(fn, { tag: "in flight", ms: 300 });
      await eventually(() => sandbox.stats(fn).running === 1, "the invocation runs");
      const drained = sandbox.drain(fn);
      await expect(sandbox.invoke(fn, { tag: "late", ms: 0 })).rejects.toSatisfy(
        (e: unknown) => isSandboxError(e) && e.code === "not-prepared",
      );
      expect(expectSuccess(await running).result).toBe("in flight");
      await drained;
      expect(await countSandboxes()).toBe(0);
      await sandbox.prepare({ ...fn, version: "v2" });
      expectSuccess(await sandbox.invoke({ ...fn, version: "v2" }, { tag: "v2", ms: 0 }));
    });
  });
}
