import type { HostApiHandler, Sandbox } from "@winky/sandbox";
import type { Queue } from "bullmq";
import { Redis } from "ioredis";
import { EventDispatcher } from "../events/dispatcher.js";
import { createEventQueue, type QueuedEvent } from "../events/event-queue.js";
import { EventWorker } from "../events/event-worker.js";
import { FunctionHost } from "../functions/function-host.js";
import { FunctionScheduler } from "../functions/schedules/function-scheduler.js";
import type { RuntimeDeps } from "../app.js";
import type { TestRuntime } from "./test-runtime.js";

/** Functions for a test runtime: pass `runtimeOptions` to it, then `start` the event path. */
export interface TestFunctions {
  /** `createTestRuntime(url, { ...runtimeOptions })`: the sandbox, its host, the event queue. */
  runtimeOptions: {
    functions: NonNullable<RuntimeDeps["functions"]>;
    eventQueue: Queue<QueuedEvent>;
  };
  /** Starts the dispatcher, the worker running triggers, and the scheduler, on `runtime`'s database. */
  start(runtime: TestRuntime): void;
  /** Stops the event path and the sandbox (the runtime is the caller's to close). */
  close(): Promise<void>;
}

/**
 * Real functions for an integration test: a {@link FunctionHost} bound to `sandbox`, and
 * triggers delivered as in production — the dispatcher reads the event log into a BullMQ queue
 * on Redis under `prefix`, a worker runs them in the sandbox, the scheduler fires schedules.
 */
export async function createTestFunctions(options: {
  sandbox: (hostApi: HostApiHandler) => Promise<Sandbox>;
  redisUrl: string;
  /** A unique key prefix (`uniqueRedisPrefix`), so tests sharing a Redis do not meet. */
  prefix: string;
}): Promise<TestFunctions> {
  const connections: Redis[] = [];
  const connect = () => {
    const c = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    connections.push(c);
    return c;
  };
  const host = new FunctionHost();
  const sandbox = await options.sandbox(host.hostApi);
  let stop: (() => Promise<void>) | undefined;
  return {
    runtimeOptions: {
      functions: { sandbox, host },
      eventQueue: createEventQueue(connect(), options.prefix),
    },
    start(runtime) {
      const dispatcher = new EventDispatcher(
        runtime.pool,
        createEventQueue(connect(), options.prefix),
        { pollMs: 100 },
      );
      const worker = new EventWorker({
        connection: connect(),
        prefix: options.prefix,
        handler: host.handleEvent,
        pool: runtime.pool,
      });
      const scheduler = new FunctionScheduler(runtime.pool, {
        pollMs: 500,
        onTicks: () => dispatcher.poke(),
      });
      dispatcher.start();
      scheduler.start();
      stop = async () => {
        await scheduler.stop();
        await dispatcher.stop();
        await worker.close();
      };
    },
    async close() {
      await stop?.();
      await sandbox.close();
      for (const c of connections) c.disconnect();
    },
  };
}
