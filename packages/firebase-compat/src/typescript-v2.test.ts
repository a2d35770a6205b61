// A TypeScript ESM project on 2nd gen (firebase-functions 6, whose root is v2; the modular
// Admin SDK): `export * as` groups, event shapes, queries, params and secrets, CORS.
import { beforeAll, describe, expect, it } from "vitest";
import type { TriggerKind } from "./bundle.js";
import { fakeContext } from "./testing/fake-context.js";
import { loadFunction, writeProject } from "./testing/load-bundle.js";

const INDEX_TS = `import * as functions from "firebase-functions";
import { onDocumentUpdatedWithAuthContext } from "firebase-functions/v2/firestore";
import { onObjectFinalized } from "firebase-functions/v2/storage";
import { onSchedule, type ScheduledEvent } from "firebase-functions/v2/scheduler";
import { beforeUserCreated } from "firebase-functions/v2/identity";
import { defineInt, defineSecret, defineString } from "firebase-functions/params";
import * as logger from "firebase-functions/logger";
import { getFirestore } from "firebase-admin/firestore";
export * as group from "./group";

const apiKey = defineSecret("API_KEY");
const greeting = defineString("GREETING", { default: "hello" });
const limit = defineInt("PAGE_SIZE", { default: 10 });
// What a handler saw, written where the test reads it: the commit's wire form.
const record = (name: string, seen: Record<string, unknown>) =>
  getFirestore().doc("seen/" + name).set({ json: JSON.stringify(seen) });

export const hello = functions.https.onCall((request) => ({
  data: request.data,
  uid: request.auth?.uid ?? null,
  token: request.auth?.token ?? null,
  key: apiKey.value(),
  greeting: greeting.value(),
  limit: limit.value(),
}));

export const edited = onDocumentUpdatedWithAuthContext("rooms/{room}/msgs/{msg}", (event) => {
  logger.info("edited", { room: event.params.room });
  return record("edited", {
    id: event.id,
    type: event.type,
    document: event.document,
    params: event.params,
    before: event.data?.before.get("text"),
    after: event.data?.after.get("meta.lang"),
    exists: event.data?.after.exists,
    at: event.data?.after.get("at")?.toMillis(),
    ref: event.data?.after.get("author")?.path,
    id2: event.data?.after.id,
  });
});
export const uploaded = onObjectFinalized({ bucket: "other" }, (event) => {
  return record("uploaded", { type: event.type, name: event.data.name, size: event.data.size });
});
export const nightly = onSchedule("0 3 * * *", (event: ScheduledEvent) => {
  return record("nightly", { scheduleTime: event.scheduleTime });
});
export const blocked = beforeUserCreated(() => undefined);
`;

const GROUP_TS = `import { onCall, onRequest } from "firebase-functions/https";
import { getFirestore, Filter, FieldPath } from "firebase-admin/firestore";

export const search = onCall(async () => {
  const db = getFirestore();
  const snap = await db
    .collection("rooms/r1/msgs")
    .where("lang", "in", ["en", "fr"])
    .where("deleted", "==", null)
    .where(Filter.or(Filter.where("n", ">=", 2), Filter.where(FieldPath.documentId(), "==", "m1")))
    .orderBy("n", "desc")
    .startAfter(5)
    .limit(2)
    .get();
  return snap.docs.map((d) => ({ id: d.id, path: d.ref.path, n: d.get("n") }));
});

export const open = onRequest({ cors: true }, async (req, res) => {
  res.send(req.body);
});
`;

let dir: string;
const load = (exportPath: string[], kind: TriggerKind) =>
  loadFunction({ sourceDir: dir, entryFile: "src/index.ts", exportPath, kind });

beforeAll(async () => {
  dir = await writeProject({
    "package.json": JSON.stringify({
      type: "module",
      dependencies: { "firebase-functions": "^6.1.0" },
    }),
    "src/index.ts": INDEX_TS,
    "src/group.ts": GROUP_TS,
  });
  process.env.API_KEY = "sk-test";
  process.env.PAGE_SIZE = "25";
  delete process.env.GREETING;
});

