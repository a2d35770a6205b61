import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  assertPostgresReachable,
  assertRedisReachable,
  ensureDockerEngine,
  startEmbeddedPostgres,
  startRedisServer,
} from "@winky/local-services";
import type { TestProject } from "vitest/node";
import { chromiumPolicy, findChromium } from "./chromium-policy.js";
import { dockerPolicy } from "./docker-policy.js";
import "./provided-context.js";

/**
 * Vitest global setup for `*.int.test.ts`: one PostgreSQL and one Redis for the whole run
 * (or the servers in DATABASE_URL / REDIS_URL), a Docker engine when one can be had, and the
 * path of a Chromium for browser tests (CHROMIUM_PATH, or the usual places).
 * Returns the teardown, which stops everything it started, in reverse order.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  };
  try {
    const workDir = await mkdtemp(path.join(tmpdir(), "winky-test-"));
    // PostgreSQL runs as the postgres user when we are root: it must be able to enter this dir.
    await chmod(workDir, 0o711);
    stops.push(() => rm(workDir, { recursive: true, force: true }));

    const databaseUrl = await postgresForRun(workDir, stops);
    const redisUrl = await redisForRun(stops);
    const docker = await ensureDockerEngine({ logFile: path.join(workDir, "dockerd.log") });
    if (docker.startedByUs) stops.push(docker.stop);
    const policy = dockerPolicy(docker, process.env);
    if (policy.action === "fail") throw new Error(policy.message);
    if (policy.action === "skip") console.warn(policy.banner);
    project.provide("databaseUrl", databaseUrl);
    project.provide("redisUrl", redisUrl);
    project.provide("dockerAvailable", docker.available);
    project.provide("dockerDetail", docker.detail);
    // Browser tests judge this per suite (describeWithChromium): no browser fails only them.
    const chromium = await findChromium(process.env);
    project.provide("chromiumPath", chromium.path);
    project.provide("chromiumVerdict", chromiumPolicy(chromium, process.env));
    return teardown;
  } catch (e) {
    await teardown();
    throw e;
  }
}

async function postgresForRun(workDir: string, stops: Array<() => Promise<void>>) {
  const external = process.env.DATABASE_URL;
  if (external) {
    await assertPostgresReachable(external);
    return external;
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(workDir, "postgres"),
    ephemeral: true,
    logFile: path.join(workDir, "postgres.log"),
  });
  stops.push(server.stop);
  return server.url;
}

async function redisForRun(stops: Array<() => Promise<void>>) {
  const external = process.env.REDIS_URL;
  if (external) {
    await assertRedisReachable(external);
    return external;
  }
  const server = await startRedisServer();
  stops.push(server.stop);
  return server.url;
}
