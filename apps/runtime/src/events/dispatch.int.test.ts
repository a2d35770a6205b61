import { eventually, testRedisUrl, uniqueRedisPrefix, useTestDatabase } from "@winky/testing";
import type { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../testing/index.js";
import { EventDispatcher } from "./dispatcher.js";
import { createEventQueue, type QueuedEvent } from "./event-queue.js";
import { EventWorker } from "./event-worker.js";
import { replayEvents } from "./replay.js";

const FAST = { attempts: 2, backoff: { type: "fixed", delay: 10 } };

/**
 * The log → queue → handler path on real PostgreSQL and Redis: nothing lost when dispatching
 * fails half-way or Redis is away, nothing run twice by a second dispatch, replays exactly
 * the selected events, dead letters after the last attempt.
 */
describe("event dispatch", () => {
  const database = useTestDatabase("runtime_dispatch");
  const prefix = uniqueRedisPrefix("dispatch");
  const connections: Redis[] = [];
  let runtime: TestRuntime;
  let key: string;
  let queue: Queue<QueuedEvent>;
  let worker: EventWorker;
  const handled: QueuedEvent[] = [];

  const connect = () => {
    const c = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    connections.push(c);
    return c;
  };
  const commit = (writes: unknown[]) =>
    runtime.app.inject({
      method: "POST",
      url: "/v1/projects/dispatch-app/documents:commit",
      headers: { authorization: `Bearer ${key}` },
      payload: { writes },
    });
  const write = (id: string) => ({
    update: { name: `notes/${id}`, fields: { id: { stringValue: id } } },
  });
  const pending = async () =>
    Number(
      (
        await runtime.pool.query<{ n: string }>(
          "select count(*) as n from runtime.events where dispatched_at is null",
        )
      ).rows[0]!.n,
    );

  // A dispatcher that dies between enqueuing and marking: the jobs exist, the rows do not say so.
  const dyingDispatcher = (into: Queue<QueuedEvent>, options = {}) =>
    new EventDispatcher(
      runtime.pool,
      {
        addBulk: async (jobs: Parameters<Queue<QueuedEvent>["addBulk"]>[0]) => {
          await into.addBulk(jobs);
          throw new Error("killed after enqueuing");
        },
      } as unknown as Queue<QueuedEvent>,
      options,
    );

  beforeAll(async () => {
    queue = createEventQueue(connect(), prefix);
    runtime = await createTestRuntime(database.url, { eventQueue: queue });
    key = await runtime.createProject("dispatch-app");
    worker = new EventWorker({
      connection: connect(),
      prefix,
      handler: async (event) => {
        handled.push(event);
        if (event.subject === "notes/poison") throw new Error("cannot handle poison");
      },
    });
  });
  afterAll(async () => {
    await worker.close();
    await queue.close();
    for (const c of connections) c.disconnect();
    await runtime.close();
  });

  it("hands every event to the handler once, even when a dispatch fails after enqueuing", async () => {
    expect((await commit(["a", "b", "c"].map(write))).statusCode).toBe(200);
    await expect(dyingDispatcher(queue).dispatchOnce()).rejects.toThrow("killed after enqueuing");
    expect(await pending()).toBe(3);
    // The next dispatcher sends them again; the queue keeps one job per event id.
    expect(await new EventDispatcher(runtime.pool, queue).dispatchOnce()).toBe(3);
    expect(await pending()).toBe(0);
    await eventually(() =>
      expect(handled.map((e) => e.subject).sort()).toEqual(["notes/a", "notes/b", "notes/c"]),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(handled).toHaveLength(3);
  });

  it("keeps events in the log while Redis is away, and sends them when it is back", async () => {
    await commit([write("d")]);
    const away = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    connections.push(away);
    const unreachable = createEventQueue(away, prefix);
    unreachable.on("error", () => undefined);
    await expect(new EventDispatcher(runtime.pool, unreachable).dispatchOnce()).rejects.toThrow();
    expect(await pending()).toBe(1);
    const dispatcher = new EventDispatcher(runtime.pool, queue, { pollMs: 20 });
    dispatcher.start();
    await eventually(() => expect(handled.map((e) => e.subject)).toContain("notes/d"));
    await dispatcher.stop();
    expect(await pending()).toBe(0);
  });

  it("replays exactly the selected events, once each, marked with the replay", async () => {
    const before = handled.length;
    const { replayId, events } = await replayEvents(runtime.pool, queue, "dispatch-app", {
      subjectPrefix: "notes/",
      kinds: ["document.created"],
    });
    expect(events).toBe(4);
    await eventually(() => expect(handled.length - before).toBe(4));
    const replayed = handled.slice(before);
    expect(replayed.every((e) => e.replayId === replayId)).toBe(true);
    expect(replayed.map((e) => e.subject).sort()).toEqual([
      "notes/a",
      "notes/b",
      "notes/c",
      "notes/d",
    ]);
  });

  it("replays through the admin API, and refuses a bad selection", async () => {
    const before = handled.length;
    const replay = (payload: unknown) =>
      runtime.app.inject({
        method: "POST",
        url: "/v1/projects/dispatch-app/admin/events:replay",
        headers: { authorization: `Bearer ${key}` },
        payload: payload as Record<string, unknown>,
      });
    const res = await replay({ subjectPrefix: "notes/a" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ events: 1 });
    await eventually(() =>
      expect(handled.slice(before).map((e) => e.subject)).toEqual(["notes/a"]),
    );
    const bad = await replay({ kinds: ["document.exploded"] });
    expect(bad.statusCode).toBe(400);
  });

  it("retries a failing event, then leaves it in the dead-letter queue", async () => {
    await commit([write("poison")]);
    await new EventDispatcher(runtime.pool, queue, { jobOptions: FAST }).dispatchOnce();
    await eventually(async () => expect(await worker.deadLetters()).toHaveLength(1));
    expect(handled.filter((e) => e.subject === "notes/poison")).toHaveLength(2);
    expect((await worker.deadLetters())[0]).toMatchObject({
      subject: "notes/poison",
      error: "cannot handle poison",
      attempts: 2,
    });
  });

  it("marks an event dispatched when its job ran although the dispatcher died before marking it", async () => {
    // A queue and a worker of their own that mark what they process, as the runtime's does.
    const ownPrefix = uniqueRedisPrefix("dispatch-marked");
    const ownQueue = createEventQueue(connect(), ownPrefix);
    const ran: string[] = [];
    const marking = new EventWorker({
      connection: connect(),
      prefix: ownPrefix,
      pool: runtime.pool,
      handler: async (event) => void ran.push(event.subject),
    });
    try {
      await commit([{ update: { name: "tasks/t1", fields: {} } }]);
      // The earlier tests' events stay unprocessed (their worker marks nothing): never stale here.
      const onlyNew = { redeliverAfterMs: 3_600_000 };
      await expect(dyingDispatcher(ownQueue, onlyNew).dispatchOnce()).rejects.toThrow(
        "killed after",
      );
      const row = async () =>
        (
          await runtime.pool.query<{ dispatched: boolean; processed: boolean }>(
            `select dispatched_at is not null as dispatched, processed_at is not null as processed
               from runtime.events where subject = 'tasks/t1'`,
          )
        ).rows[0];
      await eventually(async () => expect(await row()).toMatchObject({ processed: true }));
      // Without this, the log would say "never dispatched" of an event that ran.
      expect(await row()).toEqual({ dispatched: true, processed: true });
      expect(await new EventDispatcher(runtime.pool, ownQueue, onlyNew).dispatchOnce()).toBe(0);
      expect(ran).toEqual(["tasks/t1"]);
    } finally {
      await marking.close();
      await ownQueue.close();
    }
  });
});
