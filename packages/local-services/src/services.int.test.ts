import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { isServiceUnavailableError } from "./errors.js";
import { ManagedProcess } from "./managed-process.js";
import { freePort, isProcessRunning } from "./ports.js";
import { assertPostgresReachable, assertRedisReachable } from "./reachability.js";
import { startRedisServer } from "./redis-server.js";

describe("startRedisServer", () => {
  it("serves a private Redis on 127.0.0.1 and stops it", async () => {
    const redis = await startRedisServer();
    const client = new Redis(redis.url);
    expect(await client.ping()).toBe("PONG");
    await client.quit();
    await redis.stop();
    await expect(assertRedisReachable(redis.url)).rejects.toThrow(/cannot reach Redis/);
  });

  it("names the missing binary when redis-server is not installed", async () => {
    const error = await startRedisServer({ command: "redis-server-that-does-not-exist" }).catch(
      (e: unknown) => e,
    );
    expect(isServiceUnavailableError(error)).toBe(true);
    expect((error as Error).message).toContain("redis-server is not installed");
  });
});

describe("reachability checks", () => {
  it("name host and port of an unreachable PostgreSQL, never its password", async () => {
    const port = await freePort();
    const url = `postgres://app:pa55word@127.0.0.1:${port}/app`;
    const error = await assertPostgresReachable(url).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`cannot reach PostgreSQL at 127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain("pa55word");
  });

  it("reject a URL that does not parse, naming the variable", async () => {
    await expect(assertRedisReachable("not a url", "REDIS_URL")).rejects.toThrow(
      "REDIS_URL is not a valid URL",
    );
  });
});

describe("ManagedProcess", () => {
  it("stops the whole process group, grandchildren included", async () => {
    const parent = new ManagedProcess({
      name: "sh",
      command: "sh",
      args: ["-c", "sleep 300 & echo child=$!; wait"],
    });
    let grandchild = 0;
    await expect
      .poll(
        () => {
          grandchild = Number(/child=(\d+)/.exec(parent.tail())?.[1] ?? 0);
          return grandchild;
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    await parent.stop("SIGTERM", 2_000);
    expect(parent.running).toBe(false);
    await expect.poll(() => isProcessRunning(grandchild), { timeout: 20_000 }).toBe(false);
  });

  const LAUNCHER = fileURLToPath(new URL("./launcher.test-bed.ts", import.meta.url));
  /** Starts the launcher, reads its managed child's pid, then SIGKILLs the launcher. */
  async function killLauncher(...args: string[]): Promise<number> {
    const launcher = spawn(process.execPath, ["--import", "tsx", LAUNCHER, ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    launcher.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await expect.poll(() => /child=(\d+)/.test(out), { timeout: 20_000 }).toBe(true);
    const pid = Number(/child=(\d+)/.exec(out)![1]);
    await expect.poll(() => isProcessRunning(pid)).toBe(true);
    launcher.kill("SIGKILL");
    await new Promise((resolve) => launcher.once("close", resolve));
    return pid;
  }

  it("stops when its launcher is killed without stopping it", async () => {
    const pid = await killLauncher();
    await expect.poll(() => isProcessRunning(pid), { timeout: 5_000 }).toBe(false);
  });

  it("outlives a killed launcher when asked to", async () => {
    const pid = await killLauncher("outlive");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await isProcessRunning(pid)).toBe(true);
    process.kill(pid, "SIGKILL");
  });
});
