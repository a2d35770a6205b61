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
  const dir = await mkdtemp(path.join(tmpdir(), "functions-v2-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const model = parseFirebaseJson(files["firebase.json"] ?? "{}");
  const section = model.sections.find((s) => s.name === "functions");
  return analyzeFunctions(dir, section, "firebase.json");
}

const PROJECT = {
  "firebase.json": `{
  // two codebases: the second names itself
  "functions": [
    { "source": "functions", "codebase": "default" },
    { "source": "api", "codebase": "api" }
  ]
}`,
  "functions/package.json": JSON.stringify({
    main: "lib/index.js",
    dependencies: { "firebase-functions": "^6.1.0" },
  }),
  "functions/tsconfig.json": `{ "compilerOptions": { "outDir": "lib", "rootDir": "src" } }`,
  "functions/src/index.ts": `import { initializeApp } from "firebase-admin/app";
initializeApp();
export * from "./payments.js";
export { onUserPost as postCreated } from "./posts.js";
export * as rooms from "./rooms.js";
import { tick } from "./jobs.js";
export const nightly = tick;
`,
  "functions/src/config.ts": `import { defineSecret, defineString, defineInt } from "firebase-functions/params";
export const stripeKey = defineSecret("STRIPE_KEY");
export const greeting = defineString("GREETING");
export const batchSize = defineInt("BATCH_SIZE", { default: 10 });
`,
  "functions/src/payments.ts": `import { onCall as call, HttpsError } from "firebase-functions/v2/https";
import { stripeKey } from "./config.js";
export const charge = call(
  { secrets: [stripeKey], memory: "1GiB", timeoutSeconds: 60, region: "europe-west1" },
  async (request) => {
    if (!request.auth) throw new HttpsError("unauthenticated", "sign in");
    return stripeKey.value().length;
  },
);
export const big = call({ memory: "4GiB", timeoutSeconds: 3600 }, async () => 1);
export const RATE = 3;
`,
  "functions/src/posts.ts": `import { onDocumentCreated } from "firebase-functions/v2/firestore";
export const onUserPost = onDocumentCreated("users/{uid}/posts/{postId}", async (event) => {});
`,
  "functions/src/rooms.ts": `import * as firestore from "firebase-functions/v2/firestore";
import { onDocumentWrittenWithAuthContext } from "firebase-functions/v2/firestore";
export const changed = firestore.onDocumentUpdated({ document: "rooms/{roomId}" }, async () => {});
export const gone = firestore.onDocumentDeleted("rooms/{roomId}", async () => {});
export const audited = onDocumentWrittenWithAuthContext("rooms/{roomId}", async () => {});
export const deep = firestore.onDocumentCreated("rooms/{path=**}", async () => {});
export const other = firestore.onDocumentCreated(
  { document: "rooms/{roomId}", database: "audit" },
  async () => {},
);
`,
  "functions/src/jobs.ts": `import { onSchedule } from "firebase-functions/v2/scheduler";
export const tick = onSchedule({ schedule: "every day 03:30", timeZone: "Europe/Paris" }, async () => {});
export const weekly = onSchedule("every monday 09:00", async () => {});
`,
  "api/package.json": JSON.stringify({ main: "index.js" }),
  "api/index.js": `import { https, storage } from "firebase-functions/v2";
export const hello = https.onRequest((req, res) => res.send("hi"));
export const upload = storage.onObjectFinalized(async () => {});
export const purge = storage.onObjectDeleted({ bucket: "archive" }, async () => {});
`,
};

describe("analyzeFunctions on a 2nd gen TypeScript project", () => {
  it("reads src/ for lib/ and follows re-exports, aliases and options", async () => {
    const analysis = await analyze(PROJECT);
    expect(analysis.codebases).toEqual([
      { codebase: "default", sourceDir: "functions", entryFile: "functions/src/index.ts" },
      { codebase: "api", sourceDir: "api", entryFile: "api/index.js" },
    ]);
    const byName = new Map(analysis.functions.map((f) => [`${f.codebase}/${f.name}`, f]));
    expect([...byName.keys()].sort()).toEqual([
      "api/hello",
      "api/purge",
      "api/upload",
      "default/big",
      "default/charge",
      "default/nightly",
      "default/postCreated",
      "default/rooms-audited",
      "default/rooms-changed",
      "default/rooms-deep",
      "default/rooms-gone",
      "default/rooms-other",
    ]);
    expect(byName.get("default/charge")).toEqual({
      name: "charge",
      codebase: "default",
      source: { file: "functions/src/payments.ts", line: 3, column: 23 },
      generation: 2,
      firebaseTrigger: "https.onCall",
      trigger: { kind: "callable" },
      exportPath: ["charge"],
      memoryMb: 1024,
      timeoutMs: 60_000,
      region: "europe-west1",
      secrets: ["STRIPE_KEY"],
    });
    expect(byName.get("default/big")).toMatchObject({ memoryMb: 2048, timeoutMs: 540_000 });
    expect(byName.get("default/postCreated")).toMatchObject({
      firebaseTrigger: "firestore.onDocumentCreated",
      trigger: { kind: "document", event: "create", path: "users/{uid}/posts/{postId}" },
      exportPath: ["postCreated"],
    });
    expect(byName.get("default/rooms-changed")?.trigger).toEqual({
      kind: "document",
      event: "update",
      path: "rooms/{roomId}",
    });
    expect(byName.get("default/rooms-gone")?.trigger).toMatchObject({ event: "delete" });
    expect(byName.get("default/rooms-audited")?.trigger).toMatchObject({ event: "write" });
    expect(byName.get("default/rooms-deep")?.trigger).toBeNull();
    expect(byName.get("default/nightly")).toMatchObject({
      firebaseTrigger: "scheduler.onSchedule",
      trigger: { kind: "schedule", schedule: "30 3 * * *", timeZone: "Europe/Paris" },
    });
    expect(byName.get("api/hello")).toMatchObject({ generation: 2, trigger: { kind: "http" } });
    expect(byName.get("api/upload")).toMatchObject({
      firebaseTrigger: "storage.onObjectFinalized",
      trigger: { kind: "storage", event: "finalize" },
    });
    expect(byName.get("api/purge")?.trigger).toEqual({ kind: "storage", event: "delete" });
  });

  it("judges each function, secret and param", async () => {
    const analysis = await analyze(PROJECT);
    const verdicts = Object.fromEntries(analysis.items.map((i) => [i.name, i.verdict]));
    expect(verdicts).toEqual({
      "functions.charge": "maps",
      "functions.big": "needs-change",
      "functions.postCreated": "maps",
      "functions.rooms-changed": "maps",
      "functions.rooms-gone": "maps",
      "functions.rooms-audited": "maps",
      "functions.rooms-deep": "needs-change",
      "functions.rooms-other": "needs-change",
      "functions.nightly": "maps",
      "functions[api].hello": "maps",
      "functions[api].upload": "maps",
      "functions[api].purge": "needs-change",
      "secrets.STRIPE_KEY": "maps",
      "params.GREETING": "needs-change",
      "params.BATCH_SIZE": "needs-change",
    });
    const detail = (name: string) => analysis.items.find((i) => i.name === name)?.detail ?? "";
    expect(detail("functions.big")).toContain("memory 4GiB is above winky's 2048 MB");
    expect(detail("functions.big")).toContain("timeoutSeconds 3600 is above winky's 540 s");
    expect(detail("functions.rooms-deep")).toContain("{name=**}");
    expect(detail("functions.rooms-other")).toContain('Firestore database "audit"');
    expect(detail("secrets.STRIPE_KEY")).toContain("winky secrets set STRIPE_KEY --scope");
    expect(analysis.secrets).toEqual([
      { name: "STRIPE_KEY", source: { file: "functions/src/config.ts", line: 2, column: 26 } },
    ]);
    expect(analysis.params.map((p) => [p.name, p.kind])).toEqual([
      ["GREETING", "string"],
      ["BATCH_SIZE", "int"],
    ]);
  });
});
