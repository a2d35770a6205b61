import { SandboxError, type Sandbox } from "@winky/sandbox";

/**
 * A sandbox that runs nothing: deploying a function only bundles and stores it, so tests of
 * deploys, listings and exports enable the functions routes with this instead of Docker. An
 * invocation is refused as an unavailable engine would be.
 */
export function deployOnlySandbox(): Sandbox {
  return {
    prepare: async () => {},
    invoke: async () => {
      throw new SandboxError("unavailable", "the deploy-only test sandbox runs no function");
    },
    drain: async () => {},
    stats: () => ({ started: 0, live: 0, running: 0, queued: 0 }),
    close: async () => {},
  };
}
