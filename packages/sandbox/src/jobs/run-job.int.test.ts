import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describeWithDocker } from "@winky/testing";
import Dockerode from "dockerode";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
// The image's tag is a content hash; sandbox-images computes it (see docs/TESTING.md).
import { IMAGES_DIR, resolveImages } from "../../../../sandbox-images/image-tag.mjs";
import { writeTinyReactApp } from "../../../../sandbox-images/test/tiny-react-app.js";
import { JOB_LABELS } from "./job-container-options.js";
import type { JobOptions } from "./job-types.js";
import { reapJobs } from "./reap-jobs.js";
import { runJob } from "./run-job.js";

const exec = promisify(execFile);
const docker = new Dockerode();
const dirs: string[] = [];
let image = "";
let runtimeDir = "";
let runtimeSocket = "";
let runtime: Server;

/** Builds winky/sandbox-builder if missing (1–2 min the first time, ~0.3 s when up to date). */
async function ensureBuilderImage(): Promise<string> {
  await exec(process.execPath, [path.join(IMAGES_DIR, "build.mjs"), "--require-engine"], {
    timeout: 900_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const images = await resolveImages();
  if (!images.builderImage) throw new Error(`no builder image: ${images.builderProblem}`);
  return images.builderImage;
}

async function workspace(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "winky-job-test-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/** A small job in the builder image; `command` is a shell line. */
async function job(command: string, options: Partial<JobOptions> = {}) {
  return runJob(docker, {
    image,
    workspace: options.workspace ?? (await workspace()),
    command: ["sh", "-c", command],
    timeoutMs: 30_000,
    memoryMb: 256,
    cpus: 1,
    ...options,
  });
}

async function ourContainers(): Promise<string[]> {
  const owner = `${JOB_LABELS.owner}=${hostname()}:${process.pid}`;
  const list = await docker.listContainers({ all: true, filters: { label: [owner] } });
  return list.map((c) => c.Id);
}

describeWithDocker("runJob", () => {
  beforeAll(async () => {
    image = await ensureBuilderImage();
    // Stands in for the run's runtime: an HTTP server on a host Unix socket.
    runtimeDir = await mkdtemp(path.join(tmpdir(), "winky-job-runtime-"));
    runtimeSocket = path.join(runtimeDir, "runtime.sock");
    runtime = createServer((request, response) => {
      response.setHeader("access-control-allow-origin", "*");
      response.end(`runtime says hello to ${request.method} ${request.url}`);
    });
    await new Promise<void>((resolve) => runtime.listen(runtimeSocket, resolve));
  }, 900_000);

  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
    expect(await ourContainers()).toEqual([]);
  });

  afterAll(async () => {
    await new Promise((resolve) => runtime?.close(resolve));
    if (runtimeDir) await rm(runtimeDir, { recursive: true, force: true });
  });

  describe("exit codes and output", () => {
    it("reports the command's exit code and its stdout and stderr apart", async () => {
      const result = await job("echo out; echo err >&2; exit 3");
      expect(result).toMatchObject({
        exitCode: 3,
        timedOut: false,
        oomKilled: false,
        stdout: "out\n",
        stderr: "err\n",
        truncated: { stdout: 0, stderr: 0 },
      });
      expect(result.runMs).toBeGreaterThan(0);
      expect(result.durationMs).toBeGreaterThanOrEqual(result.runMs);
    });

    it("keeps the head and tail of output past the cap and counts the rest", async () => {
      const result = await job(
        `node -e 'process.stdout.write("BEGIN" + "x".repeat(200000) + "END")'`,
        { maxOutputBytes: 4096 },
      );
      expect(result.exitCode).toBe(0);
      expect(result.stdout.startsWith("BEGIN")).toBe(true);
      expect(result.stdout.endsWith("END")).toBe(true);
      expect(result.truncated.stdout).toBe(200008 - 4096);
    });

    it("runs argv as is, with no shell", async () => {
      const result = await runJob(docker, {
        image,
        workspace: await workspace(),
        command: ["node", "-p", "process.argv.slice(1).join('|')", "a b", "$HOME"],
        timeoutMs: 30_000,
        memoryMb: 256,
        cpus: 1,
      });
      expect(result.stdout).toBe("a b|$HOME\n");
    });
  });

  describe("limits", () => {
    it("kills and removes the container at its timeout", async () => {
      const result = await job("echo started; sleep 60", { timeoutMs: 1500 });
      expect(result).toMatchObject({ exitCode: null, timedOut: true, stdout: "started\n" });
      expect(result.runMs).toBeLessThan(30_000);
    });

    it("reports a job killed at its memory limit", async () => {
      const hog = "const a = []; for (;;) a.push(Buffer.alloc(8 << 20, 1));";
      const result = await job(`node -e '${hog}'`, { memoryMb: 96, tmpMb: 8 });
      expect(result).toMatchObject({ oomKilled: true, exitCode: 137, timedOut: false });
    });

    it("rejects with the abort reason and removes the container", async () => {
      const controller = new AbortController();
      const running = job("sleep 60", { signal: controller.signal });
      setTimeout(() => controller.abort(new Error("run cancelled")), 1000);
      await expect(running).rejects.toThrow("run cancelled");
    });

    // An abort between create and start, or as the start returns: where a cancel under load
    // often lands, and where no abort listener used to be.
    it.each(["created", "started"] as const)(
      "stops a job aborted as its container is %s, and removes it",
      async (moment) => {
        const controller = new AbortController();
        const abort = () => controller.abort(new Error(`cancelled once ${moment}`));
        const aborting = new Proxy(docker, {
          get(target, property, receiver) {
            if (property !== "createContainer") return Reflect.get(target, property, receiver);
            return async (body: Dockerode.ContainerCreateOptions) => {
              const container = await target.createContainer(body);
              if (moment === "created") abort();
              else {
                const start = container.start.bind(container);
                container.start = (async () => {
                  const started: unknown = await start();
                  abort();
                  return started;
                }) as typeof container.start;
              }
              return container;
            };
          },
        });
        // Far beyond the test's limit: only the abort can end it in time.
        const running = runJob(aborting, {
          image,
          workspace: await workspace(),
          command: ["sh", "-c", "sleep 600"],
          timeoutMs: 900_000,
          memoryMb: 256,
          cpus: 1,
          signal: controller.signal,
        });
        await expect(running).rejects.toThrow(`cancelled once ${moment}`);
        expect(await ourContainers()).toEqual([]);
      },
      60_000,
    );
  });

  describe("isolation", () => {
    it("reaches no network: a fetch to 1.1.1.1 fails and only lo exists", async () => {
      const script =
        "fetch('http://1.1.1.1/', { signal: AbortSignal.timeout(5000) }).then(" +
        "() => console.log('reached'), (e) => console.log('failed', e.cause?.code ?? e.name));" +
        "console.log(Object.keys(require('os').networkInterfaces()).join(','));";
      const result = await job(`node -e "${script}"`);
      expect(result.stdout).toMatch(/^lo\nfailed (ENETUNREACH|EHOSTUNREACH|TimeoutError)/);
    });

    it("runs as uid 10001 with no capabilities, no new privileges and a read-only root", async () => {
      const result = await job(
        "id -u; grep -E '^(CapEff|NoNewPrivs)' /proc/self/status; " +
          "touch /opt/x 2>/dev/null || echo root-read-only; " +
          "touch /tmp/x /workspace/x && echo tmp-and-workspace-writable",
      );
      expect(result.stdout).toBe(
        "10001\nCapEff:\t0000000000000000\nNoNewPrivs:\t1\n" +
          "root-read-only\ntmp-and-workspace-writable\n",
      );
    });
  });

  describe("services", () => {
    it("forwards 127.0.0.1:<port> to the host's Unix socket, and nothing else", async () => {
      const script =
        "const get = (p) => fetch('http://127.0.0.1:' + p + '/v1/ping').then(" +
        "(r) => r.text(), (e) => 'refused ' + (e.cause?.code ?? e.name));" +
        "console.log(await get(4000)); console.log(await get(4001));";
      const result = await job(`node --input-type=module -e "${script}"`, {
        services: [{ port: 4000, socket: runtimeSocket }],
      });
      expect(result.stdout).toBe("runtime says hello to GET /v1/ping\nrefused ECONNREFUSED\n");
      expect(result.exitCode).toBe(0);
    });
  });

  describe("the workspace", () => {
    it("starts as a copy of the dir and comes back with what the job left", async () => {
      const dir = await workspace({ "keep.txt": "kept", "gone.txt": "to delete" });
      const result = await job("cat keep.txt; rm gone.txt; mkdir out && echo made > out/new.txt", {
        workspace: dir,
      });
      expect(result.stdout).toBe("kept");
      expect((await readdir(dir)).sort()).toEqual(["keep.txt", "out"]);
      expect(await readFile(path.join(dir, "out/new.txt"), "utf8")).toBe("made\n");
    });

    it("refuses a workspace that is not a directory", async () => {
      await expect(job("true", { workspace: "/no/such/dir" })).rejects.toMatchObject({
        name: "SandboxError",
        code: "invalid-argument",
      });
    });
  });

  describe("without its image", () => {
    it("refuses as unavailable, naming the image", async () => {
      await expect(job("true", { image: "winky/no-such-image:missing" })).rejects.toMatchObject({
        name: "SandboxError",
        code: "unavailable",
        message: expect.stringContaining("winky/no-such-image:missing"),
      });
    });
  });

  describe("reapJobs", () => {
    it("removes the containers and temp dirs of a dead process on this host, and only those", async () => {
      // The leftovers of an earlier run killed on this host first, so that only ours count.
      await reapJobs(docker, { workDir: await workspace() });
      // A pid that ran and exited: its jobs are leftovers.
      const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid;
      const make = (owner: string) =>
        docker.createContainer({
          Image: image,
          Cmd: ["sleep", "60"],
          Labels: { [JOB_LABELS.job]: "1", [JOB_LABELS.owner]: owner },
          HostConfig: { NetworkMode: "none" },
        });
      const leftover = await make(`${hostname()}:${deadPid}`);
      await leftover.start();
      const elsewhere = await make(`another-host:${deadPid}`);
      const alive = await make(`${hostname()}:1`);
      const workDir = await workspace();
      await mkdir(path.join(workDir, `winky-job-${deadPid}-abc`));
      await mkdir(path.join(workDir, `winky-job-${process.pid}-def`));
      try {
        const reaped = await reapJobs(docker, { workDir });
        expect(reaped).toEqual({ containers: 1, dirs: 1 });
        await expect(leftover.inspect()).rejects.toMatchObject({ statusCode: 404 });
        await expect(elsewhere.inspect()).resolves.toBeDefined();
        await expect(alive.inspect()).resolves.toBeDefined();
        expect(await readdir(workDir)).toEqual([`winky-job-${process.pid}-def`]);
      } finally {
        await Promise.all(
          [leftover, elsewhere, alive].map((c) => c.remove({ force: true }).catch(() => undefined)),
        );
      }
    });
  });

  describe("a generated app, end to end", () => {
    it("typechecks, builds, unit-tests and smoke-tests it in Chromium against the runtime", async () => {
      const dir = await workspace();
      await writeTinyReactApp(dir);
      const steps = [
        "winky-link-app-deps",
        "node_modules/.bin/tsc -p .",
        "node_modules/.bin/vite build --logLevel warn",
        "node_modules/.bin/vitest run --reporter dot",
        "node smoke.mjs http://127.0.0.1:4000/config",
      ];
      const result = await job(steps.join(" && "), {
        workspace: dir,
        services: [{ port: 4000, socket: runtimeSocket }],
        memoryMb: 2048,
        cpus: 2,
        timeoutMs: 180_000,
      });
      expect(result, result.stderr).toMatchObject({ exitCode: 0, timedOut: false });
      expect(result.stdout).toMatch(/2 passed/);
      const smoke = JSON.parse(result.stdout.trim().split("\n").pop() ?? "");
      expect(smoke).toEqual({ button: "count 1", api: "runtime says hello to GET /config" });
      expect(existsSync(path.join(dir, "dist/index.html"))).toBe(true);
    }, 240_000);
  });
});