describe("a TypeScript 2nd gen project", () => {
  it("passes the callable request's data and auth; params read process.env", async () => {
    const hello = await load(["hello"], "callable");
    const auth = { uid: "ada", token: { email: "ada@x.test", roles: ["admin"] } };
    expect(await hello({ q: 1 }, fakeContext({ auth }))).toEqual({
      data: { q: 1 },
      uid: "ada",
      token: auth.token,
      key: "sk-test",
      greeting: "hello",
      limit: 25,
    });
  });

  it("gives document, storage and schedule handlers Firebase's CloudEvents", async () => {
    const edited = await load(["edited"], "document");
    const uploaded = await load(["uploaded"], "storage");
    const nightly = await load(["nightly"], "schedule");
    const after = {
      meta: { mapValue: { fields: { lang: { stringValue: "fr" } } } },
      at: { timestampValue: "2026-01-02T03:04:05.678Z" },
      author: { referenceValue: "projects/demo-app/databases/(default)/documents/users/ada" },
    };
    const event = {
      eventId: "ev1",
      kind: "update",
      path: "rooms/r1/msgs/m1",
      params: { room: "r1", msg: "m1" },
      before: { text: { stringValue: "hi" } },
      after,
    };
    const seen = async (handler: typeof edited, e: unknown) => {
      const context = fakeContext();
      await handler(e, context);
      const fields = context.commits[0]?.[0]?.update?.fields as { json: { stringValue: string } };
      return JSON.parse(fields.json.stringValue) as unknown;
    };
    expect(await seen(edited, event)).toEqual({
      id: "ev1",
      type: "google.cloud.firestore.document.v1.updated",
      document: "rooms/r1/msgs/m1",
      params: { room: "r1", msg: "m1" },
      before: "hi",
      after: "fr",
      exists: true,
      at: Date.parse("2026-01-02T03:04:05.678Z"),
      ref: "users/ada",
      id2: "m1",
    });
    const object = {
      name: "a.txt",
      size: 3,
      contentType: "text/plain",
      generation: 1,
      md5Hash: "m",
      metadata: {},
    };
    expect(await seen(uploaded, { eventId: "ev2", kind: "finalize", object })).toEqual({
      type: "google.cloud.storage.object.v1.finalized",
      name: "a.txt",
      size: "3",
    });
    const tick = { eventId: "ev3", kind: "tick", scheduleTime: "2026-01-02T03:00:00Z" };
    expect(await seen(nightly, tick)).toEqual({ scheduleTime: "2026-01-02T03:00:00Z" });
  });

  it("builds a StructuredQuery from where/in/null/Filter.or/orderBy/startAfter/limit", async () => {
    const search = await load(["group", "search"], "callable");
    const context = fakeContext({
      queryAnswer: [{ name: "rooms/r1/msgs/m7", fields: { n: { integerValue: "4" } } }],
    });
    expect(await search({}, context)).toEqual([{ id: "m7", path: "rooms/r1/msgs/m7", n: 4 }]);
    const field = (fieldPath: string) => ({ fieldPath });
    expect(context.queries).toEqual([
      {
        parent: "rooms/r1",
        collectionId: "msgs",
        allDescendants: false,
        where: {
          compositeFilter: {
            op: "AND",
            filters: [
              {
                fieldFilter: {
                  field: field("lang"),
                  op: "IN",
                  value: { arrayValue: { values: [{ stringValue: "en" }, { stringValue: "fr" }] } },
                },
              },
              { unaryFilter: { op: "IS_NULL", field: field("deleted") } },
              {
                compositeFilter: {
                  op: "OR",
                  filters: [
                    {
                      fieldFilter: {
                        field: field("n"),
                        op: "GREATER_THAN_OR_EQUAL",
                        value: { integerValue: "2" },
                      },
                    },
                    {
                      fieldFilter: {
                        field: field("__name__"),
                        op: "EQUAL",
                        value: {
                          referenceValue:
                            "projects/demo-app/databases/(default)/documents/rooms/r1/msgs/m1",
                        },
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
        orderBy: [{ field: field("n"), direction: "DESCENDING" }],
        startAt: { values: [{ integerValue: "5" }], before: false },
        limit: 2,
      },
    ]);
  });

  it("answers CORS preflights and echoes the text body", async () => {
    const open = await load(["group", "open"], "http");
    const preflight = (await open(
      new Request("http://function.invalid/", {
        method: "OPTIONS",
        headers: { origin: "https://app.test", "access-control-request-headers": "content-type" },
      }),
      fakeContext(),
    )) as Response;
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.test");
    const posted = (await open(
      new Request("http://function.invalid/", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "plain",
      }),
      fakeContext(),
    )) as Response;
    expect([posted.status, await posted.text()]).toEqual([200, "plain"]);
    expect(posted.headers.get("content-type")).toBe("text/html; charset=utf-8");
  });

  it("refuses to load a blocking auth function, naming it", async () => {
    await expect(load(["blocked"], "auth")).rejects.toThrow(
      "unimplemented: beforeUserCreated (a blocking auth function) has no trigger on Winky",
    );
  });
});
