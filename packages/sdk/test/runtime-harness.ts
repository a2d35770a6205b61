// A real runtime for the SDK's integration tests: a fresh database, the app listening on a
// free port, one project with rules deployed, and the auth core's test kit (mail outbox,
// manual clock). Built the way apps/runtime's own integration tests build it.
import { buildApp, migrateRuntime } from "@winky/runtime";
import { useTestDatabase } from "@winky/testing";
import { drizzle } from "drizzle-orm/node-postgres";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
// Not exported by @winky/runtime (see the package README): the auth core's test kit, and the
// change feed that realtime listeners need.
import { createTestAuthCore } from "../../../apps/runtime/src/auth/core/testing/index.js";
import { ChangeFeed } from "../../../apps/runtime/src/realtime/change-feed.js";

const ADMIN_KEY = "operator-key-".padEnd(40, "x");

/** What a test sees of the running runtime. */
export interface TestRuntime {
  /** `http://127.0.0.1:<port>` */
  url: string;
  project: string;
  /** The auth core's stores: `outbox.lastToken(email)` is the token of the last mailed link. */
  stores: ReturnType<typeof createTestAuthCore>["stores"];
  /** The auth core's clock: advance it to expire tokens. */
  clock: ReturnType<typeof createTestAuthCore>["clock"];
  /** Calls the admin API with the project's service key. */
  admin(method: string, path: string, body: unknown, contentType?: string): Promise<Response>;
  /** Cuts every listen WebSocket from the runtime's side (with `realtime`). */
  dropListenConnections(): void;
}

/** Options of {@link useTestRuntime}. */
export interface TestRuntimeOptions {
  /**
   * Serve realtime listeners: give the app a started {@link ChangeFeed} (PostgreSQL
   * LISTEN/NOTIFY), as apps/runtime's realtime tests do; closed after the app.
   */
  realtime?: boolean;
}

/**
 * Registers hooks that start a runtime with `project` created and `rules` deployed (and with
 * `realtime`, its listen endpoint), and stop it afterwards. Read `.current` inside tests or hooks.
 */
export function useTestRuntime(
  project: string,
  rules: string,
  options: TestRuntimeOptions = {},
): { readonly current: TestRuntime } {
  const database = useTestDatabase(`sdk_${project}`);
  const { core, stores, clock } = createTestAuthCore();
  let pool: pg.Pool | undefined;
  let feed: ChangeFeed | undefined;
  let app: FastifyInstance | undefined;
  let runtime: TestRuntime | undefined;

  beforeAll(async () => {
    await migrateRuntime(database.url);
    pool = new pg.Pool({ connectionString: database.url });
    if (options.realtime) {
      feed = new ChangeFeed(database.url);
      await feed.start();
    }
    app = buildApp({
      pool,
      db: drizzle({ client: pool }),
      adminKey: ADMIN_KEY,
      auth: core,
      logLevel: "silent",
      ...(feed ? { changeFeed: feed } : {}),
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (typeof address !== "object" || address === null) throw new Error("no listening address");
    const url = `http://127.0.0.1:${address.port}`;
    const call = async (
      key: string,
      method: string,
      path: string,
      body: unknown,
      type?: string,
    ) => {
      const res = await fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${key}`, "content-type": type ?? "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res;
    };
    const created = await call(ADMIN_KEY, "POST", "/v1/admin/projects", { id: project });
    const serviceKey = ((await created.json()) as { serviceKey: { key: string } }).serviceKey.key;
    const server = app;
    runtime = {
      url,
      project,
      stores,
      clock,
      admin: (method, path, body, type) =>
        call(serviceKey, method, `/v1/projects/${project}/admin${path}`, body, type),
      dropListenConnections: () => {
        for (const socket of server.websocketServer?.clients ?? []) socket.terminate();
      },
    };
    await runtime.admin("PUT", "/rules/firestore", rules, "text/plain");
  });

  afterAll(async () => {
    await app?.close();
    await feed?.close();
    await pool?.end();
  });

  return {
    get current() {
      if (!runtime) throw new Error("useTestRuntime(): read .current inside a test or hook");
      return runtime;
    },
  };
}
