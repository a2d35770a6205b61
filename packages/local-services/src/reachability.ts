import { Socket } from "node:net";
import pg from "pg";
import { ServiceUnavailableError } from "./errors.js";

/**
 * Fails fast when the PostgreSQL server in `url` cannot be reached or refuses us, with a
 * message naming host and port (never the password).
 *
 * @throws ServiceUnavailableError
 */
export async function assertPostgresReachable(
  url: string,
  source = "DATABASE_URL",
  timeoutMs = 5_000,
): Promise<void> {
  const { host, port } = hostAndPort(url, 5432, source, "postgres");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ServiceUnavailableError(
      "postgres",
      `cannot reach PostgreSQL at ${host}:${port} (${source}): ${reason}`,
      { cause },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Fails fast when the Redis server in `url` does not answer PING, naming host and port.
 *
 * @throws ServiceUnavailableError
 */
export async function assertRedisReachable(
  url: string,
  source = "REDIS_URL",
  timeoutMs = 5_000,
): Promise<void> {
  const { host, port } = hostAndPort(url, 6379, source, "redis");
  const reply = await new Promise<string>((resolve) => {
    const socket = new Socket();
    let data = "";
    const finish = (text: string) => {
      socket.destroy();
      resolve(text);
    };
    socket.setTimeout(timeoutMs, () => finish("timed out"));
    socket.once("error", (e) => finish(e.message));
    socket.on("data", (chunk) => {
      data += chunk.toString("utf8");
      if (data.includes("\r\n")) finish(data.trim());
    });
    socket.connect(port, host, () => socket.write("PING\r\n"));
  });
  // -NOAUTH still proves a Redis server is there; the client will authenticate from the URL.
  if (reply === "+PONG" || reply.startsWith("-NOAUTH")) return;
  throw new ServiceUnavailableError(
    "redis",
    `cannot reach Redis at ${host}:${port} (${source}): ${reply || "no answer"}`,
  );
}

function hostAndPort(
  url: string,
  defaultPort: number,
  source: string,
  service: "postgres" | "redis",
): { host: string; port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ServiceUnavailableError(service, `${source} is not a valid URL`);
  }
  return { host: parsed.hostname || "localhost", port: Number(parsed.port || defaultPort) };
}
