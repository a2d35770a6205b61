import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFirebaseJson } from "../firebase-json.js";
import { analyzeFunctions } from "../functions/index.js";
import { prepareFunctionDeploys } from "./function-deploys.js";

const INDEX = `import { onCall, onRequest } from "firebase-functions/v2/https";
import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { onMessagePublished } from "firebase-functions/v2/pubsub";

export const hello = onCall({ memory: "512MiB", timeoutSeconds: 30 }, (request) => ({ hi: request.data }));
export const admin = onRequest({ invoker: "private" }, (req, res) => { res.send("secret"); });
export const noted = onDocumentCreated("notes/{id}", () => undefined);
export const topic = onMessagePublished("jobs", () => undefined);
`;

describe("prepareFunctionDeploys", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-function-deploys-"));
    await mkdir(path.join(dir, "functions"), { recursive: true });
    await writeFile(path.join(dir, "functions", "index.ts"), INDEX);
    await writeFile(path.join(dir, "functions", "package.json"), '{ "main": "index.ts" }');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("without bundling, still blocks the private function and prepares no deploy", async () => {
    const model = parseFirebaseJson('{ "functions": { "source": "functions" } }');
    const section = model.sections.find((s) => s.name === "functions");
    const analysis = await analyzeFunctions(dir, section, "firebase.json");
    const { deploys, blockers } = await prepareFunctionDeploys(dir, analysis, { bundle: false });
    expect(deploys).toEqual([]);
    expect(blockers.map((b) => b.name)).toEqual(["functions.admin"]);
  });

  it("bundles what maps, and blocks a private function and one that cannot be bundled", async () => {
    const model = parseFirebaseJson('{ "functions": { "source": "functions" } }');
    const section = model.sections.find((s) => s.name === "functions");
    const analysis = await analyzeFunctions(dir, section, "firebase.json");
    const { deploys, blockers } = await prepareFunctionDeploys(dir, analysis);

    expect(deploys.map((d) => [d.name, d.trigger, d.memoryMb, d.timeoutMs])).toEqual([
      ["hello", { kind: "callable" }, 512, 30_000],
      ["noted", { kind: "document", event: "create", path: "notes/{id}" }, undefined, undefined],
    ]);
    // One self-contained module: the compatibility layer inside, no package imports left.
    expect(deploys[0]!.source).toMatch(/export\s*\{[^}]*as default/);
    expect(deploys[0]!.source).not.toMatch(/from\s+"firebase-functions/);
    // A private function would be public here: it blocks until its author decides.
    expect(blockers.map((b) => [b.name, b.detail])).toEqual([
      ["functions.admin", expect.stringMatching(/^admin is not deployed as it is: invoker: /)],
    ]);
    // The Pub/Sub function has no trigger here: reported by the analyzer, not deployed, and
    // its module (imported by the same index.ts) does not keep the others from bundling.
    expect(deploys.some((d) => d.name === "topic")).toBe(false);
  });

  it("blocks on a dependency that is not installed, naming the import", async () => {
    const other = path.join(dir, "other");
    await mkdir(path.join(other, "functions"), { recursive: true });
    await writeFile(
      path.join(other, "functions", "index.js"),
      'const functions = require("firebase-functions");\nconst pad = require("left-pad");\nexports.f = functions.https.onCall(() => pad("x", 3));\n',
    );
    const model = parseFirebaseJson('{ "functions": { "source": "functions" } }');
    const section = model.sections.find((s) => s.name === "functions");
    const analysis = await analyzeFunctions(other, section, "firebase.json");
    const { deploys, blockers } = await prepareFunctionDeploys(other, analysis);
    expect(deploys).toEqual([]);
    expect(blockers).toEqual([
      expect.objectContaining({
        name: "functions.f",
        source: { file: "functions/index.js", line: 2, column: expect.any(Number) },
        detail: expect.stringMatching(
          /cannot import "left-pad".*install the functions' dependencies first/,
        ),
      }),
    ]);
  });
});
