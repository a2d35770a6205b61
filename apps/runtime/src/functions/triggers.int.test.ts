import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import { eventually, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayEvents } from "../events/replay.js";
import {
  bestSandbox,
  createFunctionsTestBed,
  type FunctionsTestBed,
} from "./functions.test-bed.js";

const PROJECT = "trigger-app";
/** Containers start and triggers run through a queue: allow them more time. */
const slowly = <T>(check: () => T | Promise<T>) => eventually(check, { timeoutMs: 20_000 });

const str = (s: string) => ({ stringValue: s });
const ON_USER_CREATED = `export default async (event, context) => {
  await context.documents.commit([{ update: { name: "profiles/" + event.user.uid, fields: {
    email: { stringValue: event.user.email }, kind: { stringValue: event.kind } } } }]);
};`;
const ON_USER_DELETED = `export default async (event, context) => {
  await context.documents.commit([{ delete: "profiles/" + event.user.uid }]);
};`;
const ON_PHOTO = `export default async (event, context) => {
  await context.documents.commit([{ update: { name: "uploads/" + event.object.name.replaceAll("/", "_"),
    fields: { size: { integerValue: String(event.object.size) }, kind: { stringValue: event.kind },
      contentType: { stringValue: event.object.contentType } } } }]);
};`;
const ON_PHOTO_DELETED = `export default async (event, context) => {
  await context.documents.commit([{ delete: "uploads/" + event.object.name.replaceAll("/", "_") }]);
};`;
const TICKER = `export default async (event, context) => {
  await context.documents.commit([{ update: { name: "ticks/" + event.eventId, fields: {
    at: { stringValue: event.scheduleTime }, schedule: { stringValue: event.schedule } } } }]);
};`;
// Counts the job, then fails its first delivery after writing: the retry must not count again.
// The retry alone also makes a commit keyed by name (deliveryKey): it must neither take the
// ordinal keys of the first delivery's commits nor be taken for one of them.
const increment = (name: string) => `{ update: { name: "${name}", fields: {} },
    updateMask: { fieldPaths: [] },
    updateTransforms: [{ fieldPath: "count", increment: { integerValue: "1" } }] }`;
const COUNT_JOB = `export default async (event, context) => {
  const retried = Boolean(await context.documents.get("flags/" + context.params.id));
  if (retried) await context.documents.commit([${increment("stats/named")}], { deliveryKey: "n" });
  await context.documents.commit([${increment("stats/jobs")}]);
  if (!retried) {
    await context.documents.commit([{ update: { name: "flags/" + context.params.id, fields: {} } }]);
    throw new Error("failing the first delivery on purpose");
  }
};`;
// A client-chosen key makes a repeated request count once; once() remembers a side effect.
const PAY = `export default async (data, context) => {
  const result = await context.documents.commit([{ update: { name: "stats/payments", fields: {} },
    updateMask: { fieldPaths: [] },
    updateTransforms: [{ fieldPath: "count", increment: { integerValue: "1" } }] }],
    { idempotencyKey: "pay-" + data.requestId });
  const receipt = await context.once("receipt-" + data.requestId, () => Math.random());
  return { commitTime: result.commitTime, receipt };
};`;

const MARK_LATE = `export default async (event, context) => {
  await context.documents.commit([{ update: { name: "marks/" + context.params.id, fields: {} } }]);
};`;

const sandbox = await bestSandbox();
if (!sandbox.make) console.warn(`SKIPPED (${sandbox.label}): function triggers`);

/**
 * Auth, storage, schedule and document triggers end to end (event log → dispatcher → queue →
 * worker → sandbox → host API), and commits that a retried delivery does not repeat.
 */
