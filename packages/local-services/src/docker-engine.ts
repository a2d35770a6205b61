import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { promisify } from "node:util";
import { ManagedProcess } from "./managed-process.js";
import { waitUntil } from "./ports.js";

const execFileAsync = promisify(execFile);

export interface DockerEngine {
  /** The engine answers `docker info`. */
  available: boolean;
  /** We started dockerd, so `stop()` will stop it. */
  startedByUs: boolean;
  /** Engine version, or why no engine could be had. */
  detail: string;
  stop(): Promise<void>;
}

export interface EnsureDockerOptions {
  /** Start dockerd when none answers and we are root (default true). */
  startIfRoot?: boolean;
  logFile?: string;
  startTimeoutMs?: number;
}

/** The server version when a Docker engine answers (honours DOCKER_HOST), else undefined. */
export async function dockerServerVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync("docker", ["info", "--format", "{{.ServerVersion}}"], {
      timeout: 10_000,
    });
    const version = stdout.trim();
    return version && !version.includes("<no value>") ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds a Docker engine, starting Debian's `dockerd` when we are root, none answers and
 * DOCKER_HOST does not point elsewhere. Never throws: `available` and `detail` say what happened.
 */
export async function ensureDockerEngine(options: EnsureDockerOptions = {}): Promise<DockerEngine> {
  const none = (detail: string): DockerEngine => ({
    available: false,
    startedByUs: false,
    detail,
    stop: async () => undefined,
  });
  const version = await dockerServerVersion();
  if (version)
    return { available: true, startedByUs: false, detail: version, stop: async () => {} };
  if (process.env.DOCKER_HOST) return none(`no Docker engine answers at DOCKER_HOST`);
  if (options.startIfRoot === false) return none("no Docker engine answers");
  if (process.getuid?.() !== 0) {
    return none("no Docker engine answers and we are not root, so dockerd was not started");
  }
  await removeStalePidFile("/var/run/docker.pid");
  const daemon = new ManagedProcess({
    name: "dockerd",
    command: "dockerd",
    args: [],
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let started: string | undefined;
  await waitUntil(
    async () => !daemon.running || (started = await dockerServerVersion()) !== undefined,
    timeoutMs,
    200,
  );
  if (!started) {
    await daemon.stop("SIGKILL");
    const missing = daemon.tail().includes("ENOENT") ? " (dockerd is not installed)" : "";
    return none(
      `dockerd did not start${missing}: ${daemon.tail().split("\n").slice(-3).join(" ")}`,
    );
  }
  return {
    available: true,
    startedByUs: true,
    detail: started,
    // dockerd stops its containers and its containerd on SIGTERM; that can take a while.
    stop: () => daemon.stop("SIGTERM", 20_000),
  };
}

async function removeStalePidFile(pidFile: string): Promise<void> {
  const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).trim());
  if (!pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    await rm(pidFile, { force: true });
  }
}
