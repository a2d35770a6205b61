import { describe, expect, it } from "vitest";
import { isSandboxError } from "../errors.js";
import type { JobOptions } from "./job-types.js";
import { checkJobOptions, JOB_DEFAULTS } from "./validate-job.js";

const good: JobOptions = {
  image: "winky/sandbox-builder:abc",
  workspace: "/srv/runs/42/app",
  command: ["sh", "-c", "vite build"],
  env: { CI: "1" },
  timeoutMs: 120_000,
  memoryMb: 2048,
  cpus: 2,
  services: [{ port: 4000, socket: "/run/runtime/project-42.sock" }],
};

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isSandboxError(e) && e.code === "invalid-argument") return e.message;
    throw e;
  }
  throw new Error("expected an invalid-argument refusal");
}

describe("checkJobOptions", () => {
  it("returns a frozen copy with the defaults filled in", () => {
    const checked = checkJobOptions(good);
    expect(checked).toMatchObject({
      image: good.image,
      command: good.command,
      pidsLimit: JOB_DEFAULTS.pidsLimit,
      maxOutputBytes: JOB_DEFAULTS.maxOutputBytes,
      tmpMb: JOB_DEFAULTS.tmpMb,
      services: good.services,
    });
    expect(Object.isFrozen(checked)).toBe(true);
    expect(Object.isFrozen(checked.command)).toBe(true);
  });

  it("keeps /tmp within a small memory limit", () => {
    expect(checkJobOptions({ ...good, memoryMb: 128 }).tmpMb).toBe(128);
  });

  it.each([
    [{ image: "" }, "image"],
    [{ workspace: "relative/dir" }, "workspace"],
    [{ command: [] }, "command"],
    [{ command: ["", "x"] }, "command"],
    [{ command: ["sh", 1 as unknown as string] }, "command"],
    [{ env: { "A-B": "1" } }, "env name"],
    [{ env: { A: 1 as unknown as string } }, "env.A"],
    [{ timeoutMs: 0 }, "timeoutMs"],
    [{ memoryMb: 32 }, "memoryMb"],
    [{ cpus: 0 }, "cpus"],
    [{ pidsLimit: 4 }, "pidsLimit"],
    [{ network: "bridge" as "none" }, "network"],
    [{ maxOutputBytes: 10 }, "maxOutputBytes"],
    [{ tmpMb: 4096 }, "tmpMb"],
    [{ services: [{ port: 0, socket: "/a.sock" }] }, "services[0].port"],
    [{ services: [{ port: 4000, socket: "a.sock" }] }, "services[0].socket"],
    [
      {
        services: [
          { port: 4000, socket: "/a.sock" },
          { port: 4000, socket: "/b.sock" },
        ],
      },
      "services[1].port 4000 is given twice",
    ],
  ] as [Partial<JobOptions>, string][])("refuses %j, naming %s", (change, field) => {
    expect(refusal(() => checkJobOptions({ ...good, ...change }))).toContain(field);
  });
});
