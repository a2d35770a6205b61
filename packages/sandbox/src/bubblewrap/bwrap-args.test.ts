import { describe, expect, it } from "vitest";
import { bwrapArgs, heapLimitMb, prlimitArgs, SANDBOX_NODE } from "./bwrap-args.js";

const args = bwrapArgs(
  {
    name: "n",
    fn: { id: "f", version: "v", memoryMb: 128, cpus: 1, timeoutMs: 1000 },
    paths: { runnerDir: "/w/runner", bundleDir: "/w/functions/ab", socketDir: "/w/sockets/cd" },
  },
  {
    nodePath: "/usr/local/bin/node",
    rootEntries: [
      { path: "/lib", kind: "symlink", target: "usr/lib" },
      { path: "/lib64", kind: "dir" },
    ],
    etcFiles: ["/etc/ld.so.cache"],
    tmpMb: 16,
  },
);

/** The value after `flag`, for each occurrence. */
function after(flag: string, count = 1): string[][] {
  const found: string[][] = [];
  args.forEach((arg, i) => arg === flag && found.push(args.slice(i + 1, i + 1 + count)));
  return found;
}

describe("bwrapArgs", () => {
  it("unshares every namespace, the network included, as the unprivileged user", () => {
    expect(args).toContain("--unshare-all");
    expect(args).toContain("--unshare-user");
    expect(args).toContain("--disable-userns");
    expect(after("--uid")).toEqual([["10001"]]);
    expect(after("--gid")).toEqual([["10001"]]);
    expect(args).not.toContain("--share-net");
  });

  it("dies with its parent, in a session of its own, with only the environment we set", () => {
    expect(args).toEqual(
      expect.arrayContaining(["--die-with-parent", "--new-session", "--clearenv"]),
    );
    expect(after("--setenv", 2).map(([name]) => name)).toEqual(["PATH", "HOME", "NODE_ENV"]);
  });

  it("binds everything read-only and only /tmp writable, size-capped", () => {
    expect(args).not.toContain("--bind");
    expect(after("--ro-bind", 2)).toEqual([
      ["/usr", "/usr"],
      ["/lib64", "/lib64"],
      ["/etc/ld.so.cache", "/etc/ld.so.cache"],
      ["/w/runner/passwd", "/etc/passwd"],
      ["/w/runner/group", "/etc/group"],
      ["/usr/local/bin/node", SANDBOX_NODE],
      ["/w/runner", "/opt/winky/runner"],
      ["/w/functions/ab", "/opt/winky/function"],
      ["/w/sockets/cd", "/run/winky"],
    ]);
    expect(after("--symlink", 2)).toEqual([["usr/lib", "/lib"]]);
    const tmpfs = args.indexOf("--tmpfs");
    expect(args.slice(tmpfs - 2, tmpfs + 2)).toEqual([
      "--size",
      String(16 * 1024 * 1024),
      "--tmpfs",
      "/tmp",
    ]);
    // The root is remounted read-only after every mount point has been made.
    expect(args.indexOf("--remount-ro")).toBeGreaterThan(args.lastIndexOf("--ro-bind"));
  });

  it("runs the runner on the bound node with a heap limit under the memory limit", () => {
    const command = args.slice(args.indexOf("--") + 1);
    expect(command).toEqual([
      SANDBOX_NODE,
      `--max-old-space-size=${heapLimitMb(128)}`,
      "/opt/winky/runner/runner.mjs",
      "/run/winky/control.sock",
      "/opt/winky/function/bundle.mjs",
    ]);
    expect(heapLimitMb(128)).toBeLessThan(128);
    expect(heapLimitMb(64)).toBe(16);
  });
});

describe("prlimitArgs", () => {
  it("caps private memory at the limit, thread stacks, files and core dumps", () => {
    const mib = 1024 * 1024;
    expect(prlimitArgs(96)).toEqual([
      `--data=${96 * mib}:${96 * mib}`,
      `--stack=${2 * mib}:${2 * mib}`,
      "--nofile=1024:1024",
      "--core=0:0",
    ]);
  });
});
