import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFirebaseJson } from "../firebase-json.js";
import type { ReportItem } from "../report.js";
import { analyzeFunctions } from "./analyze.js";
import type { FunctionsAnalysis } from "./types.js";

const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

async function analyze(files: Record<string, string>): Promise<FunctionsAnalysis> {
  const dir = await mkdtemp(path.join(tmpdir(), "functions-problems-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const model = parseFirebaseJson(files["firebase.json"] ?? `{ "functions": {} }`);
  const section = model.sections.find((s) => s.name === "functions");
  return analyzeFunctions(dir, section, "firebase.json");
}

function item(items: readonly ReportItem[], name: string): ReportItem {
  const found = items.find((i) => i.name === name);
  if (!found) throw new Error(`no item ${name} in ${items.map((i) => i.name).join(", ")}`);
  return found;
}

describe("analyzeFunctions: triggers winky does not have", () => {
  it("reports 1st and 2nd gen unsupported triggers with an alternative", async () => {
    const analysis = await analyze({
      "functions/index.js": `const functions = require("firebase-functions");
const { beforeUserCreated, beforeUserSignedIn } = require("firebase-functions/v2/identity");
const { onMessagePublished } = require("firebase-functions/v2/pubsub");
const { onValueCreated } = require("firebase-functions/v2/database");
const { onTaskDispatched } = require("firebase-functions/v2/tasks");
const { onConfigUpdated } = require("firebase-functions/v2/remoteConfig");
const { onCustomEventPublished } = require("firebase-functions/v2/eventarc");
const { onNewFatalIssuePublished } = require("firebase-functions/v2/alerts/crashlytics");
const { onObjectArchived } = require("firebase-functions/v2/storage");
exports.topic = functions.pubsub.topic("t").onPublish(() => null);
exports.rtdb = functions.database.ref("/a/{b}").onWrite(() => null);
exports.logged = functions.analytics.event("purchase").onLog(() => null);
exports.rc = functions.remoteConfig.onUpdate(() => null);
exports.lab = functions.testLab.testMatrix().onComplete(() => null);
exports.queue = functions.tasks.taskQueue().onDispatch(() => null);
exports.blockV1 = functions.auth.user().beforeCreate(() => null);
exports.blocking = beforeUserCreated(() => null);
exports.signIn = beforeUserSignedIn(() => null);
exports.message = onMessagePublished("topic", () => null);
exports.value = onValueCreated("/a/{b}", () => null);
exports.task = onTaskDispatched(() => null);
exports.config = onConfigUpdated(() => null);
exports.custom = onCustomEventPublished("my.event", () => null);
exports.alert = onNewFatalIssuePublished(() => null);
exports.archived = onObjectArchived(() => null);
`,
    });
    const names = [
      "topic",
      "rtdb",
      "logged",
      "rc",
      "lab",
      "queue",
      "blockV1",
      "blocking",
      "signIn",
      "message",
      "value",
      "task",
      "config",
      "custom",
      "alert",
      "archived",
    ];
    expect(analysis.functions.map((f) => f.name)).toEqual(names);
    expect(analysis.functions.every((f) => f.trigger === null)).toBe(true);
    for (const name of names) {
      const found = item(analysis.items, `functions.${name}`);
      expect(found.verdict).toBe("unsupported");
      expect(found.alternative).toBeTruthy();
    }
    expect(analysis.functions.find((f) => f.name === "topic")?.firebaseTrigger).toBe(
      "pubsub.topic().onPublish",
    );
    expect(item(analysis.items, "functions.blocking").alternative).toContain("auth create trigger");
    expect(item(analysis.items, "functions.message").alternative).toContain("queue collection");
  });
});

describe("analyzeFunctions: what cannot be read", () => {
  it("reports functions.config() reads as secrets to create", async () => {
    const analysis = await analyze({
      "functions/index.js": `const functions = require("firebase-functions");
const key = functions.config().stripe.key;
exports.pay = functions.https.onCall(() => key);
`,
    });
    expect(analysis.configUses).toEqual([
      { path: "stripe.key", source: { file: "functions/index.js", line: 2, column: 13 } },
    ]);
    const found = item(analysis.items, "functions.config().stripe.key");
    expect(found.verdict).toBe("needs-change");
    expect(found.detail).toBe(
      "functions/index.js:2:13: functions.config() is gone (also deprecated by Firebase): store stripe.key as the secret STRIPE_KEY and read process.env.STRIPE_KEY",
    );
  });

  it("reports a syntax error at its line:column and reads the other files", async () => {
    const analysis = await analyze({
      "functions/index.js": `const functions = require("firebase-functions");
exports.ok = functions.https.onCall(() => 1);
exports.broken = require("./broken");
`,
      "functions/broken.js": `const functions = require("firebase-functions");
exports.f = functions.https.onCall(() => {
  return (1 + ;
});
`,
    });
    expect(analysis.functions.map((f) => f.name)).toContain("ok");
    const syntax = item(analysis.items, "functions/broken.js");
    expect(syntax.verdict).toBe("not-understood");
    expect(syntax.source).toEqual({ file: "functions/broken.js", line: 3, column: 15 });
    expect(syntax.detail).toMatch(/^functions\/broken\.js:3:15: Expression expected/);
    expect(analysis.unreadable).toEqual([syntax]);
  });

  it("reports a missing functions folder at the firebase.json line of `source`", async () => {
    const analysis = await analyze({
      "firebase.json": `{
  "hosting": {},
  "functions": {
    "source": "backend"
  }
}`,
    });
    expect(analysis.codebases).toEqual([
      { codebase: "default", sourceDir: "backend", entryFile: null },
    ]);
    expect(analysis.items).toHaveLength(1);
    expect(analysis.items[0]).toMatchObject({
      name: "functions.source",
      verdict: "needs-change",
      source: { file: "firebase.json", line: 4 },
    });
    expect(analysis.items[0]?.detail).toContain("the functions folder backend does not exist");
  });

  it("reports a folder without an entry module", async () => {
    const analysis = await analyze({
      "functions/package.json": JSON.stringify({ main: "lib/main.js" }),
      "functions/README.md": "no code",
    });
    expect(analysis.items).toHaveLength(1);
    expect(analysis.items[0]).toMatchObject({ verdict: "needs-change", name: "functions.source" });
    expect(analysis.items[0]?.detail).toContain("(package.json main: lib/main.js)");
  });

  it("reports exports made by helpers, unknown SDK calls and missing imports", async () => {
    const analysis = await analyze({
      "functions/index.js": `const functions = require("firebase-functions");
const admin = require("firebase-admin");
function makeTrigger(path) {
  return functions.firestore.document(path).onCreate(() => null);
}
exports.app = admin.initializeApp();
exports.LIMIT = 10;
exports.helper = () => 1;
exports.made = makeTrigger("a/{b}");
exports.future = functions.https.onSomethingNew(() => null);
exports.lost = require("./lost").lost;
exports.self = require("./index");
`,
    });
    expect(analysis.functions).toEqual([]);
    const verdicts = Object.fromEntries(analysis.items.map((i) => [i.name, i.verdict]));
    expect(verdicts).toEqual({
      "functions/index.js → ./lost": "not-understood",
      "functions.made": "not-understood",
      "functions.future": "not-understood",
      "functions.lost": "not-understood",
    });
    const made = item(analysis.items, "functions.made");
    expect(made.source).toEqual({ file: "functions/index.js", line: 9, column: 16 });
    expect(made.detail).toContain("functions/index.js:9:16: made by calling makeTrigger");
    expect(item(analysis.items, "functions.future").detail).toContain("https.onSomethingNew");
  });

  it("returns nothing for a project without a functions section", async () => {
    const analysis = await analyze({ "firebase.json": `{ "hosting": {} }` });
    expect(analysis).toEqual({
      codebases: [],
      functions: [],
      secrets: [],
      params: [],
      configUses: [],
      items: [],
      unreadable: [],
    });
  });
});

describe("analyzeFunctions: an entry that is one value", () => {
  it("reports module.exports = trigger in the entry as not understood", async () => {
    const analysis = await analyze({
      "functions/index.js": `const { onRequest } = require("firebase-functions/v2/https");
module.exports = onRequest((req, res) => res.end());
`,
    });
    expect(analysis.functions).toEqual([]);
    expect(analysis.items.map((i) => [i.name, i.verdict, i.source.line])).toEqual([
      ["functions.module.exports", "not-understood", 2],
    ]);
  });
});
