import { describe, expect, it } from "vitest";
import { containerOptions, LABELS } from "./container-options.js";

const options = containerOptions(
  {
    name: "mailer-42-1",
    fn: { id: "mailer", version: "v3", memoryMb: 256, cpus: 1.5, timeoutMs: 1000 },
    paths: { runnerDir: "/w/runner", bundleDir: "/w/functions/ab", socketDir: "/w/sockets/cd" },
  },
  {
    image: "winky/sandbox-base:abc",
    user: "10001:10001",
    pidsLimit: 64,
    tmpMb: 16,
    owner: "host:42",
    instance: "i1",
  },
);

describe("containerOptions", () => {
  it("runs the runner from the image as the unprivileged user, with no secrets in Env", () => {
    expect(options.Image).toBe("winky/sandbox-base:abc");
    expect(options.User).toBe("10001:10001");
    expect(options.Cmd).toEqual([
      "node",
      "/opt/winky/runner/runner.mjs",
      "/run/winky/control.sock",
      "/opt/winky/function/bundle.mjs",
    ]);
    expect(options.Env).toEqual(["NODE_ENV=production", "HOME=/tmp"]);
  });

  it("locks the container down: read-only, no network, limits, no privileges", () => {
    expect(options.HostConfig).toMatchObject({
      ReadonlyRootfs: true,
      NetworkMode: "none",
      Memory: 256 * 1024 * 1024,
      MemorySwap: 256 * 1024 * 1024,
      NanoCpus: 1_500_000_000,
      PidsLimit: 64,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Privileged: false,
      AutoRemove: false,
    });
    expect(options.HostConfig?.Tmpfs?.["/tmp"]).toContain("size=16m");
  });

  it("mounts the runner, the bundle and the socket dir read-only", () => {
    expect(options.HostConfig?.Binds).toEqual([
      "/w/runner:/opt/winky/runner:ro",
      "/w/functions/ab:/opt/winky/function:ro",
      "/w/sockets/cd:/run/winky:ro",
    ]);
  });

  it("labels the container with the function, its version, its owner and its sandbox", () => {
    expect(options.Labels).toEqual({
      [LABELS.sandbox]: "1",
      [LABELS.functionId]: "mailer",
      [LABELS.version]: "v3",
      [LABELS.owner]: "host:42",
      [LABELS.instance]: "i1",
    });
    expect(options.name).toBe("winky-fn-mailer-42-1");
  });
});
