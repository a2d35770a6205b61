// A real runtime for the SDK's integration tests: a fresh database, the app listening on a
// free port, one project with rules deployed, and the auth core's test kit (mail outbox,
// manual clock), from @winky/runtime/testing. Optionally storage (on an FsBlobStore in a temp
// dir) and functions (in a sandbox the test makes).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import type { Sandbox } from "@winky/sandbox";
import {
  ChangeFeed,
  createTestRuntime,
  TEST_ADMIN_KEY,
  type TestRuntime as RuntimeUnderTest,
} from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll } from "vitest";

/** What a test sees of the running runtime. */
export interface TestRuntime {
  /** `http://127.0.0.1:<port>` */
  url: string;
  project: string;
  /** The auth core's stores: `outbox.lastToken(email)` is the token of the last mailed link. */
  stores: RuntimeUnderTest["auth"]["stores"];
  /** The auth core's clock: advance it to expire tokens. */
  clock: RuntimeUnderTest["auth"]["clock"];
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
  /** Serve storage, with these `service firebase.storage` rules deployed. */
  storage?: { rules: string; maxObjectSize?: number };
  /**
   * Serve functions in the sandbox this makes (closed after the app). Its host API is not
   * bound to the runtime: callables that only compute need none.
   */
  functions?: () => Promise<Sandbox>;
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
  let feed: ChangeFeed | undefined;
  let sandbox: Sandbox | undefined;
  let blobDir: string | undefined;
  let server: RuntimeUnderTest | undefined;
  let runtime: TestRuntime | undefined;

  beforeAll(async () => {
    if (options.realtime) {
      feed = new ChangeFeed(database.url);
      await feed.start();
    }
    if (options.storage) blobDir = await mkdtemp(path.join(tmpdir(), "winky-sdk-storage-"));
    if (options.functions) sandbox = await options.functions();
    server = await createTestRuntime(database.url, {
      ...(feed ? { changeFeed: feed } : {}),
      ...(blobDir ? { blobs: new FsBlobStore(path.join(blobDir, "storage")) } : {}),
      ...(options.storage?.maxObjectSize ? { maxObjectSize: options.storage.maxObjectSize } : {}),
      ...(sandbox ? { functions: { sandbox } } : {}),
    });
    const app = server.app;
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
    const created = await call(TEST_ADMIN_KEY, "POST", "/v1/admin/projects", { id: project });
    const serviceKey = ((await created.json()) as { serviceKey: { key: string } }).serviceKey.key;
    runtime = {
      url,
      project,
      stores: server.auth.stores,
      clock: server.auth.clock,
      admin: (method, path, body, type) =>
        call(serviceKey, method, `/v1/projects/${project}/admin${path}`, body, type),
      dropListenConnections: () => {
        for (const socket of app.websocketServer?.clients ?? []) socket.terminate();
      },
    };
    await runtime.admin("PUT", "/rules/firestore", rules, "text/plain");
    if (options.storage) {
      await runtime.admin("PUT", "/rules/storage", options.storage.rules, "text/plain");
    }
  });

  afterAll(async () => {
    await server?.close();
    await feed?.close();
    await sandbox?.close();
    if (blobDir) await rm(blobDir, { recursive: true, force: true });
  });

  return {
    get current() {
      if (!runtime) throw new Error("useTestRuntime(): read .current inside a test or hook");
      return runtime;
    },
  };
}
