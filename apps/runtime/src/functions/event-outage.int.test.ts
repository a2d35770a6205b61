import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { eventually, startPrivateRedis, useTestDatabase, type PrivateRedis } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bestSandbox,
  createFunctionsTestBed,
  type FunctionsTestBed,
} from "./functions.test-bed.js";

const PROJECT = "outage-app";
const ITEMS = 30;
const DISPATCHER = fileURLToPath(
  new URL("../events/dispatcher-process.test-bed.ts", import.meta.url),
);

// Counts each item once per delivery that gets to commit; the commit is keyed by the delivery,
// so however often the queue hands the event over, the tally must end at 1.
const TALLY = `export default async (event, context) => {
  await context.documents.commit([{ update: { name: "tallies/" + context.params.id, fields: {} },
    updateMask: { fieldPaths: [] },
    updateTransforms: [{ fieldPath: "count", increment: { integerValue: "1" } }] }]);
};`;

const sandbox = await bestSandbox();
if (!sandbox.make) console.warn(`SKIPPED (${sandbox.label}): event outages`);

/**
 * The acceptance test of at-least-once events with effects once per event id: a dispatcher in
 * its own process is killed with SIGKILL mid-stream and started again, and Redis is killed with
 * SIGKILL mid-stream (losing every queued job) and started again empty, while documents keep
 * being written. Every event must reach the trigger, and each trigger's effect happen once.
 */
describe.skipIf(!sandbox.make)(`events across outages (${sandbox.label})`, () => {
  const database = useTestDatabase("runtime_event_outage");
  let redis: PrivateRedis;
  let bed: FunctionsTestBed;
  const children: ChildProcess[] = [];

  const startDispatcher = async () => {
    const child = spawn(process.execPath, ["--import", "tsx", DISPATCHER], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        WINKY_QUEUE_PREFIX: bed.prefix,
        WINKY_REDELIVER_MS: "500",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    const lines = createInterface({ input: child.stdout! });
    const [first] = (await once(lines, "line")) as [string];
    expect(first).toBe("ready");
    return child;
  };
  const write = async (i: number) => {
    const res = await bed.api("POST", "/documents:commit", {
      writes: [{ update: { name: `items/i${i}`, fields: {} } }],
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    bed = await createFunctionsTestBed(database.url, PROJECT, sandbox.make!, {
      redisUrl: redis.url,
      redeliverAfterMs: 500,
    });
    await bed.deploy("tally", TALLY, { kind: "document", event: "create", path: "items/{id}" });
    bed.startEvents({ dispatcher: false });
  }, 600_000);
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await bed?.close();
  });

  it("loses no event when the dispatcher or Redis is killed, and counts each item once", async () => {
    const undispatched = async () =>
      (
        await bed.runtime.pool.query(
          "select 1 from runtime.events where dispatched_at is null and kind = 'document.created'",
        )
      ).rowCount;

    // The dispatcher dies mid-stream; another takes over.
    let dispatcher = await startDispatcher();
    for (let i = 0; i < 12; i++) {
      if (i === 6) {
        dispatcher.kill("SIGKILL");
        await once(dispatcher, "exit");
        dispatcher = await startDispatcher();
      }
      await write(i);
    }

    // Redis dies holding queued jobs nobody ran yet, and comes back empty; meanwhile writes go on.
    await bed.worker().pause();
    for (let i = 12; i < 20; i++) await write(i);
    // A busy machine (the whole suite at once) may take a while to start the process.
    await eventually(async () => expect(await undispatched()).toBe(0), { timeoutMs: 60_000 });
    await redis.kill();
    for (let i = 20; i < 24; i++) await write(i);
    await redis.restart();
    bed.worker().resume();
    for (let i = 24; i < ITEMS; i++) await write(i);

    await eventually(
      async () => {
        const { rows } = await bed.runtime.pool.query<{ n: string }>(
          "select count(*) as n from runtime.events where processed_at is null",
        );
        expect(Number(rows[0]!.n)).toBe(0);
      },
      { timeoutMs: 60_000 },
    );
    const tallies = await bed.api("POST", "/documents:runQuery", {
      structuredQuery: { from: [{ collectionId: "tallies" }] },
    });
    const { documents } = tallies.json<{
      documents: Array<{ name: string; fields: { count: { integerValue: string } } }>;
    }>();
    expect(documents).toHaveLength(ITEMS);
    expect(documents.filter((d) => d.fields.count.integerValue !== "1")).toEqual([]);
  }, 300_000);
});
