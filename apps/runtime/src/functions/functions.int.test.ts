import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import {
  BubblewrapSandbox,
  DockerSandbox,
  probeBubblewrap,
  type HostApiHandler,
  type Sandbox,
} from "@winky/sandbox";
import { EncryptedFileSecretStore } from "@winky/secrets";
import {
  describeWithDocker,
  eventually,
  testRedisUrl,
  uniqueRedisPrefix,
  useTestDatabase,
} from "@winky/testing";
import Dockerode from "dockerode";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The image's tag is a content hash; sandbox-images computes it (see docs/TESTING.md).
import { IMAGES_DIR, resolveImages } from "../../../../sandbox-images/image-tag.mjs";
import { EventDispatcher } from "../events/dispatcher.js";
import { createEventQueue } from "../events/event-queue.js";
import { EventWorker } from "../events/event-worker.js";
import { replayEvents } from "../events/replay.js";
import { createTestRuntime, type TestRuntime } from "../testing/index.js";
import { FunctionHost } from "./function-host.js";

/** Containers start and triggers run through a queue: allow them more time. */
const slowly = <T>(check: () => T | Promise<T>) => eventually(check, { timeoutMs: 20_000 });

const exec = promisify(execFile);
const SECRET = "s3cret-value-never-shown";
const PROJECT = "fn-app";

const CALLABLE = `
export default async function hello(data: { name: string }, context) {
  console.log("key is", process.env.API_KEY);
  return {
    greeting: "hello " + data.name,
    uid: context.auth ? context.auth.uid : null,
    hasKey: process.env.API_KEY === "${SECRET}",
  };
}`;

const FAILING = `export default () => { throw new Error("kaput with ${SECRET}"); };`;
const SLOW = `export default () => new Promise((resolve) => setTimeout(resolve, 10_000));`;
// Keeps every chunk it allocates: past its memory limit, the sandbox must kill it.
const HOG = `export default () => {
  const kept = [];
  for (;;) kept.push(Buffer.alloc(8 * 1024 * 1024, 1));
};`;
// Tries the network, which a sandbox does not have: answers how the attempt ended.
const NETWORK = `export default async () => {
  try {
    await fetch("http://1.1.1.1/", { signal: AbortSignal.timeout(3000) });
    return { reached: true };
  } catch (e) {
    return { reached: false, error: String(e && e.cause ? e.cause.code || e.cause : e) };
  }
};`;

// Writes the receipt once per order, whatever the deliveries: created only if absent.
const ON_ORDER = `
export default async function onOrder(event, context) {
  try {
    await context.documents.commit([{
      update: {
        name: "receipts/" + context.params.id,
        fields: {
          eventId: { stringValue: event.eventId },
          total: event.after.total,
        },
      },
      currentDocument: { exists: false },
    }]);
  } catch (e) {
    if (!/^(already-exists|failed-precondition):/.test(e.message)) throw e;
    console.log("duplicate delivery of", event.eventId);
  }
  const order = await context.documents.get("orders/" + context.params.id);
  console.log("order", order.name);
}`;

/**
 * Functions end to end on one sandbox implementation: deploy, callables with and without auth,
 * secrets kept out of logs and answers, errors and timeouts, and a document trigger writing
 * back through the host API, once per event, across a replay.
 */
