import type { HostConfig } from "dockerode";

/**
 * The isolation every sandbox container gets, functions and build jobs alike (the package
 * README's threat model), in one place so the two cannot drift apart.
 */
export function hardenedHostConfig(limits: {
  memoryMb: number;
  cpus: number;
  pidsLimit: number;
  tmpMb: number;
}): HostConfig {
  const memory = limits.memoryMb * 1024 * 1024;
  return {
    // Nothing in the image can be changed; only /tmp (and what a caller binds) is writable.
    ReadonlyRootfs: true,
    // Only a loopback interface: no route out, no DNS. The host is reached by Unix socket.
    NetworkMode: "none",
    // RAM limit; MemorySwap equal to it means no swap on top.
    Memory: memory,
    MemorySwap: memory,
    NanoCpus: Math.round(limits.cpus * 1e9),
    // Threads and processes count: stops fork bombs.
    PidsLimit: limits.pidsLimit,
    // No capabilities (no raw sockets, no chown, no mount …) and no way to gain any (setuid).
    CapDrop: ["ALL"],
    SecurityOpt: ["no-new-privileges"],
    Privileged: false,
    IpcMode: "private",
    Tmpfs: { "/tmp": `rw,nosuid,nodev,noexec,size=${limits.tmpMb}m,mode=1777` },
    // Not AutoRemove: State.OOMKilled must still be readable after the container died.
    AutoRemove: false,
    RestartPolicy: { Name: "no" },
  };
}
