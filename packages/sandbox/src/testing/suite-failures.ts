import { describe, expect, it } from "vitest";
import * as bundles from "./bundles.js";
import { expectFailure, expectSuccess, spec, type SuiteContext } from "./suite-context.js";

/** What a function can do wrong, and how each is reported. */
export function describeFailures(ctx: SuiteContext): void {
  describe("failures", () => {
    it("reports a thrown error with its message and a stack without the runner's frames", async () => {
      const fn = await ctx.deploy(spec(bundles.THROWING));
      const failure = expectFailure(await ctx.shared().sandbox.invoke(fn, { what: "the widget" }));
      expect(failure.error.kind).toBe("error");
      expect(failure.error.message).toBe("it broke: the widget");
      expect(failure.error.stack).toContain("deepInside");
      expect(failure.error.stack).toContain("bundle.mjs");
      expect(failure.error.stack).not.toContain("runner.mjs");
      expect(failure.error.stack).not.toContain("node:internal");
      // The sandbox survives a thrown error.
      const again = expectFailure(await ctx.shared().sandbox.invoke(fn, { kind: "string" }));
      expect(again.error.message).toContain("a string");
      expect(again.coldStart).toBe(false);
    });

    it("reports a thrown error's code and details; details past the limit are dropped and logged", async () => {
      const fn = await ctx.deploy(spec(bundles.REFUSING));
      const details = { field: "name", tried: ["a", "b"] };
      const failure = expectFailure(await ctx.shared().sandbox.invoke(fn, { name: "x", details }));
      expect(failure.error).toMatchObject({
        kind: "error",
        message: "no such thing: x",
        code: "not-found",
        details,
      });
      const big = { blob: "x".repeat(11 * 1024) };
      const dropped = expectFailure(await ctx.shared().sandbox.invoke(fn, { details: big }));
      expect(dropped.error.code).toBe("not-found");
      expect(dropped.error).not.toHaveProperty("details");
      expect(dropped.logs.map((l) => l.line)).toEqual([
        "the error's details were dropped: they are larger than 10240 bytes of JSON",
      ]);
    });

    it("reports a result that is not JSON as an error", async () => {
      const fn = await ctx.deploy(spec(bundles.THROWING));
      const failure = expectFailure(await ctx.shared().sandbox.invoke(fn, { kind: "bigint" }));
      expect(failure.error).toMatchObject({ kind: "error" });
      expect(failure.error.message).toMatch(/not JSON.*BigInt/);
    });

    it("reports a bundle that throws while loading, with what it logged", async () => {
      const fn = await ctx.deploy(spec(bundles.FAILS_TO_LOAD));
      const failure = expectFailure(await ctx.shared().sandbox.invoke(fn, {}));
      expect(failure.error.kind).toBe("error");
      expect(failure.error.message).toContain("no config at load time");
      expect(failure.logs.map((l) => l.line)).toContain("about to fail");
    });

    it("reports a bundle without a handler", async () => {
      const fn = await ctx.deploy(spec(bundles.NO_HANDLER));
      const failure = expectFailure(await ctx.shared().sandbox.invoke(fn, {}));
      expect(failure.error.kind).toBe("error");
      expect(failure.error.message).toContain("notAHandler");
    });

    it("kills an infinite loop at its timeout; the next invocation gets a fresh sandbox", async () => {
      const fn = await ctx.deploy(spec(bundles.LOOPING, { timeoutMs: 1_000 }));
      const before = expectSuccess(await ctx.shared().sandbox.invoke(fn, { loop: false }));
      const failure = expectFailure(await ctx.shared().sandbox.invoke(fn, { loop: true }));
      expect(failure.error.kind).toBe("timeout");
      expect(failure.logs.map((l) => l.line)).toEqual(["looping forever"]);
      const after = expectSuccess(await ctx.shared().sandbox.invoke(fn, { loop: false }));
      expect(after.coldStart).toBe(true);
      expect(ctx.shared().sandbox.stats(fn).started).toBe(2);
      expect(before.coldStart).toBe(true);
    });

    it("applies a per-invocation timeout", async () => {
      const fn = await ctx.deploy(spec(bundles.SLOW, { timeoutMs: 60_000 }));
      const failure = expectFailure(
        await ctx.shared().sandbox.invoke(fn, { ms: 30_000, tag: "t" }, { timeoutMs: 500 }),
      );
      expect(failure.error.kind).toBe("timeout");
      expect(failure.error.message).toContain("500 ms");
    });

    for (const hog of ["buffers", "heap"] as const) {
      it(`kills a function that allocates ${hog} past its memory limit (oom)`, async () => {
        const fn = await ctx.deploy(spec(bundles.MEMORY_HOG, { memoryMb: 96 }));
        expectSuccess(await ctx.shared().sandbox.invoke(fn, { hog: false }));
        const failure = expectFailure(await ctx.shared().sandbox.invoke(fn, { hog }));
        expect(failure.error.kind).toBe("oom");
        expect(failure.error.message).toContain("96 MiB");
        const after = expectSuccess(await ctx.shared().sandbox.invoke(fn, { hog: false }));
        expect(after.coldStart).toBe(true);
      });
    }

    it("reports process.exit as a crash with the exit code", async () => {
      const fn = await ctx.deploy(spec(bundles.EXITING));
      const failure = expectFailure(await ctx.shared().sandbox.invoke(fn, { code: 3 }));
      expect(failure.error.kind).toBe("crash");
      expect(failure.exitCode).toBe(3);
      expect(failure.logs.map((l) => l.line)).toContain("exiting with 3");
    });

    it("rejects an aborted invocation and replaces its sandbox", async () => {
      const fn = await ctx.deploy(spec(bundles.SLOW));
      expectSuccess(await ctx.shared().sandbox.invoke(fn, { ms: 0, tag: "warm" }));
      const controller = new AbortController();
      const pending = ctx
        .shared()
        .sandbox.invoke(fn, { ms: 30_000, tag: "slow" }, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error("caller gave up")), 100);
      await expect(pending).rejects.toThrow("caller gave up");
      const after = expectSuccess(await ctx.shared().sandbox.invoke(fn, { ms: 0, tag: "after" }));
      expect(after.coldStart).toBe(true);
    });
  });
}