describe.skipIf(!sandbox.make)(`function triggers (${sandbox.label})`, () => {
  const database = useTestDatabase("runtime_triggers");
  let bed: FunctionsTestBed;
  let dir: string;
  const doc = async (name: string) => {
    const res = await bed.api("GET", `/documents/${name}`);
    return res.statusCode === 404 ? undefined : res.json<{ fields: Record<string, unknown> }>();
  };
  const count = async (collection: string) =>
    (
      await bed.runtime.pool.query(
        "select 1 from runtime.documents where project_id = $1 and starts_with(path, $2)",
        [PROJECT, `${collection}/`],
      )
    ).rowCount;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-triggers-"));
    bed = await createFunctionsTestBed(database.url, PROJECT, sandbox.make!, {
      blobs: new FsBlobStore(dir),
    });
    await bed.deploy("onUserCreated", ON_USER_CREATED, { kind: "auth", event: "create" });
    await bed.deploy("onUserDeleted", ON_USER_DELETED, { kind: "auth", event: "delete" });
    const photos = { kind: "storage", prefix: "photos/" };
    await bed.deploy("onPhoto", ON_PHOTO, { ...photos, event: "finalize" });
    await bed.deploy("onPhotoDeleted", ON_PHOTO_DELETED, { ...photos, event: "delete" });
    await bed.deploy("countJob", COUNT_JOB, {
      kind: "document",
      event: "create",
      path: "jobs/{id}",
    });
    await bed.deploy("pay", PAY, { kind: "callable" });
    bed.startEvents();
  }, 600_000);
  afterAll(async () => {
    await bed?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("runs auth triggers when a user is created and deleted", async () => {
    const post = (p: string, payload: object) => bed.api("POST", `/auth/${p}`, payload, "");
    await post("signUp", { email: "ada@example.com", password: "correct horse battery" });
    const confirmed = await post("confirmSignUp", {
      token: bed.runtime.auth.stores.outbox.lastToken("ada@example.com"),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { uid } = confirmed.json<{ uid: string }>();
    const profile = await slowly(async () => (await doc(`profiles/${uid}`))!.fields);
    expect(profile).toEqual({ email: str("ada@example.com"), kind: str("create") });

    expect((await bed.api("DELETE", `/admin/users/${uid}`)).statusCode).toBe(204);
    await slowly(async () => expect(await doc(`profiles/${uid}`)).toBeUndefined());
  });

  it("runs storage triggers for objects under their prefix only", async () => {
    const upload = (name: string, body: string) =>
      bed.runtime.app.inject({
        method: "POST",
        url: `/v1/projects/${PROJECT}/storage/o?name=${encodeURIComponent(name)}`,
        headers: { authorization: `Bearer ${bed.key}`, "content-type": "image/png" },
        payload: Buffer.from(body),
      });
    expect((await upload("docs/readme.png", "not a photo")).statusCode).toBe(200);
    expect((await upload("photos/cat.png", "meow")).statusCode).toBe(200);
    const uploaded = await slowly(async () => (await doc("uploads/photos_cat.png"))!.fields);
    expect(uploaded).toEqual({
      size: { integerValue: "4" },
      kind: str("finalize"),
      contentType: str("image/png"),
    });
    expect(await count("uploads")).toBe(1);

    const removed = await bed.api("DELETE", `/storage/o/${encodeURIComponent("photos/cat.png")}`);
    expect(removed.statusCode, removed.body).toBe(204);
    await slowly(async () => expect(await doc("uploads/photos_cat.png")).toBeUndefined());
  });

  it("fires a schedule every second until it is redeployed as something else", async () => {
    await bed.deploy("ticker", TICKER, { kind: "schedule", schedule: "* * * * * *" });
    await slowly(async () => expect(await count("ticks")).toBeGreaterThanOrEqual(2));
    await bed.deploy("ticker", TICKER, { kind: "callable" });
    const { rows } = await bed.runtime.pool.query(
      "select 1 from runtime.function_schedules where project_id = $1",
      [PROJECT],
    );
    expect(rows).toEqual([]);
    const ticks = await bed.api("POST", "/documents:runQuery", {
      structuredQuery: { from: [{ collectionId: "ticks" }] },
    });
    const { documents } = ticks.json<{
      documents: Array<{ fields: { at: { stringValue: string } } }>;
    }>();
    const at = documents.map((d) => d.fields.at.stringValue);
    // One tick per second, each at a whole second, none twice.
    expect(new Set(at).size).toBe(at.length);
    for (const t of at) expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/);
  });

  it("refuses a bad schedule, naming the field", async () => {
    const res = await bed.api("PUT", "/admin/functions/bad", {
      source: TICKER,
      trigger: { kind: "schedule", schedule: "every tuesday" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/trigger\.schedule: /);
  });

  it("does not repeat a trigger's commits when its delivery is retried; a replay runs again", async () => {
    const job = await bed.api("POST", "/documents:commit", {
      writes: [{ update: { name: "jobs/j1", fields: {} } }],
    });
    expect(job.statusCode, job.body).toBe(200);
    await slowly(async () => {
      const logs = (await bed.api("GET", "/admin/functions/countJob/logs")).json().logs;
      expect(logs.map((l: { errorKind: string | null }) => l.errorKind)).toEqual([null, "error"]);
    });
    expect((await doc("stats/jobs"))!.fields).toEqual({ count: { integerValue: "1" } });
    expect((await doc("stats/named"))!.fields).toEqual({ count: { integerValue: "1" } });

    const replay = await replayEvents(bed.runtime.pool, bed.queue(), PROJECT, {
      kinds: ["document.created"],
      subjectPrefix: "jobs/",
    });
    expect(replay.events).toBe(1);
    await slowly(async () => {
      expect((await doc("stats/jobs"))!.fields).toEqual({ count: { integerValue: "2" } });
      expect((await doc("stats/named"))!.fields).toEqual({ count: { integerValue: "2" } });
    });
  });

  it("does not run a function for what happened before its deploy; a replay of it does", async () => {
    const write = (name: string) =>
      bed.api("POST", "/documents:commit", { writes: [{ update: { name, fields: {} } }] });
    // As during an import: the write's event waits in the queue while the function is deployed.
    await bed.worker().pause();
    expect((await write("late/a1")).statusCode).toBe(200);
    await bed.deploy("markLate", MARK_LATE, {
      kind: "document",
      event: "create",
      path: "late/{id}",
    });
    bed.worker().resume();
    expect((await write("late/a2")).statusCode).toBe(200);
    await slowly(async () => expect(await doc("marks/a2")).toBeDefined());
    // The queue is in order: a1's event was handled before a2's, by a function too new for it.
    expect(await doc("marks/a1")).toBeUndefined();
    const replay = await replayEvents(bed.runtime.pool, bed.queue(), PROJECT, {
      kinds: ["document.created"],
      subjectPrefix: "late/a1",
    });
    expect(replay.events).toBe(1);
    await slowly(async () => expect(await doc("marks/a1")).toBeDefined());
  });

  it("applies a commit once per idempotency key, and once() remembers its first answer", async () => {
    const pay = async (requestId: string) =>
      (await bed.api("POST", "/functions/pay:call", { data: { requestId } }, "")).json().result;
    const first = await pay("r1");
    const again = await pay("r1");
    expect(again).toEqual(first);
    expect((await doc("stats/payments"))!.fields).toEqual({ count: { integerValue: "1" } });
    const other = await pay("r2");
    expect(other.receipt).not.toBe(first.receipt);
    expect((await doc("stats/payments"))!.fields).toEqual({ count: { integerValue: "2" } });
  });
});
