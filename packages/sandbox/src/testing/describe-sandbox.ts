import { afterAll, beforeAll, describe } from "vitest";
import type { HostApiHandler, PoolOptions } from "../types.js";
import type { SandboxFactory, SandboxUnderTest, SuiteContext } from "./suite-context.js";
import { describeFailures } from "./suite-failures.js";
import { describeIsolation } from "./suite-isolation.js";
import { describePool } from "./suite-pool.js";
import { describeRunning } from "./suite-running.js";

/**
 * The conformance suite every {@link Sandbox} passes. `create` is called for an instance the
 * tests share and for a few tests that need their own pool settings; the suite closes them all.
 */
export function describeSandbox(name: string, create: SandboxFactory): void {
  describe(`${name} (Sandbox conformance)`, () => {
    const hostRequests: SuiteContext["hostRequests"] = [];
    const hostApi: HostApiHandler = (request, caller) => {
      hostRequests.push({ request, caller });
      if (request === "fail") throw new Error("the host refused");
      return { echoed: request, from: `${caller.id}@${caller.version}` };
    };
    const made: SandboxUnderTest[] = [];
    let shared: SandboxUnderTest | undefined;
    const make = async (pool: PoolOptions) => {
      const instance = await create({ pool, hostApi });
      made.push(instance);
      return instance;
    };
    const ctx: SuiteContext = {
      shared: () => {
        if (!shared) throw new Error("the shared sandbox is made in beforeAll");
        return shared;
      },
      make,
      deploy: async (fn, on) => {
        await (on ?? ctx.shared().sandbox).prepare(fn);
        return fn;
      },
      hostRequests,
    };

    beforeAll(async () => {
      shared = await make({ idleMs: 60_000, maxPerVersion: 4 });
    });
    afterAll(async () => {
      await Promise.all(made.map((instance) => instance.sandbox.close()));
    });

    describeRunning(ctx);
    describeFailures(ctx);
    describeIsolation(ctx);
    describePool(ctx);
  });
}
