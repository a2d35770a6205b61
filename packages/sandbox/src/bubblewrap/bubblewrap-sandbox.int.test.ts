import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeSandbox, describeWithBubblewrap } from "../testing/index.js";
import { BubblewrapSandbox } from "./bubblewrap-sandbox.js";
import { probeBubblewrap } from "./probe.js";

const probe = await probeBubblewrap();

/**
 * Sandboxes of one workspace, counted in /proc: bwrap processes whose command line names `dir`
 * and whose parent is not one (with a pid namespace, bwrap forks a second bwrap inside).
 */
async function bwrapProcessesUnder(dir: string): Promise<number> {
  let count = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const argv = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    const [command, ...args] = argv.split("\0");
    if (path.basename(command ?? "") !== "bwrap" || !args.some((a) => a.startsWith(dir))) continue;
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    const ppid = /^PPid:\s+(\d+)/m.exec(status)?.[1];
    const parent = await readFile(`/proc/${ppid}/comm`, "utf8").catch(() => "");
    if (parent.trim() !== "bwrap") count += 1;
  }
  return count;
}

describeWithBubblewrap(probe, process.env, "BubblewrapSandbox", () => {
  const dirs: string[] = [];
  // Each sandbox gets a workspace under a dir of its own, so its processes can be counted.
  const workDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "winky-bwrap-test-"));
    await chmod(dir, 0o711); // the sandbox user (when we are root) must get through
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  describeSandbox("BubblewrapSandbox", async (options) => {
    const dir = await workDir();
    const sandbox = new BubblewrapSandbox({ ...options, workDir: dir });
    return { sandbox, countSandboxes: () => bwrapProcessesUnder(dir) };
  });

  describe("reap", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await workDir();
    });

    it("removes workspaces of processes that no longer run, not live ones", async () => {
      const live = new BubblewrapSandbox({
        pool: { idleMs: 1000, maxPerVersion: 1 },
        workDir: dir,
      });
      await live.prepare({
        id: "reaped",
        version: "v1",
        bundle: `export default () => 1;`,
        env: {},
        memoryMb: 128,
        cpus: 1,
        timeoutMs: 5000,
      });
      // A leftover: a workspace named after a pid that does not run.
      await mkdir(path.join(dir, "winky-sandbox-999999999-abcdef"));
      const reaped = await live.reap();
      expect(reaped.workspaces).toBe(1);
      const left = await readdir(dir);
      expect(left).toHaveLength(1);
      expect(left[0]).toMatch(new RegExp(`^winky-sandbox-${process.pid}-`));
      await live.close();
      expect(await readdir(dir)).toEqual([]);
    });
  });
});
