/**
 * A TCP port on the job's own loopback that leads to a service of the host: connections to
 * `127.0.0.1:<port>` inside the job are piped to the Unix socket `socket` on the host. The only
 * way out of a job; nothing else is reachable.
 */
export interface JobService {
  /** 1–65535; unique within one job. */
  port: number;
  /** Absolute path of a listening Unix socket on the host (e.g. the run's runtime). */
  socket: string;
}

/** One command to run in a fresh container (see {@link runJob}). */
export interface JobOptions {
  /** E.g. `winky/sandbox-builder:<tag>` from `resolveImages()` in sandbox-images. */
  image: string;
  /**
   * Absolute path of a host dir. The job sees a copy of it at `/workspace` (read-write, owned by
   * uid 10001); when the job ends (also by timeout) the dir is replaced by what the job left.
   */
  workspace: string;
  /** argv, run as is (no shell): `["sh", "-c", "…"]` for one. Its cwd is `/workspace`. */
  command: readonly string[];
  /**
   * Added to the image's environment (`HOME=/tmp` is set unless given). Visible in
   * `docker inspect`: not for secrets.
   */
  env?: Record<string, string>;
  /** Hard limit, from the container's start: the container is then killed and removed. */
  timeoutMs: number;
  /** Memory limit in MiB (RAM, no swap); `/tmp` and Chromium's shared memory count too. */
  memoryMb: number;
  /** CPU limit in cores. */
  cpus: number;
  /** Processes and threads (default 1024: Chromium and vitest workers need hundreds). */
  pidsLimit?: number;
  /** The only mode: only a loopback interface. */
  network?: "none";
  services?: readonly JobService[];
  /** Kept per stream, head and tail (default 1 MiB); the middle is dropped and counted. */
  maxOutputBytes?: number;
  /** Size of the `/tmp` tmpfs, MiB (default 256, at most `memoryMb`). */
  tmpMb?: number;
  /** Aborting kills the job and removes its container; `runJob` rejects with the reason. */
  signal?: AbortSignal;
  /** Where the workspace copy and sockets live on the host (default: the OS temp dir). */
  workDir?: string;
}

export interface JobResult {
  /** The command's exit status (128 + n for signal n); null when killed at its timeout. */
  exitCode: number | null;
  timedOut: boolean;
  /** Killed by the memory limit (Docker's `State.OOMKilled`). */
  oomKilled: boolean;
  stdout: string;
  stderr: string;
  /** Bytes left out of the middle of each stream (0: complete). */
  truncated: { stdout: number; stderr: number };
  /** The whole job: copying in, the container's life, copying back. */
  durationMs: number;
  /** From asking Docker to start the container to its exit (or kill). */
  runMs: number;
}
