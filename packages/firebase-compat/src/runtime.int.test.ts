// Bundled Firebase functions deployed to a real runtime and run in its sandbox: the emitted
// module is valid input for the runtime's own bundler, and every write, read and query the
// shims send passes the documents API's validation and does what firebase-admin would.
import { fileURLToPath } from "node:url";
import { eventually, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bestSandbox,
  createFunctionsTestBed,
  type FunctionsTestBed,
} from "@winky/runtime/testing/functions";
import { bundleFirebaseFunction, type BundleRequest } from "./bundle.js";
import { writeProject } from "./testing/load-bundle.js";

const PROJECT = "compat-app";
const NOTES = fileURLToPath(
  new URL("../../firebase-import/fixtures/notes-project/functions", import.meta.url),
);

// Writes with every value kind and transform, then reads back what the runtime stored.
const ROUNDTRIP_TS = `import { onCall } from "firebase-functions/v2/https";
import { getFirestore, FieldValue, GeoPoint, Timestamp } from "firebase-admin/firestore";

export const roundtrip = onCall(async () => {
  const db = getFirestore();
  const ref = db.doc("things/t1");
  await ref.set({
    n: 1, half: 0.5, s: "x", none: null, when: Timestamp.fromMillis(1700000000123),
    at: new GeoPoint(48.85, 2.35), bytes: Buffer.from("hi"), owner: db.doc("users/u1"),
    tags: ["a"], profile: { name: "Ada" }, gone: true,
  });
  await ref.update({
    "profile.name": "Bo", n: FieldValue.increment(2), tags: FieldValue.arrayUnion("b"),
    gone: FieldValue.delete(), saved: FieldValue.serverTimestamp(),
  });
  await ref.set({ merged: { deep: 1 } }, { merge: true });
  const added = await db.collection("tags").add({ name: "Work" });
  const batch = db.batch();
  batch.set(db.doc("tags/t2"), { name: "Home" });
  await batch.commit();
  await db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    tx.update(ref, { n: snap.get("n") + 10 });
  });
  let created = "no error";
  try {
    await ref.create({});
  } catch (e) {
    created = (e as Error).message.split(":")[0];
  }
  const data = (await ref.get()).data()!;
  const tags = await db.collection("tags").where("name", "in", ["Work", "Home"]).orderBy("name").get();
  return {
    n: data.n, half: data.half, none: data.none, when: data.when.toMillis(),
    at: [data.at.latitude, data.at.longitude], bytes: data.bytes.toString(), owner: data.owner.path,
    tags: data.tags, profile: data.profile, gone: "gone" in data, saved: data.saved instanceof Timestamp,
    merged: data.merged, s: data.s, addedId: added.id.length, created,
    found: tags.docs.map((d) => d.get("name")),
  };
});
`;

// listCollections() and recursiveDelete() through the runtime's tree ops, on real paths:
// every depth, a missing parent seen through, and a sibling sharing the prefix untouched.
const TREE_TS = `import { onCall } from "firebase-functions/v2/https";
import { getFirestore } from "firebase-admin/firestore";

const PATHS = ["trees/a", "trees/a/x/1", "trees/a/x/1/y/2", "trees/a/ghost/g/z/3", "trees/a0", "trees/b/x/4"];
export const tree = onCall(async () => {
  const db = getFirestore();
  const batch = db.batch();
  for (const p of PATHS) batch.set(db.doc(p), { p });
  await batch.commit();
  const under = (await db.doc("trees/a").listCollections()).map((c) => c.id);
  const root = (await db.listCollections()).map((c) => c.id);
  await db.recursiveDelete(db.doc("trees/a"));
  await db.recursiveDelete(db.collection("trees/b/x"));
  const left = [];
  for (const p of PATHS) if ((await db.doc(p).get()).exists) left.push(p);
  return { under, root: root.includes("trees"), left };
});
`;

const sandbox = await bestSandbox();
if (!sandbox.make) console.warn(`SKIPPED (${sandbox.label}): firebase-compat on the runtime`);

