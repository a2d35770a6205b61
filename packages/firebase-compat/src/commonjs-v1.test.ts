// A JavaScript CommonJS project on 1st gen (firebase-functions 4, the namespaced Admin SDK):
// exports.group navigation, every value kind's wire form, writes and their transforms,
// batches, transactions, auth, callable refusals and onRequest.
import { beforeAll, describe, expect, it } from "vitest";
import { bundleFirebaseFunction, type TriggerKind } from "./bundle.js";
import { fakeContext } from "./testing/fake-context.js";
import { loadFunction, writeProject } from "./testing/load-bundle.js";

const INDEX_JS = `const functions = require("firebase-functions");
const admin = require("firebase-admin");
const { readFileSync } = require("fs");
admin.initializeApp();
const db = admin.firestore();
const { FieldValue, Timestamp, GeoPoint, FieldPath } = admin.firestore;

exports.values = functions.https.onCall(async (data, context) => {
  await db.doc("things/t1").set({
    n: 1, big: 2 ** 60, half: 0.5, neg: -0, nan: NaN, yes: true, none: null, s: "x",
    when: Timestamp.fromMillis(1700000000123), date: new Date(Date.UTC(2026, 0, 2)),
    at: new GeoPoint(48.85, 2.35), bytes: Buffer.from("hi"), raw: new Uint8Array([1, 2]),
    ref: db.doc("users/u1"), list: [1, "a", { deep: true }], empty: [], map: {},
  });
  return { caller: context.auth ? context.auth.uid : null, exists: typeof readFileSync };
});

exports.group = {
  writes: functions.region("europe-west1").https.onCall(async () => {
    const ref = db.collection("users").doc("u1");
    await ref.set({ profile: { name: "Ada", tags: FieldValue.arrayUnion("a", 1) }, gone: FieldValue.delete() }, { merge: true });
    await ref.update({ "profile.name": "Bo", count: FieldValue.increment(2.5), tags: FieldValue.arrayRemove("z"), old: FieldValue.delete() });
    await ref.update("a.b", 1, new FieldPath("odd.key", "x"), 2);
    await ref.create({ at: FieldValue.serverTimestamp() });
    await ref.delete();
    await ref.set({ only: 1, notMe: 2 }, { mergeFields: ["only"] });
    const batch = db.batch();
    batch.set(db.doc("a/1"), { v: 1 }).delete(db.doc("a/2"));
    await batch.commit();
    return "ok";
  }),
  tx: functions.https.onCall(async () =>
    db.runTransaction(async (tx) => {
      const seen = await tx.get(db.doc("counters/c"));
      const missing = await tx.get(db.doc("counters/none"));
      tx.update(db.doc("counters/c"), { n: seen.get("n") + 1 });
      tx.set(db.doc("counters/none"), { n: 1 });
      return { n: seen.data().n, missing: missing.exists, at: seen.updateTime.toMillis() };
    }),
  ),
};

exports.claims = functions.https.onCall(async (data) => {
  const auth = admin.auth();
  const user = await auth.getUserByEmail(data.email);
  if (!user.customClaims || !user.customClaims.admin) {
    throw new functions.https.HttpsError("permission-denied", "Not an admin.", { email: data.email });
  }
  await auth.setCustomUserClaims(data.uid, { roles: ["editor"] });
  try {
    await auth.getUser("nobody");
  } catch (e) {
    return { granted: true, missing: e.code };
  }
});

exports.page = functions.https.onRequest((req, res) => {
  if (req.path === "/go") return res.redirect(301, "/there");
  if (req.method === "DELETE") return res.sendStatus(403);
  setTimeout(() =>
    res.status(201).set("x-seen", req.get("X-Custom")).json({
      path: req.path, url: req.url, query: req.query, body: req.body, method: req.method,
    }),
  );
});
`;

let dir: string;
const load = (exportPath: string[], kind: TriggerKind = "callable") =>
  loadFunction({ sourceDir: dir, entryFile: "index.js", exportPath, kind });

beforeAll(async () => {
  dir = await writeProject({
    "package.json": JSON.stringify({
      main: "index.js",
      dependencies: { "firebase-functions": "^4.9.0" },
    }),
    "index.js": INDEX_JS,
  });
});

