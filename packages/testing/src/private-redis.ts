import { startRedisServer, type RunningRedis } from "@winky/local-services";
import { afterAll } from "vitest";

/** A Redis server of the calling test file's own, which the test may kill and start again. */
export interface PrivateRedis {
  /** `redis://127.0.0.1:<port>`; the same across restarts. */
  readonly url: string;
  /** SIGKILL: the server dies at once, keeping nothing (it persists nothing). */
  kill(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  restart(): Promise<void>;
}

/**
 * Starts a private `redis-server` for tests of what happens when Redis dies: the run's shared
 * server must never be killed. Stopped after the file's tests.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  let server: RunningRedis | undefined = await startRedisServer();
  const { port, url } = server;
  afterAll(async () => {
    await server?.stop();
  });
  return {
    url,
    async kill() {
      if (!server?.pid) return;
      const { pid } = server;
      server = undefined;
      process.kill(pid, "SIGKILL");
      // Gone once signal 0 fails.
      while (isAlive(pid)) await new Promise((r) => setTimeout(r, 10));
    },
    async restart() {
      await server?.stop();
      server = await startRedisServer({ port });
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
