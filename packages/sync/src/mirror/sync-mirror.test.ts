import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FirestoreRestAdapter } from "../firestore/firestore-rest-adapter.js";
import { MemoryAdapter } from "../memory/memory-adapter.js";
import { FakeEventLog, FakeFirestore, int } from "../testing/index.js";
import { toChange } from "./event-source.js";
import { FileStateStore, MemoryStateStore, type MirrorState } from "./mirror-state.js";
import { SyncMirror } from "./sync-mirror.js";

const T0 = Date.parse("2026-03-01T12:00:00Z");

function setup(
  options: { batchSize?: number; adapter?: MemoryAdapter | FirestoreRestAdapter } = {},
) {
  const log = new FakeEventLog();
  const adapter = new MemoryAdapter();
  const target = options.adapter ?? adapter;
  const state = new MemoryStateStore();
  const clock = { now: T0 };
  const mirror = (store = state) =>
    new SyncMirror({
      project: "app",
      source: log,
      adapter: target,
      state: store,
      now: () => clock.now,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
  return { log, adapter, state, clock, mirror };
}

describe("SyncMirror", () => {
  let fake: FakeFirestore;
  let dir: string;
  beforeAll(async () => {
    fake = await FakeFirestore.start();
    dir = await mkdtemp(path.join(tmpdir(), "winky-sync-"));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("applies the log's document changes in order, a batch at a time, saving after each", async () => {
    const { log, adapter, state, mirror } = setup({ batchSize: 3 });
    const events = [
      log.append(T0 + 1, "create", "notes/a", int(1)),
      log.append(T0 + 2, "update", "notes/a", int(2)),
      log.append(T0 + 3, "user", "uid-1"),
      log.append(T0 + 3, "create", "notes/b", int(1)),
      log.append(T0 + 4, "delete", "notes/a"),
      log.append(T0 + 5, "create", "notes/c/sub/d", int(1)),
      log.append(T0 + 6, "update", "notes/b", int(5)),
      log.append(T0 + 7, "create", "notes/e"),
    ].filter((e) => e.kind.startsWith("document."));
    const m = mirror();
    expect(await m.runOnce()).toEqual({ mirrored: 7 });
    expect(adapter.batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(adapter.applied).toEqual(events.map(toChange));
    expect(state.saves).toBe(3);
    expect(state.state!.cursor).toMatchObject({ eventId: events.at(-1)!.eventId });
    expect(m.metrics).toMatchObject({ lagMs: 0, mirrored: 7, retries: 0, failures: 0 });
    expect(await m.runOnce()).toEqual({ mirrored: 0 }); // nothing new: nothing applied twice
    expect(adapter.applied).toHaveLength(7);
  });

  it("reports the lag growing while Firestore fails, and 0 once it is caught up", async () => {
    const firestore = new FirestoreRestAdapter({
      projectId: "lag-proj",
      baseUrl: fake.url,
      token: () => Promise.resolve("t"),
      retry: { maxAttempts: 2 },
      retryEnv: { sleep: () => Promise.resolve(), random: () => 0, now: () => 0 },
    });
    const { log, clock, mirror } = setup({ adapter: firestore });
    log.append(T0 + 1000, "create", "notes/a", int(1));
    log.append(T0 + 2000, "create", "notes/b", int(2));
    const m = mirror();
    fake.failNext(4, { status: 503, message: "try later" });
    clock.now = T0 + 5000;
    await expect(m.runOnce()).rejects.toMatchObject({ retryable: true });
    expect(m.metrics).toMatchObject({ lagMs: 4000, failures: 1, retries: 1, mirrored: 0 });
    expect(m.metrics.lastError).toContain("UNAVAILABLE: try later");
    clock.now = T0 + 15_000;
    expect(m.metrics.lagMs).toBe(14_000);
    await expect(m.runOnce()).rejects.toMatchObject({ retryable: true });
    expect(m.metrics).toMatchObject({ lagMs: 14_000, failures: 2, retries: 2 });
    await m.runOnce();
    expect(m.metrics).toMatchObject({ lagMs: 0, mirrored: 2, failures: 2 });
    expect(fake.snapshot().get("notes/b")).toEqual(int(2));
  });

  it("resumes from the state file after a restart, with no change twice and none missed", async () => {
    const { log } = setup();
    const file = path.join(dir, "resume.json");
    for (let i = 0; i < 5; i++) log.append(T0 + i * 10, "create", `d/${i}`, int(i));
    const first = new MemoryAdapter();
    const run = (adapter: MemoryAdapter) =>
      new SyncMirror({
        project: "app",
        source: log,
        adapter,
        state: new FileStateStore(file),
        batchSize: 2,
      }).runOnce();
    await run(first);
    for (let i = 5; i < 8; i++) log.append(T0 + i * 10, "update", `d/${i % 3}`, int(i));
    const second = new MemoryAdapter();
    await run(second);
    expect(first.applied.map((c) => c.path)).toEqual(["d/0", "d/1", "d/2", "d/3", "d/4"]);
    expect(second.applied.map((c) => c.eventId)).toEqual(log.events.slice(5).map((e) => e.eventId));
    const saved = JSON.parse(await readFile(file, "utf8")) as MirrorState;
    expect(saved).toMatchObject({ project: "app", target: "memory", cursor: { id: "8" } });
  });

  it("applies a batch again when the cursor could not be saved after it (at least once)", async () => {
    const { log, adapter, state, mirror } = setup();
    log.append(T0, "create", "a/1", int(1));
    const save = state.save.bind(state);
    let broken = true;
    state.save = (s) =>
      broken ? ((broken = false), Promise.reject(new Error("disk full"))) : save(s);
    await expect(mirror().runOnce()).rejects.toThrow("disk full");
    await mirror().runOnce();
    expect(adapter.applied.map((c) => c.path)).toEqual(["a/1", "a/1"]);
    expect(adapter.documents.get("a/1")).toEqual(int(1));
  });

  it("mirrors a commit that becomes visible after later ones were read", async () => {
    const { log, adapter, mirror } = setup();
    log.append(T0 + 1000, "create", "a/1");
    log.append(T0 + 2000, "create", "a/2");
    const m = mirror();
    await m.runOnce();
    // its commit time was taken before a/2's, but it committed after the pass above
    const late = log.append(T0 + 1500, "create", "a/late");
    await m.runOnce();
    expect(adapter.applied.map((c) => c.path)).toEqual(["a/1", "a/2", "a/late"]);
    expect(m.metrics.cursorTime).toBe(log.events[1]!.time);
    await mirror().runOnce(); // a restart reads the same window again, and skips it all
    expect(adapter.applied.map((c) => c.eventId).at(-1)).toBe(late.eventId);
    expect(adapter.applied).toHaveLength(3);
  });

  it("halts on a refusal, naming the document, and leaves the cursor before it", async () => {
    const firestore = new FirestoreRestAdapter({
      projectId: "halt-proj",
      baseUrl: fake.url,
      token: () => Promise.resolve("t"),
    });
    fake.refuse("bad/doc", 'Value for argument "data" is not a valid Firestore document.');
    const { log, state, mirror } = setup({ adapter: firestore, batchSize: 2 });
    log.append(T0, "create", "ok/1");
    log.append(T0 + 1, "create", "ok/2");
    log.append(T0 + 2, "create", "bad/doc");
    const m = mirror();
    await expect(m.runOnce()).rejects.toMatchObject({ retryable: false, path: "bad/doc" });
    expect(m.metrics.lastError).toMatch(/document 'bad\/doc'.*not a valid Firestore document/);
    expect(state.state!.cursor).toMatchObject({ id: "2" });
    const reads = log.queries.length;
    await expect(m.runOnce()).rejects.toMatchObject({ path: "bad/doc" });
    expect(log.queries).toHaveLength(reads); // halted: it does not even read the log
  });

  it("counts an unreadable log as a failure and reads it again next pass", async () => {
    const { log, adapter, mirror } = setup();
    log.append(T0, "create", "a/1");
    log.failNext(1);
    const m = mirror();
    await expect(m.runOnce()).rejects.toThrow("cannot reach the runtime");
    expect(m.metrics).toMatchObject({ failures: 1, mirrored: 0 });
    await m.runOnce();
    expect(adapter.applied).toHaveLength(1);
  });

  it("refuses a state file written for another project or target", async () => {
    const { state, mirror } = setup();
    state.state = { version: 1, project: "other", target: "memory", cursor: null, recent: [] };
    await expect(mirror().runOnce()).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining("'other'"),
    });
  });

  it("runs passes until stopped, going on after a transient failure", async () => {
    const { log, adapter, mirror } = setup();
    log.append(T0, "create", "a/1");
    adapter.failNext(1);
    const m = mirror();
    const outcomes: string[] = [];
    await new Promise<void>((resolve) =>
      m.start({
        intervalMs: 1,
        onPass: (outcome) => {
          outcomes.push(
            "error" in outcome ? `error: ${outcome.error.message}` : `ok ${outcome.mirrored}`,
          );
          if (outcomes.length === 3) resolve();
        },
      }),
    );
    await m.stop();
    expect(outcomes).toEqual(["error: memory: unavailable", "ok 1", "ok 0"]);
  });

  it("turns only document events into changes", () => {
    const base = { id: "1", eventId: "e", subject: "x/y", time: "2026-01-01T00:00:00.000000Z" };
    expect(toChange({ ...base, kind: "auth.user.created" })).toBeUndefined();
    expect(toChange({ ...base, kind: "document.deleted", before: int(1) })).toEqual({
      eventId: "e",
      time: base.time,
      path: "x/y",
      kind: "delete",
    });
  });
});
