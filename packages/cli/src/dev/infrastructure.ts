import path from "node:path";
import {
  assertPostgresReachable,
  assertRedisReachable,
  ensureDockerEngine,
  startEmbeddedPostgres,
  startRedisServer,
  type DockerEngine,
} from "@winky/local-services";
import type { DevOptions } from "./dev-options.js";
import type { StopStack } from "./stop-stack.js";

export interface Infrastructure {
  databaseUrl: string;
  /** Where to point psql, without the password. */
  databaseLabel: string;
  redisUrl: string;
  docker: DockerEngine;
}

/**
 * Starts (or checks) the servers the apps need: PostgreSQL with a persistent data dir under
 * the data dir (or DATABASE_URL), redis-server (or REDIS_URL), and a Docker engine. Each thing
 * started goes on `stops`, so a failure half-way still stops what came up.
 *
 * @throws ServiceUnavailableError naming the host and port that could not be reached.
 */
export async function startInfrastructure(
  options: DevOptions,
  logDir: string,
  stops: StopStack,
  say: (text: string) => void,
): Promise<Infrastructure> {
  let databaseUrl = options.databaseUrl;
  let databaseLabel = "DATABASE_URL";
  if (databaseUrl) {
    await assertPostgresReachable(databaseUrl, "DATABASE_URL");
    say(`✓ PostgreSQL from DATABASE_URL\n`);
  } else {
    const started = Date.now();
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(options.dataDir, "postgres"),
      logFile: path.join(logDir, "postgres.log"),
    });
    stops.push("PostgreSQL", postgres.stop);
    databaseUrl = postgres.url;
    const passwordFile = path.join(options.dataDir, "postgres.password");
    databaseLabel = `postgres@127.0.0.1:${postgres.port} (password in ${passwordFile})`;
    say(
      `✓ PostgreSQL ${postgres.majorVersion} on 127.0.0.1:${postgres.port} (${Date.now() - started} ms)\n`,
    );
  }

  let redisUrl = options.redisUrl;
  if (redisUrl) {
    await assertRedisReachable(redisUrl, "REDIS_URL");
    say(`✓ Redis from REDIS_URL\n`);
  } else {
    const redis = await startRedisServer({
      dataDir: path.join(options.dataDir, "redis"),
      logFile: path.join(logDir, "redis.log"),
    });
    stops.push("Redis", redis.stop);
    redisUrl = redis.url;
    say(`✓ Redis on 127.0.0.1:${redis.port}\n`);
  }

  const docker = await ensureDockerEngine({ logFile: path.join(logDir, "dockerd.log") });
  if (docker.startedByUs) stops.push("dockerd", docker.stop);
  say(
    docker.available
      ? `✓ Docker engine ${docker.detail}${docker.startedByUs ? " (started)" : ""}\n`
      : `! No Docker engine (${docker.detail}): sandboxes and functions will not run\n`,
  );
  return { databaseUrl, databaseLabel, redisUrl, docker };
}
