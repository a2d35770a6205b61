import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestRuntime, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FirestoreRestAdapter } from "../firestore/firestore-rest-adapter.js";
import { FakeFirestore } from "../testing/index.js";
import { RuntimeEventSource } from "./event-source.js";
import { FileStateStore } from "./mirror-state.js";
import { SyncMirror } from "./sync-mirror.js";

const OURS = "projects/sync-app/databases/(default)/documents";
const THEIRS = "projects/fire-proj/databases/(default)/documents";
const int = (n: number) => ({ integerValue: String(n) });

/**
 * Documents written through a real runtime (its event log in a real PostgreSQL; no Redis is
 * needed: the write's own statement appends the event) reach a Firestore-speaking server as
 * exactly those writes, in order, once each across two passes of a restarted mirror.
 */
describe("the Firestore mirror against a real runtime", () => {
  const database = useTestDatabase("sync_mirror");
  let runtime: TestRuntime;
  let url: string;
  let key: string;
  let fake: FakeFirestore;
  let dir: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    url = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    key = await runtime.createProject("sync-app");
    fake = await FakeFirestore.start();
    dir = await mkdtemp(path.join(tmpdir(), "winky-sync-int-"));
  });
  afterAll(async () => {
    await runtime?.close();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const commit = async (writes: unknown[]) => {
    const res = await fetch(`${url}/v1/projects/sync-app/documents:commit`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ writes }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  const set = (p: string, fields: object) => ({ update: { name: `${OURS}/${p}`, fields } });
  // A fresh mirror each pass, as after a restart: all it shares with the last is the state file.
  const mirrorOnce = () =>
    new SyncMirror({
      project: "sync-app",
      source: new RuntimeEventSource({ url, project: "sync-app", key }),
      adapter: new FirestoreRestAdapter({
        projectId: "fire-proj",
        baseUrl: fake.url,
        token: () => Promise.resolve("test-token"),
      }),
      state: new FileStateStore(path.join(dir, "state.json")),
      batchSize: 2,
    }).runOnce();
  const received = () => fake.commits.flatMap((c) => c.writes);

  it("sends every write of the runtime, in order, references re-pointed, once each", async () => {
    await commit([set("users/alice", { name: { stringValue: "Alice" } })]);
    await commit([
      set("notes/n1", {
        owner: { referenceValue: `${OURS}/users/alice` },
        meta: { mapValue: { fields: { stars: int(3) } } },
      }),
      set("notes/n2", { n: int(1) }),
    ]);
    await commit([set("notes/n2", { n: int(2) })]);
    await commit([{ delete: `${OURS}/notes/n1` }]);
    expect(await mirrorOnce()).toEqual({ mirrored: 5 });
    expect(received()).toEqual([
      { update: { name: `${THEIRS}/users/alice`, fields: { name: { stringValue: "Alice" } } } },
      {
        update: {
          name: `${THEIRS}/notes/n1`,
          fields: {
            owner: { referenceValue: `${THEIRS}/users/alice` },
            meta: { mapValue: { fields: { stars: int(3) } } },
          },
        },
      },
      { update: { name: `${THEIRS}/notes/n2`, fields: { n: int(1) } } },
      { update: { name: `${THEIRS}/notes/n2`, fields: { n: int(2) } } },
      { delete: `${THEIRS}/notes/n1` },
    ]);
    expect(fake.commits.every((c) => c.authorization === "Bearer test-token")).toBe(true);

    await commit([set("notes/n3", { n: int(3) })]);
    expect(await mirrorOnce()).toEqual({ mirrored: 1 });
    expect(received().slice(5)).toEqual([
      { update: { name: `${THEIRS}/notes/n3`, fields: { n: int(3) } } },
    ]);
    expect(await mirrorOnce()).toEqual({ mirrored: 0 });
    expect([...fake.snapshot().keys()].sort()).toEqual(["notes/n2", "notes/n3", "users/alice"]);
  });
});
