import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { BlobStore } from "@winky/blob-store";
import {
  BubblewrapSandbox,
  DockerSandbox,
  probeBubblewrap,
  type HostApiHandler,
  type Sandbox,
} from "@winky/sandbox";
import type { SecretStore } from "@winky/secrets";
import { dockerAvailable, testRedisUrl, uniqueRedisPrefix } from "@winky/testing";
import type { Queue } from "bullmq";
import Dockerode from "dockerode";
import type { LightMyRequestResponse } from "fastify";
import { Redis } from "ioredis";
import { expect } from "vitest";
// The image's tag is a content hash; sandbox-images computes it (see docs/TESTING.md).
import { IMAGES_DIR, resolveImages } from "../../../../sandbox-images/image-tag.mjs";
import { EventDispatcher } from "../events/dispatcher.js";
import { createEventQueue, type QueuedEvent } from "../events/event-queue.js";
import { EventWorker } from "../events/event-worker.js";
import { createTestRuntime, type TestRuntime } from "../testing/index.js";
import { FunctionHost } from "./function-host.js";
import { FunctionScheduler } from "./schedules/function-scheduler.js";

const exec = promisify(execFile);
const POOL = { idleMs: 60_000, maxPerVersion: 2 };
/** Retries of the bed's event jobs: a failing trigger runs again 50 ms later, three times. */
export const FAST_RETRIES = { attempts: 3, backoff: { type: "fixed", delay: 50 } };

/** Builds a sandbox whose host API is `hostApi`. */
export type SandboxFactory = (hostApi: HostApiHandler) => Promise<Sandbox>;

/** Docker with the image built from `sandbox-images/` (built now when missing). */
export const dockerSandbox: SandboxFactory = async (hostApi) => {
  await exec(
    process.execPath,
    [path.join(IMAGES_DIR, "build.mjs"), "--require-engine", "--base-only"],
    {
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const image = (await resolveImages({ builder: false })).baseImage;
  return new DockerSandbox({ docker: new Dockerode(), image, hostApi, pool: POOL });
};

export const bubblewrapSandbox: SandboxFactory = async (hostApi) =>
  new BubblewrapSandbox({ hostApi, pool: POOL });

/**
 * The best sandbox this run has, as the runtime picks one: Docker when the run has an engine
 * (always in CI), else bubblewrap, else none (the caller skips, saying why).
 */
export async function bestSandbox(): Promise<{ label: string; make?: SandboxFactory }> {
  if (dockerAvailable()) return { label: "docker", make: dockerSandbox };
  const probe = await probeBubblewrap();
  if (probe.available) return { label: "bwrap", make: bubblewrapSandbox };
  return { label: `no sandbox (no Docker engine; bubblewrap: ${probe.detail})` };
}

/** A runtime with functions, and the event path (dispatcher, worker, scheduler) on demand. */
export interface FunctionsTestBed {
  runtime: TestRuntime;
  /** The project's service key. */
  key: string;
  /** A request to `/v1/projects/<project><url>`, as the service key unless `bearer` says. */
  api(
    method: "GET" | "PUT" | "POST" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
    bearer?: string,
  ): Promise<LightMyRequestResponse>;
  /** Deploys `source` as `name` with `trigger`; expects it to succeed. */
  deploy(name: string, source: string, trigger: unknown): Promise<void>;
  /**
   * Starts dispatching events to a worker (fast retries) and firing schedules; `dispatcher:
   * false` leaves dispatching to another process.
   */
  startEvents(options?: { dispatcher?: boolean }): void;
  /** The Redis key prefix of the bed's queues. */
  prefix: string;
  /** The worker `startEvents` started. */
  worker(): EventWorker;
  /** The event queue (replays go there). */
  queue(): Queue<QueuedEvent>;
  close(): Promise<void>;
}

export async function createFunctionsTestBed(
  databaseUrl: string,
  project: string,
  makeSandbox: SandboxFactory,
  options: {
    blobs?: BlobStore;
    redisUrl?: string;
    redeliverAfterMs?: number;
    secrets?: SecretStore;
  } = {},
): Promise<FunctionsTestBed> {
  const prefix = uniqueRedisPrefix(`fn-${project}`);
  const connections: Redis[] = [];
  const connect = () => {
    const c = new Redis(options.redisUrl ?? testRedisUrl(), { maxRetriesPerRequest: null });
    connections.push(c);
    return c;
  };
  const host = new FunctionHost();
  const sandbox = await makeSandbox(host.hostApi);
  const runtime = await createTestRuntime(databaseUrl, {
    functions: { sandbox, host },
    eventQueue: createEventQueue(connect(), prefix),
    ...(options.blobs ? { blobs: options.blobs } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    usersInPostgres: true,
  });
  const key = await runtime.createProject(project);
  let events: { worker: EventWorker; stop(): Promise<void> } | undefined;

  const api: FunctionsTestBed["api"] = (method, url, payload, bearer = key) =>
    runtime.app.inject({
      method,
      url: `/v1/projects/${project}${url}`,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
  return {
    runtime,
    key,
    api,
    async deploy(name, source, trigger) {
      const res = await api("PUT", `/admin/functions/${name}`, { source, trigger });
      expect(res.statusCode, res.body).toBe(200);
    },
    prefix,
    startEvents(which = {}) {
      const dispatcher = new EventDispatcher(runtime.pool, createEventQueue(connect(), prefix), {
        pollMs: 50,
        jobOptions: FAST_RETRIES,
        ...(options.redeliverAfterMs ? { redeliverAfterMs: options.redeliverAfterMs } : {}),
      });
      const worker = new EventWorker({
        connection: connect(),
        prefix,
        handler: host.handleEvent,
        pool: runtime.pool,
      });
      const scheduler = new FunctionScheduler(runtime.pool, {
        pollMs: 100,
        onTicks: () => dispatcher.poke(),
      });
      if (which.dispatcher !== false) dispatcher.start();
      scheduler.start();
      events = {
        worker,
        async stop() {
          await scheduler.stop();
          await dispatcher.stop();
          await worker.close();
        },
      };
    },
    queue: () => createEventQueue(connect(), prefix),
    worker() {
      if (!events) throw new Error("startEvents() first");
      return events.worker;
    },
    async close() {
      await events?.stop();
      await runtime.close();
      await sandbox.close();
      for (const c of connections) c.disconnect();
    },
  };
}
