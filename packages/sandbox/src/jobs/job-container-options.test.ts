import { describe, expect, it } from "vitest";
import { jobCommand, jobContainerOptions, JOB_LABELS } from "./job-container-options.js";
import { checkJobOptions } from "./validate-job.js";

const job = checkJobOptions({
  image: "winky/sandbox-builder:abc",
  workspace: "/srv/app",
  command: ["sh", "-c", "vite build && vitest run"],
  env: { CI: "1" },
  timeoutMs: 60_000,
  memoryMb: 1024,
  cpus: 1.5,
  pidsLimit: 300,
  tmpMb: 128,
});
const mounts = {
  workspace: "/t/job/workspace",
  jobDir: "/t/job/job",
  servicesDir: "/t/job/services",
};
const options = jobContainerOptions(job, mounts, { name: "winky-job-1", owner: "host:42" });

describe("jobContainerOptions", () => {
  it("runs the command itself as uid 10001 in /workspace, HOME in /tmp", () => {
    expect(options).toMatchObject({
      name: "winky-job-1",
      Image: "winky/sandbox-builder:abc",
      Cmd: ["sh", "-c", "vite build && vitest run"],
      Entrypoint: [],
      User: "10001:10001",
      WorkingDir: "/workspace",
      Env: ["HOME=/tmp", "CI=1"],
      Labels: { [JOB_LABELS.job]: "1", [JOB_LABELS.owner]: "host:42" },
    });
  });

  it("locks the container down like a function sandbox, with an init and a build's limits", () => {
    expect(options.HostConfig).toMatchObject({
      ReadonlyRootfs: true,
      NetworkMode: "none",
      Memory: 1024 * 1024 * 1024,
      MemorySwap: 1024 * 1024 * 1024,
      NanoCpus: 1_500_000_000,
      PidsLimit: 300,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Privileged: false,
      Init: true,
      AutoRemove: false,
      LogConfig: { Type: "none" },
    });
    expect(options.NetworkDisabled).toBe(true);
    expect(options.HostConfig?.Tmpfs?.["/tmp"]).toMatch(/noexec.*size=128m/);
  });

  it("mounts only the workspace copy writable; the forwarder and sockets read-only", () => {
    expect(options.HostConfig?.Binds).toEqual([
      "/t/job/workspace:/workspace:rw",
      "/t/job/job:/opt/winky/job:ro",
      "/t/job/services:/run/winky/services:ro",
    ]);
  });

  it("lets the job's env override HOME", () => {
    const own = jobContainerOptions(
      checkJobOptions({ ...job, env: { HOME: "/workspace" } }),
      mounts,
      {
        name: "n",
        owner: "o",
      },
    );
    expect(own.Env).toEqual(["HOME=/workspace"]);
  });
});

describe("jobCommand", () => {
  it("starts the forwarder before the command when there are services", () => {
    const withServices = checkJobOptions({
      ...job,
      services: [
        { port: 4000, socket: "/run/runtime.sock" },
        { port: 9000, socket: "/run/other.sock" },
      ],
    });
    expect(jobCommand(withServices)).toEqual([
      "node",
      "/opt/winky/job/forwarder.mjs",
      JSON.stringify([
        { port: 4000, socket: "/run/winky/services/4000.sock" },
        { port: 9000, socket: "/run/winky/services/9000.sock" },
      ]),
      "--",
      "sh",
      "-c",
      "vite build && vitest run",
    ]);
  });
});
