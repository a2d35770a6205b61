import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFirebaseJson } from "../firebase-json.js";
import { analyzeFunctions } from "./analyze.js";
import type { FunctionsAnalysis } from "./types.js";

const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

async function analyze(files: Record<string, string>): Promise<FunctionsAnalysis> {
  const dir = await mkdtemp(path.join(tmpdir(), "functions-v1-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const model = parseFirebaseJson(files["firebase.json"] ?? "{}");
  const section = model.sections.find((s) => s.name === "functions");
  return analyzeFunctions(dir, section, "firebase.json");
}

const FIREBASE_JSON = `{
  "functions": { "source": "functions" }
}`;

const INDEX_JS = `const functions = require("firebase-functions");
const admin = require("firebase-admin");
admin.initializeApp();

const europe = functions.region("europe-west1");

exports.addMessage = functions.https.onCall((data, context) => ({ ok: true }));
exports.api = functions.https.onRequest((req, res) => res.send("hi"));
exports.onPost = europe
  .runWith({ memory: "512MB", timeoutSeconds: 120, secrets: ["STRIPE_KEY"] })
  .firestore.document("users/{uid}/posts/{postId}")
  .onCreate((snap) => null);
exports.nightly = functions.pubsub
  .schedule("every 5 minutes")
  .timeZone("Europe/Paris")
  .onRun(() => null);
exports.users = require("./users");
exports.media = { resized: functions.storage.object().onFinalize(() => null) };
exports.removed = functions.storage.bucket("b").object().onDelete(() => null);
exports.VERSION = "1.2.3";
module.exports.written = require("./written").written;
exports.single = require("./single");
`;

const SINGLE_JS = `const functions = require("firebase-functions");
module.exports = functions.https.onRequest((req, res) => res.end());
`;

const USERS_JS = `const functions = require("firebase-functions/v1");
exports.onCreate = functions.auth.user().onCreate(() => null);
exports.onDelete = functions.auth.user().onDelete(() => null);
`;

const WRITTEN_JS = `const { firestore } = require("firebase-functions");
module.exports = {
  written: firestore.document("rooms/{roomId}").onWrite(() => null),
  updated: firestore.document("rooms/{roomId}").onUpdate(() => null),
};
`;

describe("analyzeFunctions on a 1st gen CommonJS project", () => {
  it("finds every function with its deployed name, trigger and options", async () => {
    const analysis = await analyze({
      "firebase.json": FIREBASE_JSON,
      "functions/package.json": JSON.stringify({ main: "index.js" }),
      "functions/index.js": INDEX_JS,
      "functions/users.js": USERS_JS,
      "functions/written.js": WRITTEN_JS,
      "functions/single.js": SINGLE_JS,
    });
    expect(analysis.codebases).toEqual([
      { codebase: "default", sourceDir: "functions", entryFile: "functions/index.js" },
    ]);
    const byName = new Map(analysis.functions.map((f) => [f.name, f]));
    expect([...byName.keys()]).toEqual([
      "addMessage",
      "api",
      "onPost",
      "nightly",
      "users-onCreate",
      "users-onDelete",
      "media-resized",
      "removed",
      "written",
      "single",
    ]);
    expect(byName.get("addMessage")).toMatchObject({
      generation: 1,
      firebaseTrigger: "https.onCall",
      trigger: { kind: "callable" },
      source: { file: "functions/index.js", line: 7, column: 22 },
      exportPath: ["addMessage"],
    });
    expect(byName.get("api")?.trigger).toEqual({ kind: "http" });
    expect(byName.get("onPost")).toMatchObject({
      firebaseTrigger: "firestore.document().onCreate",
      trigger: { kind: "document", event: "create", path: "users/{uid}/posts/{postId}" },
      memoryMb: 512,
      timeoutMs: 120_000,
      region: "europe-west1",
      secrets: ["STRIPE_KEY"],
    });
    expect(byName.get("nightly")).toMatchObject({
      firebaseTrigger: "pubsub.schedule().onRun",
      trigger: { kind: "schedule", schedule: "*/5 * * * *", timeZone: "Europe/Paris" },
    });
    expect(byName.get("users-onCreate")).toMatchObject({
      firebaseTrigger: "auth.user().onCreate",
      trigger: { kind: "auth", event: "create" },
      exportPath: ["users", "onCreate"],
      source: { file: "functions/users.js", line: 2 },
    });
    expect(byName.get("users-onDelete")?.trigger).toEqual({ kind: "auth", event: "delete" });
    expect(byName.get("media-resized")).toMatchObject({
      firebaseTrigger: "storage.object().onFinalize",
      trigger: { kind: "storage", event: "finalize" },
    });
    expect(byName.get("removed")).toMatchObject({
      firebaseTrigger: "storage.bucket().object().onDelete",
      trigger: { kind: "storage", event: "delete" },
    });
    expect(byName.get("single")).toMatchObject({
      trigger: { kind: "http" },
      source: { file: "functions/single.js", line: 2, column: 18 },
    });
    expect(byName.get("written")?.trigger).toEqual({
      kind: "document",
      event: "write",
      path: "rooms/{roomId}",
    });
  });

  it("gives each function one item: maps, or needs-change where behaviour differs", async () => {
    const analysis = await analyze({
      "firebase.json": FIREBASE_JSON,
      "functions/package.json": JSON.stringify({ main: "index.js" }),
      "functions/index.js": INDEX_JS,
      "functions/users.js": USERS_JS,
      "functions/written.js": WRITTEN_JS,
      "functions/single.js": SINGLE_JS,
    });
    const verdicts = Object.fromEntries(analysis.items.map((i) => [i.name, i.verdict]));
    expect(verdicts).toEqual({
      "functions.addMessage": "maps",
      "functions.api": "maps",
      "functions.onPost": "maps",
      "functions.nightly": "maps",
      "functions.users-onCreate": "maps",
      "functions.users-onDelete": "maps",
      "functions.media-resized": "maps",
      "functions.removed": "needs-change",
      "functions.written": "maps",
      "functions.single": "maps",
    });
    const item = (name: string) => analysis.items.find((i) => i.name === name);
    expect(item("functions.api")?.detail).toContain("/v1/projects/<project>/http/api");
    expect(item("functions.onPost")?.detail).toContain(
      "document create on users/{uid}/posts/{postId}",
    );
    expect(item("functions.onPost")?.detail).toContain("region europe-west1 is not kept");
    expect(item("functions.nightly")?.detail).toContain(
      '"every 5 minutes" becomes the cron "*/5 * * * *"',
    );
    expect(item("functions.removed")?.detail).toContain('the bucket "b"');
  });
});
