import { randomBytes } from "node:crypto";
import type { BlobStore } from "@winky/blob-store";
import type { SecretStore } from "@winky/secrets";
import type { Queue } from "bullmq";
import type { QueuedEvent } from "../events/event-queue.js";
import type { RuntimeDeps } from "../app.js";
import { drizzle } from "drizzle-orm/node-postgres";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { buildApp } from "../app.js";
import type { AuthCore } from "../auth/core/index.js";
import {
  createTestAuthCore,
  type ManualClock,
  type MemoryAuthStores,
} from "../auth/core/testing/index.js";
import { PostgresUserStore } from "../auth/postgres/user-store.js";
import { migrateRuntime } from "../db/migrate.js";
import type { ChangeFeed } from "../realtime/change-feed.js";

/** The operator key test runtimes use. */
export const TEST_ADMIN_KEY = "operator-key-".padEnd(40, "x");

export interface TestRuntime {
  app: FastifyInstance;
  pool: pg.Pool;
  /** The in-memory auth core, its stores (the outbox holds mailed links) and its clock. */
  auth: { core: AuthCore; stores: MemoryAuthStores; clock: ManualClock };
  /** Creates a project through the admin API and returns its first service key. */
  createProject(id: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A runtime for integration tests on a migrated, fresh database: real PostgreSQL, the auth core
 * on memory stores with a manual clock (so token expiry can be tested), optionally a change
 * feed for realtime. `app.inject()` drives it; `app.listen()` serves it for HTTP clients.
 */
export async function createTestRuntime(
  databaseUrl: string,
  options: {
    changeFeed?: ChangeFeed;
    eventQueue?: Queue<QueuedEvent>;
    secrets?: SecretStore;
    /** Enables functions, in this sandbox (the host binds to the app). */
    functions?: RuntimeDeps["functions"];
    /** Enables storage; its clock is the auth core's (`auth.clock`), its key random. */
    blobs?: BlobStore;
    maxObjectSize?: number;
    /** Users in PostgreSQL (their changes then reach the event log) instead of in memory. */
    usersInPostgres?: boolean;
    /** Hosting's site domain (`localhost` serves `<project>.localhost`) and file cap. */
    hosting?: RuntimeDeps["hosting"];
  } = {},
): Promise<TestRuntime> {
  await migrateRuntime(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const auth = createTestAuthCore(
    {},
    options.usersInPostgres ? { users: new PostgresUserStore(pool) } : {},
  );
  const app = buildApp({
    pool,
    db: drizzle({ client: pool }),
    adminKey: TEST_ADMIN_KEY,
    auth: auth.core,
    ...(options.changeFeed ? { changeFeed: options.changeFeed } : {}),
    ...(options.eventQueue ? { eventQueue: options.eventQueue } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.functions ? { functions: options.functions } : {}),
    ...(options.hosting ? { hosting: options.hosting } : {}),
    ...(options.blobs
      ? {
          blobs: options.blobs,
          storage: {
            encryptionKey: randomBytes(32),
            now: () => auth.clock.now().getTime(),
            ...(options.maxObjectSize !== undefined
              ? { maxObjectSize: options.maxObjectSize }
              : {}),
          },
        }
      : {}),
    mailbox: {
      recent: async (projectId, limit) =>
        auth.stores.outbox.messages
          .filter((m) => m.projectId === projectId)
          .slice(-limit)
          .reverse()
          .map((m) => ({ ...m, createdAt: new Date(auth.clock.now()) })),
    },
    logLevel: "silent",
  });
  return {
    app,
    pool,
    auth,
    async createProject(id) {
      const res = await app.inject({
        method: "POST",
        url: "/v1/admin/projects",
        headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
        payload: { id },
      });
      if (res.statusCode !== 201) throw new Error(`creating project ${id}: ${res.body}`);
      return (res.json() as { serviceKey: { key: string } }).serviceKey.key;
    },
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
