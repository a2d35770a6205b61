import { describe, expect, it } from "vitest";
import { isSandboxError } from "../errors.js";
import * as bundles from "./bundles.js";
import { expectSuccess, spec, type SuiteContext } from "./suite-context.js";

const SECRET = "s3cr3t-value-that-must-not-leak";

/** What a function cannot reach, and calls the sandbox refuses. */
export function describeIsolation(ctx: SuiteContext): void {
  describe("isolation", () => {
    it("has no network: fetch, net.connect and DNS fail inside", async () => {
      const fn = await ctx.deploy(spec(bundles.NETWORK));
      const result = expectSuccess(await ctx.shared().sandbox.invoke(fn, {}));
      const seen = result.result as Record<string, string>;
      expect(seen.fetched).toMatch(/^failed/);
      expect(seen.connected).toMatch(/^failed/);
      expect(seen.resolved).toMatch(/^failed/);
    });

    it("cannot write to the root filesystem or its own code, but can write /tmp", async () => {
      const fn = await ctx.deploy(spec(bundles.FILESYSTEM));
      const seen = expectSuccess(await ctx.shared().sandbox.invoke(fn, {})).result as Record<
        string,
        unknown
      >;
      expect(seen.root).toMatch(/^(EROFS|EACCES)$/);
      expect(seen.etc).toMatch(/^(EROFS|EACCES)$/);
      expect(seen.bundle).toMatch(/^(EROFS|EACCES)$/);
      expect(seen.tmp).toBe("written");
      expect(seen.tmpRead).toBe("x");
    });

    it("runs as a non-root user", async () => {
      const fn = await ctx.deploy(spec(bundles.FILESYSTEM));
      const seen = expectSuccess(await ctx.shared().sandbox.invoke(fn, {})).result as Record<
        string,
        unknown
      >;
      expect(seen.uid).not.toBe(0);
      expect(seen.gid).not.toBe(0);
      expect(seen.uid).toBe(10001);
    });

    it("shows env and secrets to the function but never logs them itself", async () => {
      const fn = await ctx.deploy(
        spec(bundles.ENVIRONMENT, { env: { APP_API_KEY: SECRET, APP_REGION: "eu" } }),
      );
      const result = expectSuccess(await ctx.shared().sandbox.invoke(fn, {}));
      expect(result.result).toEqual({ apiKey: SECRET, region: "eu", hostSocket: "string" });
      expect(result.logs.map((l) => l.line)).toEqual(["env names: APP_API_KEY,APP_REGION"]);
      expect(JSON.stringify(result.logs)).not.toContain(SECRET);
    });
  });
  describe("bad calls", () => {
    it("refuses a spec with a bad field, naming it", async () => {
      const bad = [
        [{ memoryMb: 1 }, "memoryMb"],
        [{ timeoutMs: 0 }, "timeoutMs"],
        [{ id: "../etc" }, "id"],
        [{ env: { "BAD NAME": "x" } }, "env"],
        [{ bundle: "" }, "bundle"],
      ] as const;
      for (const [override, field] of bad) {
        await expect(ctx.shared().sandbox.prepare(spec(bundles.HELLO, override))).rejects.toSatisfy(
          (e: unknown) =>
            isSandboxError(e) && e.code === "invalid-argument" && e.message.includes(field),
        );
      }
    });

    it("refuses to invoke a version never prepared", async () => {
      await expect(
        ctx.shared().sandbox.invoke({ id: "nobody", version: "v1" }, {}),
      ).rejects.toSatisfy((e: unknown) => isSandboxError(e) && e.code === "not-prepared");
    });

    it("refuses a different bundle under a prepared version (versions are immutable)", async () => {
      const fn = await ctx.deploy(spec(bundles.HELLO));
      await ctx.shared().sandbox.prepare(fn); // the same spec again: a no-op
      await expect(ctx.shared().sandbox.prepare({ ...fn, bundle: bundles.ECHO })).rejects.toSatisfy(
        (e: unknown) => isSandboxError(e) && e.code === "already-exists",
      );
    });
  });
}
