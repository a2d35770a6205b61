// How the host judges what a sandbox says and does, with the runner played by the test.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FunctionSpec } from "../types.js";
import { SandboxPool } from "./pool.js";
import { ScriptedLauncher, type ScriptedRunner } from "./test-support.js";

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "winky-worker-test-"));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

const pools: SandboxPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

const spec: FunctionSpec = {
  id: "scripted",
  version: "v1",
  bundle: "export default () => null;",
  env: { TOKEN: "t0k3n" },
  memoryMb: 128,
  cpus: 1,
  timeoutMs: 5_000,
};

async function poolWith(launcher: ScriptedLauncher, startTimeoutMs = 5_000) {
  const sandbox = new SandboxPool(launcher, {
    pool: { idleMs: 60_000, maxPerVersion: 1 },
    workDir,
    startTimeoutMs,
  });
  pools.push(sandbox);
  await sandbox.prepare(spec);
  return sandbox;
}

/** A runner that says ready, then answers each invocation with `answer`. */
function answering(answer: (runner: ScriptedRunner, invoke: Record<string, unknown>) => void) {
  return (runner: ScriptedRunner) => {
    void runner.next("init").then(async () => {
      runner.send({ t: "ready" });
      for (;;) answer(runner, await runner.next("invoke"));
    });
  };
}

describe("a sandbox, as the host sees it", () => {
  it("gets the function's env in its first frame, not on its command line", async () => {
    const launcher = new ScriptedLauncher(
      answering((runner, invoke) => runner.send({ t: "result", id: invoke.id, result: 1 })),
    );
    const sandbox = await poolWith(launcher);
    await sandbox.invoke(spec, null);
    const [runner] = launcher.runners;
    expect(runner?.received[0]).toMatchObject({
      t: "init",
      env: { TOKEN: "t0k3n" },
      hostSocket: "/run/winky/host.sock",
      functionId: "scripted",
      version: "v1",
    });
    expect(JSON.stringify(runner?.request)).not.toContain("t0k3n");
  });

  it("ignores frames that are not valid, or for invocations it did not send", async () => {
    const launcher = new ScriptedLauncher(
      answering((runner, invoke) => {
        runner.send("this is not json\n");
        runner.send({ t: "result", id: 999, result: "not yours" });
        runner.send({ t: "log", id: invoke.id, stream: "stdout", line: "kept", at: 1 });
        runner.send({ t: "surprise", id: invoke.id });
        runner.send({ t: "result", id: invoke.id, result: "yours" });
      }),
    );
    const sandbox = await poolWith(launcher);
    const result = await sandbox.invoke(spec, null);
    expect(result).toMatchObject({ ok: true, result: "yours", logs: [{ line: "kept" }] });
  });

  it("kills a sandbox that sends an endless frame, failing its invocation as a crash", async () => {
    const launcher = new ScriptedLauncher(
      answering((runner) => {
        const chunk = "x".repeat(1024 * 1024);
        for (let i = 0; i < 40; i++) runner.send(chunk);
      }),
    );
    const sandbox = await poolWith(launcher);
    const result = await sandbox.invoke(spec, null);
    expect(result.ok ? "ok" : result.error.kind).toBe("crash");
    expect(sandbox.stats(spec).live).toBe(0);
  });

  it("reports oom when the engine says the memory limit killed the sandbox", async () => {
    const launcher = new ScriptedLauncher(
      answering((runner) => runner.exit({ exitCode: 137, oomKilled: true, output: [] })),
    );
    const sandbox = await poolWith(launcher);
    const result = await sandbox.invoke(spec, null);
    expect(result).toMatchObject({ ok: false, error: { kind: "oom" }, exitCode: 137 });
  });

  it("adds what the sandbox printed outside invocations to a crash's logs", async () => {
    const launcher = new ScriptedLauncher(
      answering((runner) =>
        runner.exit({
          exitCode: 134,
          oomKilled: false,
          output: [{ stream: "stderr", line: "Assertion failed: native module", at: 5 }],
        }),
      ),
    );
    const sandbox = await poolWith(launcher);
    const result = await sandbox.invoke(spec, null);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "crash", message: expect.stringContaining("native module") },
      logs: [{ stream: "stderr", line: "Assertion failed: native module" }],
      exitCode: 134,
    });
  });

  it("fails the start as a timeout when the runner never says ready", async () => {
    const launcher = new ScriptedLauncher(() => undefined, { connect: false });
    const sandbox = await poolWith(launcher, 200);
    const result = await sandbox.invoke(spec, null);
    expect(result).toMatchObject({ ok: false, error: { kind: "timeout" }, coldStart: true });
    expect(result.ok || result.error.message).toContain("did not become ready within 200 ms");
  });

  it("rejects as unavailable when the engine cannot start a sandbox, and tries again next time", async () => {
    const launcher = new ScriptedLauncher(
      answering((runner, invoke) => runner.send({ t: "result", id: invoke.id, result: "up" })),
    );
    launcher.failWith = new Error("engine down");
    const sandbox = await poolWith(launcher);
    await expect(sandbox.invoke(spec, null)).rejects.toMatchObject({
      name: "SandboxError",
      code: "unavailable",
      message: expect.stringContaining("engine down"),
    });
    launcher.failWith = undefined;
    await expect(sandbox.invoke(spec, null)).resolves.toMatchObject({ ok: true, result: "up" });
  });

  it("fails every invocation waiting on a sandbox whose bundle does not load", async () => {
    const launcher = new ScriptedLauncher((runner) => {
      void runner.next("init").then(() =>
        runner.send({
          t: "load-error",
          message: "SyntaxError: Unexpected token",
          logs: [{ stream: "stdout", line: "loading", at: 1 }],
        }),
      );
    });
    const sandbox = new SandboxPool(launcher, {
      pool: { idleMs: 60_000, maxPerVersion: 1 },
      workDir,
    });
    pools.push(sandbox);
    const shared = { ...spec, maxConcurrency: 2 };
    await sandbox.prepare(shared);
    const both = await Promise.all([sandbox.invoke(shared, 1), sandbox.invoke(shared, 2)]);
    for (const result of both) {
      expect(result).toMatchObject({
        ok: false,
        error: {
          kind: "error",
          message: "the function failed to load: SyntaxError: Unexpected token",
        },
        logs: [{ line: "loading" }],
      });
    }
    expect(launcher.runners).toHaveLength(1);
  });
});