describe.skipIf(!sandbox.make)(`Firebase functions on the runtime (${sandbox.label})`, () => {
  const database = useTestDatabase("firebase_compat_runtime");
  let bed: FunctionsTestBed;
  const deploy = async (name: string, request: BundleRequest, trigger: unknown) =>
    bed.deploy(name, await bundleFirebaseFunction(request), trigger);

  beforeAll(async () => {
    bed = await createFunctionsTestBed(database.url, PROJECT, sandbox.make!);
    const own = await writeProject({ "src/index.ts": ROUNDTRIP_TS });
    await deploy(
      "roundtrip",
      { sourceDir: own, entryFile: "src/index.ts", exportPath: ["roundtrip"], kind: "callable" },
      { kind: "callable" },
    );
    const trees = await writeProject({ "src/index.ts": TREE_TS });
    await deploy(
      "tree",
      { sourceDir: trees, entryFile: "src/index.ts", exportPath: ["tree"], kind: "callable" },
      { kind: "callable" },
    );
    const notes = (exportPath: string[], kind: BundleRequest["kind"]) =>
      deploy(
        exportPath.join("-"),
        { sourceDir: NOTES, entryFile: "src/index.ts", exportPath, kind },
        { kind },
      );
    await notes(["shareNote"], "callable");
    await notes(["api"], "http");
    const notesTrigger = async (name: string, trigger: Record<string, string>) =>
      deploy(
        name.replace(".", "-"),
        {
          sourceDir: NOTES,
          entryFile: "src/index.ts",
          exportPath: name.split("."),
          kind: trigger.kind as BundleRequest["kind"],
        },
        trigger,
      );
    await notesTrigger("noteCreated", {
      kind: "document",
      event: "create",
      path: "users/{uid}/notes/{noteId}",
    });
    await notesTrigger("profileCreated", {
      kind: "document",
      event: "create",
      path: "users/{uid}",
    });
    await notesTrigger("accounts.created", { kind: "auth", event: "create" });
    bed.startEvents();
  }, 600_000);
  afterAll(async () => {
    await bed?.close();
  });

  it("writes, transforms, transacts, queries and reads back through the host API", async () => {
    const res = await bed.api("POST", "/functions/roundtrip:call", { data: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toEqual({
      n: 13,
      half: 0.5,
      none: null,
      when: 1700000000123,
      at: [48.85, 2.35],
      bytes: "hi",
      owner: "users/u1",
      tags: ["a", "b"],
      profile: { name: "Bo" },
      gone: false,
      saved: true,
      merged: { deep: 1 },
      s: "x",
      addedId: 20,
      created: "already-exists",
      found: ["Home", "Work"],
    });
  });

  it("lists collections and deletes a document's or collection's tree, nothing beside it", async () => {
    const res = await bed.api("POST", "/functions/tree:call", { data: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toEqual({
      under: ["ghost", "x"],
      root: true,
      left: ["trees/a0"],
    });
  });

  it("answers an HttpsError refusal to the caller with its code", async () => {
    const res = await bed.api("POST", "/functions/shareNote:call", { data: { noteId: "n1" } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      error: { code: "unauthenticated", message: "Sign in first." },
    });
  });

  it("serves the notes API's onRequest handler over HTTP", async () => {
    const res = await bed.runtime.app.inject({
      method: "GET",
      url: `/v1/projects/${PROJECT}/http/api`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const names = (res.json().tags as Array<{ name: string }>).map((t) => t.name).sort();
    expect(names).toEqual(["Home", "Work"]);
  });

  it("runs 1st and 2nd gen document and auth triggers from the event log", async () => {
    const fieldsOf = async (path: string) =>
      (await bed.api("GET", `/documents/${path}`)).json<{ fields?: Record<string, unknown> }>()
        .fields;
    const commit = async (name: string) => {
      const res = await bed.api("POST", "/documents:commit", {
        writes: [{ update: { name, fields: {} } }],
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await commit("users/u9");
    await commit("users/u9/notes/n1");
    const user = await eventually(
      async () => {
        const fields = await fieldsOf("users/u9");
        expect(fields).toMatchObject({
          noteCount: { integerValue: "1" },
          uid: { stringValue: "u9" },
        });
        return fields!;
      },
      { timeoutMs: 20_000 },
    );
    expect(user.welcomedAt).toHaveProperty("timestampValue");

    const post = (p: string, payload: object) => bed.api("POST", `/auth/${p}`, payload, "");
    await post("signUp", { email: "ada@example.com", password: "correct horse battery" });
    const confirmed = await post("confirmSignUp", {
      token: bed.runtime.auth.stores.outbox.lastToken("ada@example.com"),
    });
    const { uid } = confirmed.json<{ uid: string }>();
    const profile = await eventually(
      async () => {
        const fields = await fieldsOf(`users/${uid}`);
        expect(fields).toMatchObject({ email: { stringValue: "ada@example.com" } });
        return fields!;
      },
      { timeoutMs: 20_000 },
    );
    expect(profile.sender).toEqual({ stringValue: "notes@example.com" });
  });
});