function describeFunctions(
  label: string,
  makeSandbox: (hostApi: HostApiHandler) => Promise<Sandbox>,
) {
  describe(`functions (${label})`, () => {
    const database = useTestDatabase(`runtime_functions_${label}`);
    const prefix = uniqueRedisPrefix(`functions-${label}`);
    const connections: Redis[] = [];
    let runtime: TestRuntime;
    let sandbox: Sandbox;
    let secretsDir: string;
    let key: string;
    const host = new FunctionHost();

    const api = (
      method: "GET" | "PUT" | "POST" | "DELETE",
      url: string,
      payload?: unknown,
      bearer = key,
    ) =>
      runtime.app.inject({
        method,
        url: `/v1/projects/${PROJECT}${url}`,
        ...(payload !== undefined ? { payload: payload as object } : {}),
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
    const deploy = (name: string, body: Record<string, unknown>) =>
      api("PUT", `/admin/functions/${name}`, { trigger: { kind: "callable" }, ...body });
    const connect = () => {
      const c = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
      connections.push(c);
      return c;
    };

    beforeAll(async () => {
      secretsDir = await mkdtemp(path.join(tmpdir(), "winky-fn-secrets-"));
      const secrets = new EncryptedFileSecretStore({
        file: path.join(secretsDir, "secrets.json"),
        masterKey: randomBytes(32),
      });
      sandbox = await makeSandbox(host.hostApi);
      runtime = await createTestRuntime(database.url, {
        secrets,
        functions: { sandbox, host },
        eventQueue: createEventQueue(connect(), prefix),
      });
      key = await runtime.createProject(PROJECT);
      expect((await api("PUT", "/admin/secrets/API_KEY", { value: SECRET })).statusCode).toBe(200);
      // The sandbox image may need building first (debootstrap: minutes on a busy machine).
    }, 600_000);
    afterAll(async () => {
      await runtime?.close();
      await sandbox?.close();
      for (const c of connections) c.disconnect();
      await rm(secretsDir, { recursive: true, force: true });
    });

    describe("deploying", () => {
      it.each([
        ["a bad name", "9lives", {}, /function name '9lives'/],
        ["memory out of range", "f", { memoryMb: 32 }, /memoryMb/],
        ["an unknown trigger", "f", { trigger: { kind: "cron" } }, /trigger/],
        [
          "a collection path",
          "f",
          { trigger: { kind: "document", event: "create", path: "orders" } },
          /trigger.path/,
        ],
        ["an unknown field", "f", { region: "eu" }, /unknown field\(s\) region/],
        ["a bad secret name", "f", { secrets: ["lower"] }, /secrets.0/],
      ])("refuses %s, naming it", async (_what, name, body, message) => {
        const res = await deploy(name, { source: "export default () => 1;", ...body });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toMatchObject({
          code: "invalid-argument",
          message: expect.stringMatching(message),
        });
      });

      it("answers a compile error with its file, line and column", async () => {
        const res = await deploy("broken", { source: "export default () => {\n  let x: = 1;\n};" });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toContain("index.ts:2:10");
        expect(res.json().error.details.errors[0]).toMatchObject({
          file: "index.ts",
          line: 2,
          column: 10,
        });
        expect((await api("GET", "/admin/functions")).json().functions).toEqual([]);
      });

      it("is for admins, and serves a new version 1 after a delete", async () => {
        const call = async () =>
          (await api("POST", "/functions/f:call", { data: null }, "")).json();
        expect((await deploy("f", { source: "export default () => 1;" })).statusCode).toBe(200);
        expect(await call()).toEqual({ result: 1 });
        const anonymous = await api(
          "PUT",
          "/admin/functions/f",
          { source: "x", trigger: { kind: "callable" } },
          "",
        );
        expect(anonymous.statusCode).toBe(401);
        expect((await api("DELETE", "/admin/functions/f")).statusCode).toBe(204);
        expect((await api("DELETE", "/admin/functions/f")).statusCode).toBe(404);
        expect((await call()).error.code).toBe("not-found");
        const again = await deploy("f", { source: "export default () => 2;" });
        expect(again.json().version).toBe(1);
        expect(await call()).toEqual({ result: 2 });
      });
    });

    describe("a callable", () => {
      beforeAll(async () => {
        const res = await deploy("hello", {
          source: CALLABLE,
          secrets: ["API_KEY"],
          memoryMb: 128,
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({
          name: "hello",
          version: 1,
          trigger: { kind: "callable" },
        });
      });

      it("answers without auth, with context.auth null, and its secrets in the environment", async () => {
        const res = await api("POST", "/functions/hello:call", { data: { name: "Ada" } }, "");
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({ result: { greeting: "hello Ada", uid: null, hasKey: true } });
      });

      it("gives a signed-in user's uid in context.auth", async () => {
        const email = "ada@example.com";
        await api("POST", "/auth/signUp", { email, password: "correct horse battery" }, "");
        const confirmed = await api(
          "POST",
          "/auth/confirmSignUp",
          { token: runtime.auth.stores.outbox.lastToken(email) },
          "",
        );
        const user = confirmed.json() as { uid: string; idToken: string };
        const res = await api(
          "POST",
          "/functions/hello:call",
          { data: { name: "me" } },
          user.idToken,
        );
        expect(res.json().result.uid).toBe(user.uid);
        const refused = await api("POST", "/functions/hello:call", { data: {} }, "not.a.token");
        expect(refused.statusCode).toBe(401);
      });

      it("keeps per-invocation logs, with secrets masked", async () => {
        const res = await api("GET", "/admin/functions/hello/logs");
        expect(res.statusCode).toBe(200);
        const logs = res.json().logs as Array<{
          lines: Array<{ line: string }>;
          errorKind: string | null;
        }>;
        expect(logs.length).toBeGreaterThanOrEqual(2);
        expect(logs[0]!.errorKind).toBeNull();
        expect(logs[0]!.lines.map((l) => l.line)).toContain("key is [secret]");
        expect(res.body).not.toContain(SECRET);
        expect((await api("GET", "/admin/functions")).body).not.toContain(SECRET);
      });

      it("serves the new version after a redeploy", async () => {
        const res = await deploy("hello", { source: `export default () => "v2";` });
        expect(res.json().version).toBe(2);
        const call = await api("POST", "/functions/hello:call", { data: null }, "");
        expect(call.json()).toEqual({ result: "v2" });
      });

      it("answers a thrown error as internal, with the message for admins only", async () => {
        await deploy("boom", { source: FAILING, secrets: ["API_KEY"] });
        const user = await api("POST", "/functions/boom:call", { data: null }, "");
        expect(user.statusCode).toBe(500);
        expect(user.json().error).toEqual({ code: "internal", message: "function 'boom' failed" });
        const admin = await api("POST", "/functions/boom:call", { data: null });
        expect(admin.json().error.message).toContain("kaput with [secret]");
        expect(admin.body).not.toContain(SECRET);
      });

      it("answers a timeout as deadline-exceeded", async () => {
        await deploy("slow", { source: SLOW, timeoutMs: 300 });
        const res = await api("POST", "/functions/slow:call", { data: null }, "");
        expect(res.json().error.code).toBe("deadline-exceeded");
        const logs = (await api("GET", "/admin/functions/slow/logs")).json().logs;
        expect(logs[0].errorKind).toBe("timeout");
      });

      it("answers a function past its memory limit as resource-exhausted", async () => {
        await deploy("hog", { source: HOG, memoryMb: 128, timeoutMs: 20_000 });
        const res = await api("POST", "/functions/hog:call", { data: null }, "");
        expect(res.json().error.code).toBe("resource-exhausted");
        const logs = (await api("GET", "/admin/functions/hog/logs")).json().logs;
        expect(logs[0].errorKind).toBe("oom");
      });

      it("gives a function no network", async () => {
        await deploy("net", { source: NETWORK });
        const res = await api("POST", "/functions/net:call", { data: null }, "");
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().result).toMatchObject({ reached: false });
      });

      it("answers not-found for a missing function", async () => {
        const res = await api("POST", "/functions/nobody:call", { data: null }, "");
        expect(res.json().error.code).toBe("not-found");
      });
    });

    describe("a document trigger", () => {
      let dispatcher: EventDispatcher;
      let worker: EventWorker;
      const queue = () => createEventQueue(connect(), prefix);

      beforeAll(async () => {
        const res = await deploy("onOrder", {
          source: ON_ORDER,
          trigger: { kind: "document", event: "create", path: "orders/{id}" },
        });
        expect(res.statusCode, res.body).toBe(200);
        dispatcher = new EventDispatcher(runtime.pool, queue(), {
          pollMs: 50,
          jobOptions: { attempts: 3, backoff: { type: "fixed", delay: 50 } },
        });
        worker = new EventWorker({ connection: connect(), prefix, handler: host.handleEvent });
        dispatcher.start();
      });
      afterAll(async () => {
        await dispatcher?.stop();
        await worker?.close();
      });

      const receipts = async () =>
        (
          await runtime.pool.query<{ path: string }>(
            "select path from runtime.documents where project_id = $1 and starts_with(path, 'receipts/')",
            [PROJECT],
          )
        ).rows;

      it("writes the receipt through the host API, once per event, across a replay", async () => {
        const order = await api("POST", "/documents:commit", {
          writes: [{ update: { name: "orders/o1", fields: { total: { integerValue: "42" } } } }],
        });
        expect(order.statusCode, order.body).toBe(200);
        const receipt = await slowly(async () => {
          const res = await api("GET", "/documents/receipts/o1");
          expect(res.statusCode, res.body).toBe(200);
          return res.json();
        });
        expect(receipt.fields.total).toEqual({ integerValue: "42" });
        const eventId = receipt.fields.eventId.stringValue as string;

        const replay = await replayEvents(runtime.pool, queue(), PROJECT, {
          kinds: ["document.created"],
          subjectPrefix: "orders/",
        });
        expect(replay.events).toBe(1);
        await slowly(async () => {
          const logs = (await api("GET", "/admin/functions/onOrder/logs")).json().logs;
          expect(
            logs.map((l: { lines: Array<{ line: string }> }) => l.lines.map((x) => x.line)).flat(),
          ).toContain(`duplicate delivery of ${eventId}`);
        });
        const again = (await api("GET", "/documents/receipts/o1")).json();
        expect(again.fields.eventId.stringValue).toBe(eventId);
        expect(await receipts()).toHaveLength(1);
      });
    });
  });
}

describeWithDocker("functions in Docker", () => {
  describeFunctions("docker", async (hostApi) => {
    await exec(
      process.execPath,
      [path.join(IMAGES_DIR, "build.mjs"), "--require-engine", "--base-only"],
      {
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const image = (await resolveImages({ builder: false })).baseImage;
    return new DockerSandbox({
      docker: new Dockerode(),
      image,
      hostApi,
      pool: { idleMs: 60_000, maxPerVersion: 2 },
    });
  });
});

// Where no engine runs (a dev container), the same suite on bubblewrap when it works here.
const bubblewrap = await probeBubblewrap();
if (!bubblewrap.available) console.warn(`SKIPPED (bubblewrap: ${bubblewrap.detail}): functions`);
describe.skipIf(!bubblewrap.available)("functions in bubblewrap", () => {
  describeFunctions(
    "bwrap",
    async (hostApi) =>
      new BubblewrapSandbox({ hostApi, pool: { idleMs: 60_000, maxPerVersion: 2 } }),
  );
});
