import { execFile, spawnSync } from "node:child_process";
import { hostname } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describeWithDocker } from "@winky/testing";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The image's tag is a content hash; sandbox-images computes it (see docs/TESTING.md).
import { IMAGES_DIR, resolveImages } from "../../../../sandbox-images/image-tag.mjs";
import { describeSandbox } from "../testing/index.js";
import type { FunctionSpec } from "../types.js";
import { LABELS } from "./container-options.js";
import { DockerSandbox } from "./docker-sandbox.js";

const exec = promisify(execFile);
const docker = new Dockerode();
let image = "";

/** Builds winky/sandbox-base if missing (30–60 s the first time, ~0.15 s when up to date). */
async function ensureImage(): Promise<string> {
  const args = [path.join(IMAGES_DIR, "build.mjs"), "--require-engine", "--base-only"];
  await exec(process.execPath, args, {
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return (await resolveImages({ builder: false })).baseImage;
}

describeWithDocker("DockerSandbox", () => {
  beforeAll(async () => {
    image = await ensureImage();
  }, 600_000);

  describeSandbox("DockerSandbox", async (options) => {
    const sandbox = new DockerSandbox({ docker, image, ...options });
    return { sandbox, countSandboxes: async () => (await sandbox.containerIds()).length };
  });

  describe("containers", () => {
    let sandbox: DockerSandbox;
    const fn: FunctionSpec = {
      id: "inspected",
      version: "v1",
      bundle: `export default () => "ok";`,
      env: { APP_SECRET: "never-in-inspect" },
      memoryMb: 96,
      cpus: 0.5,
      timeoutMs: 5_000,
    };

    beforeAll(async () => {
      sandbox = new DockerSandbox({ docker, image, pool: { idleMs: 60_000, maxPerVersion: 1 } });
      await sandbox.prepare(fn);
      await sandbox.invoke(fn, null);
    });
    afterAll(() => sandbox.close());

    it("are created with every limit and restriction of the threat model", async () => {
      const [id] = await sandbox.containerIds();
      const info = await docker.getContainer(id ?? "").inspect();
      const host = info.HostConfig;
      expect(host.ReadonlyRootfs).toBe(true);
      expect(host.NetworkMode).toBe("none");
      expect(host.Memory).toBe(96 * 1024 * 1024);
      expect(host.MemorySwap).toBe(96 * 1024 * 1024);
      expect(host.NanoCpus).toBe(500_000_000);
      expect(host.PidsLimit).toBe(64);
      expect(host.CapDrop).toEqual(["ALL"]);
      expect(host.SecurityOpt).toEqual(["no-new-privileges"]);
      expect(host.Privileged).toBe(false);
      expect(Object.keys(host.Tmpfs ?? {})).toEqual(["/tmp"]);
      expect(host.Binds?.every((bind) => bind.endsWith(":ro"))).toBe(true);
      expect(info.Config.User).toBe("10001:10001");
      expect(info.Config.Labels).toMatchObject({
        [LABELS.sandbox]: "1",
        [LABELS.functionId]: "inspected",
        [LABELS.version]: "v1",
        [LABELS.owner]: `${hostname()}:${process.pid}`,
      });
    });

    it("keep the function's env out of the container's configuration", async () => {
      const [id] = await sandbox.containerIds();
      const info = await docker.getContainer(id ?? "").inspect();
      expect(JSON.stringify(info)).not.toContain("never-in-inspect");
    });

    it("are all removed by close", async () => {
      const closing = new DockerSandbox({
        docker,
        image,
        pool: { idleMs: 60_000, maxPerVersion: 2 },
      });
      await closing.prepare(fn);
      await Promise.all([closing.invoke(fn, null), closing.invoke(fn, null)]);
      expect((await closing.containerIds()).length).toBeGreaterThan(0);
      await closing.close();
      expect(await closing.containerIds()).toEqual([]);
    });
  });

  describe("reap", () => {
    it("removes containers left by a dead process on this host, and only those", async () => {
      // A pid that ran and exited: its containers are leftovers.
      const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid;
      const make = (owner: string) =>
        docker.createContainer({
          Image: image,
          Cmd: ["true"],
          Labels: { [LABELS.sandbox]: "1", [LABELS.owner]: owner, "winky.sandbox.test": "reap" },
          HostConfig: { NetworkMode: "none" },
        });
      const leftover = await make(`${hostname()}:${deadPid}`);
      const elsewhere = await make(`another-host:${deadPid}`);
      const alive = await make(`${hostname()}:1`);
      const sandbox = new DockerSandbox({
        docker,
        image,
        pool: { idleMs: 1000, maxPerVersion: 1 },
      });
      try {
        const reaped = await sandbox.reap();
        expect(reaped.containers).toBeGreaterThanOrEqual(1);
        await expect(leftover.inspect()).rejects.toMatchObject({ statusCode: 404 });
        await expect(elsewhere.inspect()).resolves.toBeDefined();
        await expect(alive.inspect()).resolves.toBeDefined();
      } finally {
        await Promise.all(
          [leftover, elsewhere, alive].map((c) => c.remove({ force: true }).catch(() => undefined)),
        );
        await sandbox.close();
      }
    });
  });

  describe("without its image", () => {
    it("refuses the invocation as unavailable, naming the image", async () => {
      const sandbox = new DockerSandbox({
        docker,
        image: "winky/no-such-image:missing",
        pool: { idleMs: 1000, maxPerVersion: 1 },
      });
      const fn: FunctionSpec = {
        id: "imageless",
        version: "v1",
        bundle: `export default () => 1;`,
        env: {},
        memoryMb: 64,
        cpus: 1,
        timeoutMs: 1000,
      };
      await sandbox.prepare(fn);
      await expect(sandbox.invoke(fn, null)).rejects.toMatchObject({
        name: "SandboxError",
        code: "unavailable",
        message: expect.stringContaining("winky/no-such-image:missing"),
      });
      await sandbox.close();
    });
  });
});
