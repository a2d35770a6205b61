import { SANDBOX_PATHS, SANDBOX_USER, type LaunchRequest } from "../core/launcher.js";

/** Where the node binary is inside a bubblewrap sandbox (bound from the host's). */
export const SANDBOX_NODE = "/opt/winky/bin/node";

/** How the host's top-level system dirs look: merged-/usr hosts have symlinks. */
export type RootEntry =
  { path: string; kind: "symlink"; target: string } | { path: string; kind: "dir" };

export interface BwrapSettings {
  /** The host's node binary (resolved, not a symlink). */
  nodePath: string;
  /** /bin, /lib, /lib64, /sbin … as they are on the host. */
  rootEntries: RootEntry[];
  /** Host files of /etc worth having (the loader cache, the time zone), when they exist. */
  etcFiles: string[];
  tmpMb: number;
}

/**
 * The `bwrap` arguments for one sandbox: new user, pid, network, ipc, uts and cgroup namespaces
 * (so no network but loopback), a root of nothing but /usr, the runner, the bundle and the
 * socket dir, all read-only, a private /proc and /dev, a size-capped /tmp, no environment but
 * what we set, and death with its parent.
 */
export function bwrapArgs(request: LaunchRequest, settings: BwrapSettings): string[] {
  const { paths } = request;
  const args = [
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--uid",
    String(SANDBOX_USER.uid),
    "--gid",
    String(SANDBOX_USER.gid),
    "--hostname",
    "sandbox",
    "--die-with-parent",
    "--new-session",
    "--clearenv",
    "--setenv",
    "PATH",
    "/usr/local/bin:/usr/bin:/bin",
    "--setenv",
    "HOME",
    "/tmp",
    "--setenv",
    "NODE_ENV",
    "production",
    "--ro-bind",
    "/usr",
    "/usr",
  ];
  for (const entry of settings.rootEntries) {
    if (entry.kind === "symlink") args.push("--symlink", entry.target, entry.path);
    else args.push("--ro-bind", entry.path, entry.path);
  }
  for (const file of settings.etcFiles) args.push("--ro-bind", file, file);
  args.push(
    "--ro-bind",
    `${paths.runnerDir}/passwd`,
    "/etc/passwd",
    "--ro-bind",
    `${paths.runnerDir}/group`,
    "/etc/group",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--size",
    String(settings.tmpMb * 1024 * 1024),
    "--tmpfs",
    "/tmp",
    "--ro-bind",
    settings.nodePath,
    SANDBOX_NODE,
    "--ro-bind",
    paths.runnerDir,
    SANDBOX_PATHS.runnerDir,
    "--ro-bind",
    paths.bundleDir,
    SANDBOX_PATHS.bundleDir,
    "--ro-bind",
    paths.socketDir,
    SANDBOX_PATHS.socketDir,
    // bwrap builds the root on a tmpfs; nothing may be written outside /tmp.
    "--remount-ro",
    "/",
    "--chdir",
    "/tmp",
    "--",
    SANDBOX_NODE,
    `--max-old-space-size=${heapLimitMb(request.fn.memoryMb)}`,
    SANDBOX_PATHS.runner,
    SANDBOX_PATHS.controlSocket,
    SANDBOX_PATHS.bundle,
  );
  return args;
}

/**
 * The V8 heap limit under bubblewrap: below RLIMIT_DATA by what Node holds besides the heap
 * (~50 MiB), so a heap that grows too far ends in V8's "JavaScript heap out of memory", which
 * is recognisable, rather than in a failed mmap inside V8, which can crash with nothing said.
 */
export function heapLimitMb(memoryMb: number): number {
  return Math.max(16, memoryMb - 56);
}

/**
 * `prlimit` options for one sandbox. RLIMIT_DATA caps the private writable memory of each
 * process (the V8 heap and ArrayBuffers included, since Linux 4.7): what unprivileged code can
 * have instead of a memory cgroup. It counts reserved thread stacks too, and glibc sizes those
 * by RLIMIT_STACK: at the default 8 MiB, Node's eleven threads alone would reserve 80 MiB, so
 * stacks get 2 MiB (V8 uses under 1 MiB of the main one).
 */
export function prlimitArgs(memoryMb: number): string[] {
  const data = memoryMb * 1024 * 1024;
  const stack = 2 * 1024 * 1024;
  return [
    `--data=${data}:${data}`,
    `--stack=${stack}:${stack}`,
    "--nofile=1024:1024",
    "--core=0:0",
  ];
}
