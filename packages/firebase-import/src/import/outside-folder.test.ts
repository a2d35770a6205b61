// A project folder from elsewhere (one sent to the orchestrator for its report) must never
// make the importer read this machine's other files: every path firebase.json, package.json
// or the functions code names is kept inside the project folder, and the report says so.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundleFirebaseFunction, FirebaseBundleError } from "@winky/firebase-compat";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectFirebaseProject } from "./inspect-project.js";

const SECRET = "s3cr3t-token-outside-the-folder";

describe("paths leading out of the project folder", () => {
  let root: string;
  let project: string;
  const write = async (rel: string, text: string) => {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "winky-outside-"));
    project = path.join(root, "project");
    // Beside the project: what its firebase.json and code point at.
    await write("outside.rules", `rules_version = '2'; // ${SECRET}\nservice cloud.firestore {}`);
    await write("outside.json", JSON.stringify({ indexes: [], [SECRET]: SECRET }));
    await write("fns/package.json", "{}");
    await write("fns/index.js", `exports.x = "${SECRET}";`);
    await write("helper.js", `module.exports = "${SECRET}";`);
    // Beside the folder, named like it: what ".." would find as "<folder>.js".
    await write("project.js", `module.exports = "${SECRET}";`);
    await write(
      "project/firebase.json",
      JSON.stringify({
        firestore: { rules: "../outside.rules", indexes: path.join(root, "outside.json") },
        storage: { rules: "/etc/hostname" },
        functions: [
          { source: "../fns", codebase: "away" },
          { source: "functions", codebase: "home" },
        ],
        hosting: { public: "../" },
      }),
    );
    await write("project/functions/package.json", JSON.stringify({ main: "index.js" }));
    await write(
      "project/functions/index.js",
      `const functions = require("firebase-functions");
const helper = require("../../helper.js");
const beside = require("..");
exports.hi = functions.https.onCall(() => helper);
exports.up = functions.https.onCall(() => beside);`,
    );
    // An installed package whose main leads out of the folder.
    await write(
      "project/functions/node_modules/evil/package.json",
      JSON.stringify({ name: "evil", main: "../../../../helper.js" }),
    );
    await write(
      "project/functions/pkg.js",
      `const functions = require("firebase-functions");
const evil = require("evil");
exports.pkg = functions.https.onCall(() => evil);`,
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("reads none of them: each is a report item naming it, and the import is blocked", async () => {
    const source = await inspectFirebaseProject(project);
    const report = JSON.stringify(source.report);
    expect(report).not.toContain(SECRET);
    const outside = source.report.items.filter((i) => /outside the project folder/.test(i.detail));
    // ".." is the folder itself: <folder>.js beside it is not one of its files.
    const up = source.report.items.find((i) => i.name === "functions/index.js → ..");
    expect(up?.detail).toMatch(/imports \.\., which is not in the project/);
    expect(outside.map((i) => i.name).sort()).toEqual([
      "functions.hi", // its bundle would take the helper in: refused
      "functions.up", // its bundle would take <folder>.js in: refused
      "functions/index.js → ../../helper.js",
      "functions[away].source",
      "hosting.public",
      "indexes file " + path.join(root, "outside.json"),
      "rules file ../outside.rules",
      "rules file /etc/hostname",
    ]);
    const blocked = source.blockers.map((b) => b.detail).join("\n");
    expect(blocked).toContain("../outside.rules, named here, is outside the project folder");
    expect(blocked).toContain("/etc/hostname, named here, is outside the project folder");
    expect(JSON.stringify(source.functionDeploys)).not.toContain(SECRET);
  });

  it("does not read a package whose main leads out of the folder", async () => {
    const bundle = bundleFirebaseFunction({
      sourceDir: path.join(project, "functions"),
      rootDir: project,
      entryFile: "pkg.js",
      exportPath: ["pkg"],
      kind: "callable",
    });
    await expect(bundle).rejects.toThrow(
      /helper\.js is outside the project folder: it is not bundled/,
    );
  });

  it("does not bundle a module from outside the project folder", async () => {
    const bundle = bundleFirebaseFunction({
      sourceDir: path.join(project, "functions"),
      rootDir: project,
      entryFile: "index.js",
      exportPath: ["hi"],
      kind: "callable",
    });
    await expect(bundle).rejects.toBeInstanceOf(FirebaseBundleError);
    await expect(bundle).rejects.toThrow(
      /cannot import "\.\.\/\.\.\/helper\.js": it is outside the project folder/,
    );
  });
});
