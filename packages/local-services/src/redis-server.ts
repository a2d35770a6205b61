import { mkdir } from "node:fs/promises";
import path from "node:path";
import { ServiceUnavailableError } from "./errors.js";
import { ManagedProcess } from "./managed-process.js";
import { canConnect, freePort, waitUntil } from "./ports.js";

export interface RedisServerOptions {
  /** Working directory for the dump file; omitted means nothing is persisted. */
  dataDir?: string;
  port?: number;
  logFile?: string;
  /** The binary; Debian's redis-server on the PATH by default. */
  command?: string;
  startTimeoutMs?: number;
}

export interface RunningRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts a private `redis-server` on 127.0.0.1. With a data dir it snapshots there (RDB every
 * minute when something changed, and on shutdown); without one it keeps everything in memory.
 *
 * @throws ServiceUnavailableError when the binary is missing or the server does not come up.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedis> {
  const port = options.port ?? (await freePort());
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--daemonize", "no"];
  args.push("--protected-mode", "yes", "--loglevel", "warning");
  if (options.dataDir) {
    const dir = path.resolve(options.dataDir);
    await mkdir(dir, { recursive: true });
    args.push("--dir", dir, "--save", "60 1", "--appendonly", "no");
  } else {
    args.push("--save", "", "--appendonly", "no");
  }
  const server = new ManagedProcess({
    name: "redis-server",
    command: options.command ?? "redis-server",
    args,
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  const timeoutMs = options.startTimeoutMs ?? 10_000;
  const up = await waitUntil(
    async () => !server.running || (await canConnect("127.0.0.1", port, 200)),
    timeoutMs,
  );
  if (!up || !server.running) {
    await server.stop("SIGKILL");
    const hint = server.tail().includes("ENOENT")
      ? " (redis-server is not installed: run npm run setup, or set REDIS_URL)"
      : "";
    throw new ServiceUnavailableError(
      "redis",
      `redis-server on 127.0.0.1:${port} did not start${hint}:\n${server.tail()}`,
    );
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: server.pid,
    // SIGTERM makes redis-server save (when configured) and exit cleanly.
    stop: () => server.stop("SIGTERM", 10_000),
  };
}
