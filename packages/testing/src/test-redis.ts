import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, inject } from "vitest";
import "./provided-context.js";

/** URL of the run's Redis server. */
export function testRedisUrl(): string {
  return inject("redisUrl");
}

/**
 * A key prefix no other test uses (BullMQ's own tests isolate queues the same way), so tests
 * share one Redis without wiping it.
 */
export function uniqueRedisPrefix(label = "test"): string {
  return `test:${label}:${randomBytes(4).toString("hex")}:`;
}

/**
 * Opens a client on the run's Redis and, after the file's tests, deletes every key under the
 * returned prefix and closes the client.
 */
export function useTestRedis(label?: string): { client: Redis; prefix: string } {
  const client = new Redis(testRedisUrl(), { lazyConnect: false, maxRetriesPerRequest: 2 });
  const prefix = uniqueRedisPrefix(label);
  afterAll(async () => {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== "0");
    await client.quit();
  });
  return { client, prefix };
}
