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
  const dir = await mkdtemp(path.join(tmpdir(), "functions-forms-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const model = parseFirebaseJson(`{ "functions": { "codebase": "main" } }`);
  const section = model.sections.find((s) => s.name === "functions");
  return analyzeFunctions(dir, section, "firebase.json");
}

describe("analyzeFunctions: the ways the SDK is imported", () => {
  it("reads a default import of firebase-functions/v1 and runWith secrets given as names", async () => {
    const analysis = await analyze({
      "functions/index.ts": `import functions from "firebase-functions/v1";
import { defineSecret } from "firebase-functions/params";
const apiKey = defineSecret("API_KEY");
const OPTIONS = { secrets: [apiKey], memory: "2GB" } as const;
export const sync = functions.runWith(OPTIONS).https.onRequest((req, res) => {});
export const daily = functions.pubsub.schedule("every 7 minutes").onRun(() => null);
`,
    });
    expect(analysis.functions).toEqual([
      {
        name: "sync",
        codebase: "main",
        source: { file: "functions/index.ts", line: 5, column: 21 },
        generation: 1,
        firebaseTrigger: "https.onRequest",
        trigger: { kind: "http" },
        exportPath: ["sync"],
        memoryMb: 2048,
        secrets: ["API_KEY"],
      },
      {
        name: "daily",
        codebase: "main",
        source: { file: "functions/index.ts", line: 6, column: 22 },
        generation: 1,
        firebaseTrigger: "pubsub.schedule().onRun",
        trigger: null,
        exportPath: ["daily"],
        secrets: [],
      },
    ]);
    const daily = analysis.items.find((i) => i.name === "functions[main].daily");
    expect(daily?.verdict).toBe("needs-change");
    expect(daily?.detail).toContain('"every 7 minutes" has no exact cron equivalent');
    expect(analysis.items.find((i) => i.name === "functions[main].sync")?.verdict).toBe("maps");
  });

  it("reads the package root as 2nd gen from firebase-functions 6, with setGlobalOptions", async () => {
    const analysis = await analyze({
      "functions/package.json": JSON.stringify({
        main: "index.js",
        type: "module",
        dependencies: { "firebase-functions": "^6.0.1" },
      }),
      "functions/index.js": `import * as functions from "firebase-functions";
import { setGlobalOptions } from "firebase-functions/v2";
import { onRequest } from "firebase-functions/https";
setGlobalOptions({ maxInstances: 10, region: "europe-west1", memory: "512MiB" });
export const hello = functions.https.onCall((request) => "hi");
export const page = onRequest({ timeoutSeconds: 30 }, (req, res) => {});
export const legacy = functions.firestore.document("a/{b}").onDelete(() => null);
`,
    });
    const summary = analysis.functions.map((f) => [
      f.name,
      f.generation,
      f.trigger?.kind,
      f.memoryMb,
      f.timeoutMs,
      f.region,
    ]);
    expect(summary).toEqual([
      ["hello", 2, "callable", 512, undefined, "europe-west1"],
      ["page", 2, "http", 512, 30_000, "europe-west1"],
      ["legacy", 1, "document", undefined, undefined, undefined],
    ]);
    const global = analysis.items.find((i) => i.name === "functions.setGlobalOptions");
    expect(global?.verdict).toBe("maps");
    expect(global?.detail).toContain("maxInstances is not needed on winky");
  });

  it("follows export * cycles and element access to functions.config()", async () => {
    const analysis = await analyze({
      "functions/index.js": `export * from "./a.js";
`,
      "functions/a.js": `export * from "./b.js";
import { https } from "firebase-functions/v1";
export const fromA = https.onCall(() => 1);
`,
      "functions/b.js": `export * from "./a.js";
import * as functions from "firebase-functions";
export const fromB = functions.https.onCall(() => functions.config()["mail"].from);
`,
    });
    expect(analysis.functions.map((f) => f.name)).toEqual(["fromA", "fromB"]);
    expect(analysis.configUses.map((c) => c.path)).toEqual(["mail.from"]);
    const config = analysis.items.find((i) => i.name === "functions.config().mail.from");
    expect(config?.detail).toContain("the secret MAIL_FROM");
  });

  it("reads tsc's CommonJS output when only lib/ is there", async () => {
    const analysis = await analyze({
      "functions/package.json": JSON.stringify({ main: "lib/index.js" }),
      "functions/lib/index.js": `"use strict";
var __exportStar = (this && this.__exportStar) || function (m, exports) {};
Object.defineProperty(exports, "__esModule", { value: true });
exports.helloWorld = void 0;
const https_1 = require("firebase-functions/v2/https");
const users_1 = require("./users");
Object.defineProperty(exports, "renamed", { enumerable: true, get: function () { return users_1.onUser; } });
__exportStar(require("./users"), exports);
exports.helloWorld = (0, https_1.onRequest)((request, response) => {});
`,
      "functions/lib/users.js": `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.onUser = void 0;
const firestore_1 = require("firebase-functions/v2/firestore");
exports.onUser = (0, firestore_1.onDocumentCreated)("users/{uid}", async () => {});
`,
    });
    expect(analysis.codebases[0]?.entryFile).toBe("functions/lib/index.js");
    expect(analysis.functions.map((f) => [f.name, f.trigger?.kind, f.source.file])).toEqual([
      ["helloWorld", "http", "functions/lib/index.js"],
      ["renamed", "document", "functions/lib/users.js"],
      ["onUser", "document", "functions/lib/users.js"],
    ]);
  });
});
