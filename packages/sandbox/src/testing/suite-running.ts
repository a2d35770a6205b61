import { describe, expect, it } from "vitest";
import type { InvocationResult } from "../types.js";
import * as bundles from "./bundles.js";
import { expectSuccess, spec, type SuiteContext } from "./suite-context.js";

/** Running functions: results, logs, the host API. */
export function describeRunning(ctx: SuiteContext): void {
  describe("running a function", () => {
    it("answers a hello world", async () => {
      const fn = await ctx.deploy(spec(bundles.HELLO));
      const result = expectSuccess(await ctx.shared().sandbox.invoke(fn, null));
      expect(result.result).toBe("hello, world");
      expect(result.coldStart).toBe(true);
      expect(result.durationMs).toBeGreaterThan(0);
    });

    it("passes the event in and the JSON result out, with the invocation's context", async () => {
      const fn = await ctx.deploy(spec(bundles.ECHO, { id: "echo-fn", version: "v7" }));
      const result = expectSuccess(
        await ctx.shared().sandbox.invoke(fn, { a: 2, b: 3, list: [1, 2, 3] }),
      );
      expect(result.result).toMatchObject({
        sum: 5,
        doubled: [2, 4, 6],
        context: { functionId: "echo-fn", version: "v7" },
      });
      const context = (result.result as { context: { deadline: number; invocationId: string } })
        .context;
      expect(typeof context.invocationId).toBe("string");
      expect(context.deadline).toBeGreaterThan(Date.now() - 60_000);
    });

    it("runs concurrent invocations, each with its own result", async () => {
      const fn = await ctx.deploy(spec(bundles.SLOW));
      const tags = ["a", "b", "c", "d", "e", "f"];
      const results = await Promise.all(
        tags.map((tag, i) => ctx.shared().sandbox.invoke(fn, { tag, ms: 30 * (i % 3) })),
      );
      expect(results.map((r) => expectSuccess(r).result)).toEqual(tags);
      // One invocation per sandbox (the default), at most maxPerVersion sandboxes.
      expect(ctx.shared().sandbox.stats(fn).started).toBeLessThanOrEqual(4);
    });
  });

  describe("logs", () => {
    it("keeps stdout and stderr per invocation, in order, with the duration", async () => {
      const fn = await ctx.deploy(spec(bundles.LOGGING));
      const first = expectSuccess(await ctx.shared().sandbox.invoke(fn, { tag: "A" }));
      const second = expectSuccess(await ctx.shared().sandbox.invoke(fn, { tag: "B" }));
      expect(first.logs.map((l) => [l.stream, l.line])).toEqual([
        ["stdout", "module loaded"],
        ["stdout", "out 1 A"],
        ["stderr", "err 1 A"],
        ["stdout", "out 2 A"],
        ["stderr", "err 2 A"],
        ["stdout", "out 3 A"],
      ]);
      expect(second.logs.map((l) => [l.stream, l.line])).toEqual([
        ["stdout", "out 1 B"],
        ["stderr", "err 1 B"],
        ["stdout", "out 2 B"],
        ["stderr", "err 2 B"],
        ["stdout", "out 3 B"],
      ]);
      for (const log of [...first.logs, ...second.logs]) expect(log.at).toBeGreaterThan(0);
      expect(second.durationMs).toBeGreaterThan(0);
    });

    it("keeps the logs of invocations running at once in one sandbox apart", async () => {
      const fn = await ctx.deploy(spec(bundles.LOGGING, { maxConcurrency: 4 }));
      const results = await Promise.all(
        ["X", "Y", "Z"].map((tag, i) =>
          ctx.shared().sandbox.invoke(fn, { tag, delayMs: 20 * (3 - i) }),
        ),
      );
      for (const [i, tag] of ["X", "Y", "Z"].entries()) {
        const lines = expectSuccess(results[i] as InvocationResult)
          .logs.map((l) => l.line)
          .filter((line) => line !== "module loaded");
        expect(lines).toEqual([
          `out 1 ${tag}`,
          `err 1 ${tag}`,
          `out 2 ${tag}`,
          `err 2 ${tag}`,
          `out 3 ${tag}`,
        ]);
      }
      expect(ctx.shared().sandbox.stats(fn).started).toBe(1);
    });
  });
  describe("the host API socket", () => {
    it("answers requests sent to WINKY_HOST_SOCKET, naming the caller as the host knows it", async () => {
      const fn = await ctx.deploy(spec(bundles.HOST_API, { id: "caller-fn", version: "v3" }));
      const result = expectSuccess(await ctx.shared().sandbox.invoke(fn, { ask: "time" }));
      expect(result.result).toEqual({
        id: 7,
        response: { echoed: { ask: "time" }, from: "caller-fn@v3" },
      });
      expect(ctx.hostRequests).toContainEqual({
        request: { ask: "time" },
        caller: { id: "caller-fn", version: "v3" },
      });
      const refused = expectSuccess(await ctx.shared().sandbox.invoke(fn, "fail"));
      expect(refused.result).toEqual({ id: 7, error: { message: "the host refused" } });
    });
  });
}