describe("a CommonJS 1st gen project", () => {
  it("encodes every value kind as the documents API's wire form", async () => {
    const context = fakeContext({ auth: { uid: "ada", token: {} } });
    const result = await (await load(["values"]))({}, context);
    expect(result).toEqual({ caller: "ada", exists: "function" });
    expect(context.commits[0]).toEqual([
      {
        update: {
          name: "things/t1",
          fields: {
            n: { integerValue: "1" },
            big: { doubleValue: 2 ** 60 },
            half: { doubleValue: 0.5 },
            neg: { doubleValue: "-0" },
            nan: { doubleValue: "NaN" },
            yes: { booleanValue: true },
            none: { nullValue: null },
            s: { stringValue: "x" },
            when: { timestampValue: "2023-11-14T22:13:20.123Z" },
            date: { timestampValue: "2026-01-02T00:00:00Z" },
            at: { geoPointValue: { latitude: 48.85, longitude: 2.35 } },
            bytes: { bytesValue: "aGk=" },
            raw: { bytesValue: "AQI=" },
            ref: { referenceValue: "projects/demo-app/databases/(default)/documents/users/u1" },
            list: {
              arrayValue: {
                values: [
                  { integerValue: "1" },
                  { stringValue: "a" },
                  { mapValue: { fields: { deep: { booleanValue: true } } } },
                ],
              },
            },
            empty: { arrayValue: {} },
            map: { mapValue: {} },
          },
        },
      },
    ]);
  });

  it("builds merges, updates, creates, deletes and batches as firebase-admin does", async () => {
    const context = fakeContext();
    expect(await (await load(["group", "writes"]))({}, context)).toBe("ok");
    const users = "users/u1";
    expect(context.commits).toEqual([
      [
        {
          update: {
            name: users,
            fields: { profile: { mapValue: { fields: { name: { stringValue: "Ada" } } } } },
          },
          updateMask: { fieldPaths: ["profile.name", "gone"] },
          updateTransforms: [
            {
              fieldPath: "profile.tags",
              appendMissingElements: { values: [{ stringValue: "a" }, { integerValue: "1" }] },
            },
          ],
        },
      ],
      [
        {
          update: {
            name: users,
            fields: { profile: { mapValue: { fields: { name: { stringValue: "Bo" } } } } },
          },
          updateMask: { fieldPaths: ["profile.name", "old"] },
          currentDocument: { exists: true },
          updateTransforms: [
            { fieldPath: "count", increment: { doubleValue: 2.5 } },
            { fieldPath: "tags", removeAllFromArray: { values: [{ stringValue: "z" }] } },
          ],
        },
      ],
      [
        {
          update: {
            name: users,
            fields: {
              a: { mapValue: { fields: { b: { integerValue: "1" } } } },
              "odd.key": { mapValue: { fields: { x: { integerValue: "2" } } } },
            },
          },
          updateMask: { fieldPaths: ["a.b", "`odd.key`.x"] },
          currentDocument: { exists: true },
        },
      ],
      [
        {
          update: { name: users, fields: {} },
          currentDocument: { exists: false },
          updateTransforms: [{ fieldPath: "at", setToServerValue: "REQUEST_TIME" }],
        },
      ],
      [{ delete: users }],
      [
        {
          update: {
            name: users,
            fields: { only: { integerValue: "1" }, notMe: { integerValue: "2" } },
          },
          updateMask: { fieldPaths: ["only"] },
        },
      ],
      [{ update: { name: "a/1", fields: { v: { integerValue: "1" } } } }, { delete: "a/2" }],
    ]);
  });

  it("commits a transaction once, guarded by what it read, and retries a stale read", async () => {
    const read = "2026-01-01T00:00:00.5Z";
    const context = fakeContext({
      docs: {
        "counters/c": {
          name: "counters/c",
          fields: { n: { integerValue: "4" } },
          updateTime: read,
        },
      },
      commitFailures: ["failed-precondition: the document changed"],
    });
    const result = await (await load(["group", "tx"]))({}, context);
    expect(result).toEqual({ n: 4, missing: false, at: Date.parse(read) });
    expect(context.gets).toEqual(["counters/c", "counters/none", "counters/c", "counters/none"]);
    expect(context.commits).toEqual([
      [
        {
          update: { name: "counters/c", fields: { n: { integerValue: "5" } } },
          updateMask: { fieldPaths: ["n"] },
          currentDocument: { updateTime: read },
        },
        {
          update: { name: "counters/none", fields: { n: { integerValue: "1" } } },
          currentDocument: { exists: false },
        },
      ],
    ]);
  });

  it("reads users and sets claims over context.users; refuses with HttpsError", async () => {
    const user = (uid: string, customClaims: Record<string, unknown>) => ({
      uid,
      email: `${uid}@x.test`,
      emailVerified: true,
      disabled: false,
      customClaims,
    });
    const claims = await load(["claims"]);
    const context = fakeContext({ users: [user("boss", { admin: true }), user("ed", {})] });
    expect(await claims({ email: "boss@x.test", uid: "ed" }, context)).toEqual({
      granted: true,
      missing: "auth/user-not-found",
    });
    expect(context.claims).toEqual([{ uid: "ed", claims: { roles: ["editor"] } }]);
    const refused = claims(
      { email: "ed@x.test", uid: "ed" },
      fakeContext({ users: [user("ed", {})] }),
    );
    await expect(refused).rejects.toMatchObject({
      code: "permission-denied",
      message: "Not an admin.",
      details: { email: "ed@x.test" },
    });
  });

  it("serves onRequest with an Express-like req and res", async () => {
    const page = await load(["page"], "http");
    const request = new Request("http://function.invalid/notes?tag=a&tag=b&q=1", {
      method: "POST",
      headers: { "content-type": "application/json", "x-custom": "yes" },
      body: JSON.stringify({ title: "Hi" }),
    });
    const res = (await page(request, fakeContext())) as Response;
    expect(res.status).toBe(201);
    expect(res.headers.get("x-seen")).toBe("yes");
    expect(await res.json()).toEqual({
      path: "/notes",
      url: "/notes?tag=a&tag=b&q=1",
      query: { tag: ["a", "b"], q: "1" },
      body: { title: "Hi" },
      method: "POST",
    });
    const moved = (await page(
      new Request("http://function.invalid/go"),
      fakeContext(),
    )) as Response;
    expect([moved.status, moved.headers.get("location")]).toEqual([301, "/there"]);
    const denied = (await page(
      new Request("http://f.invalid/", { method: "DELETE" }),
      fakeContext(),
    )) as Response;
    expect([denied.status, await denied.text()]).toEqual([403, "403"]);
    const garbled = (await page(
      new Request("http://f.invalid/notes", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"title": ',
      }),
      fakeContext(),
    )) as Response;
    expect(garbled.status).toBe(400);
  });

  it("names the file and line of an import it cannot resolve", async () => {
    const broken = await writeProject({
      "index.js": `const functions = require("firebase-functions");\nconst _ = require("lodash");\nexports.f = functions.https.onCall(() => _.noop());\n`,
    });
    const attempt = bundleFirebaseFunction({
      sourceDir: broken,
      entryFile: "index.js",
      exportPath: ["f"],
      kind: "callable",
    });
    await expect(attempt).rejects.toThrow(
      /index\.js:2:\d+: cannot import "lodash": it is not in .*node_modules/,
    );
  });

  it("bundles modules Winky has no shim for: what uses them refuses, the rest runs", async () => {
    const dir = await writeProject({
      "index.js": [
        `const functions = require("firebase-functions");`,
        `const { getMessaging } = require("firebase-admin/messaging");`,
        `const { onMessagePublished } = require("firebase-functions/v2/pubsub");`,
        `const messaging = getMessaging();`,
        `exports.jobs = onMessagePublished("jobs", () => undefined);`,
        `exports.ping = functions.https.onCall(() => "pong");`,
        `exports.notify = functions.https.onCall(() => messaging.send({ token: "t" }));`,
      ].join("\n"),
    });
    const load = (exportPath: string[]) =>
      loadFunction({ sourceDir: dir, entryFile: "index.js", exportPath, kind: "callable" });
    expect(await (await load(["ping"]))({ data: null }, fakeContext())).toBe("pong");
    await expect((await load(["notify"]))({ data: null }, fakeContext())).rejects.toThrow(
      "unimplemented: firebase-admin/messaging.getMessaging().send is not available on Winky",
    );
    await expect(load(["jobs"])).rejects.toThrow(
      /firebase-functions\/v2\/pubsub\.onMessagePublished/,
    );
  });
});
