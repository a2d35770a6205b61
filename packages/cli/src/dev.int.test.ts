import { execFile, spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort, isProcessRunning } from "@winky/local-services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { descendants } from "./process-tree.test-bed.js";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const bin = path.join(repo, "packages/cli/bin/winky.js");

describe("winky dev", () => {
  let cwd: string;
  beforeAll(async () => {
    // The command starts the apps' built mains, so build them (turbo caches an unchanged build).
    await promisify(execFile)("npm", ["run", "build", "--", "--filter=@winky/cli..."], {
      cwd: repo,
    });
    cwd = await mkdtemp(path.join(tmpdir(), "winky-dev-"));
    await chmod(cwd, 0o711);
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("brings every service up, and Ctrl-C leaves no child process running", async () => {
    for (const round of ["cold", "warm"]) {
      const ports = { studio: await freePort(), runtime: await freePort(), orch: await freePort() };
      const cli = startCli(cwd, ports);
      await cli.ready;
      for (const port of Object.values(ports)) {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(res.status, `${round}: /healthz on ${port}`).toBe(200);
      }
      // Other commands on the data dir use dev's servers (a second PostgreSQL could not start).
      const env = { ...process.env, DATABASE_URL: "", REDIS_URL: "" };
      const listed = await promisify(execFile)(process.execPath, [bin, "runs", "list", "--json"], {
        cwd,
        env,
      });
      expect(JSON.parse(listed.stdout), `${round}: winky runs list`).toEqual([]);
      const family = await descendants(cli.child.pid!);
      expect(family.length).toBeGreaterThanOrEqual(5); // postgres, redis, three apps
      cli.child.kill("SIGINT");
      expect(await cli.exitCode).toBe(0);
      // Group members SIGKILLed as the leader exits are gone soon after, not at once.
      const survivors = async () => {
        const running = [];
        for (const pid of family) if (await isProcessRunning(pid)) running.push(pid);
        return running;
      };
      await expect
        .poll(survivors, { timeout: 10_000, message: `${round}: processes left running` })
        .toEqual([]);
      expect(cli.output()).toContain("Stopped.");
    }
    // dev says where its servers are only while it runs.
    await expect(readFile(path.join(cwd, ".winky/stack.json"))).rejects.toThrow(/ENOENT/);
    // The second round reused the cluster initialised by the first.
    expect(await readFile(path.join(cwd, ".winky/postgres/PG_VERSION"), "utf8")).toMatch(/^18/);
  }, 600_000);

  describe("with a DATABASE_URL that cannot be reached", () => {
    it("fails fast naming the host and port, never the password", async () => {
      const out: string[] = [];
      const io = {
        out: (t: string) => void out.push(t),
        err: (t: string) => void out.push(t),
        env: { DATABASE_URL: "postgres://app:s3cret-pw@127.0.0.1:1/app" },
        cwd,
        stopRequested: new Promise<string>(() => undefined),
      };
      const started = Date.now();
      expect(await runCli(["dev"], io)).toBe(1);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(out.join("")).toContain("cannot reach PostgreSQL at 127.0.0.1:1");
      expect(out.join("")).not.toContain("s3cret-pw");
    });
  });
});

function startCli(cwd: string, ports: { studio: number; runtime: number; orch: number }) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, "dev", "--studio-port", `${ports.studio}`, "--runtime-port", `${ports.runtime}`].concat([
      "--orchestrator-port",
      `${ports.orch}`,
    ]),
    { cwd, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const exitCode = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("is ready")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exitCode.then((code) => reject(new Error(`winky dev exited ${code}:\n${output}`)));
  });
  return { child, ready, exitCode, output: () => output };
}
