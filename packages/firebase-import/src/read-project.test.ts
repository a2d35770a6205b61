import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFirebaseProject } from "./read-project.js";
import { renderMarkdown, toJson, type ReportItem } from "./report.js";

const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "firebase-import-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

function find(items: readonly ReportItem[], name: string): ReportItem {
  const item = items.find((i) => i.name === name);
  if (!item) throw new Error(`no item ${name} in ${items.map((i) => i.name).join(", ")}`);
  return item;
}

describe("readFirebaseProject", () => {
  it("reports a folder with no firebase.json as one clear item", async () => {
    const dir = await project({ "README.md": "hi" });
    const { report, model } = await readFirebaseProject(dir);
    expect(model).toBeNull();
    expect(report.items).toHaveLength(1);
    expect(report.items[0]).toMatchObject({
      area: "project",
      verdict: "not-understood",
      source: { file: "firebase.json", line: 1 },
    });
    expect(report.items[0]?.detail).toContain(`no firebase.json in ${dir}`);
    expect(report.score).toBe(0);
  });

  it("reports a folder that does not exist instead of throwing", async () => {
    const { report } = await readFirebaseProject(
      path.join(tmpdir(), "no-such-firebase-project-dir"),
    );
    expect(report.items[0]?.detail).toMatch(/no firebase\.json in .*no-such-firebase-project-dir/);
  });

  it("names file:line:column for malformed firebase.json", async () => {
    const dir = await project({
      "firebase.json": '{\n  "hosting": {\n    "public": "dist"\n    "ignore": []\n  }\n}',
    });
    const { report, model } = await readFirebaseProject(dir);
    expect(model).toBeNull();
    expect(report.items[0]?.source).toEqual({ file: "firebase.json", line: 4, column: 5 });
    expect(report.items[0]?.detail).toBe(
      "malformed JSON: firebase.json:4:5: expected ',' or '}' after a property but found '\"'",
    );
  });

  it("reads the legacy layout: top-level hosting keys, project name and database rules", async () => {
    const dir = await project({
      "firebase.json": JSON.stringify(
        {
          firebase: "oldapp",
          public: "app",
          rules: "rules.json",
          cleanUrls: true,
          redirects: [{ source: "/a", destination: "/b", type: 301 }],
        },
        null,
        2,
      ),
    });
    const { report, model } = await readFirebaseProject(dir);
    expect(model?.sections.map((s) => [s.name, s.layout])).toEqual([
      ["database", "legacy"],
      ["hosting", "legacy"],
    ]);
    expect(report.project).toBe("oldapp");
    expect(find(report.items, "firebase")).toMatchObject({ verdict: "maps", source: { line: 2 } });
    expect(find(report.items, "public")).toMatchObject({
      area: "hosting",
      verdict: "maps",
      source: { line: 3 },
    });
    expect(find(report.items, "rules")).toMatchObject({ area: "database", verdict: "unsupported" });
    expect(find(report.items, "rules").alternative).toContain("documents with realtime listeners");
    expect(find(report.items, "cleanUrls").verdict).toBe("maps");
    expect(find(report.items, "redirects[0]").verdict).toBe("unsupported");
    expect(report.nextCommands).toContain(`winky emulators:start --project oldapp`);
  });

  it("keeps hosting targets and function codebases apart, and checks the files they name", async () => {
    const dir = await project({
      "firebase.json": JSON.stringify(
        {
          hosting: [
            {
              target: "app",
              public: "build",
              rewrites: [
                { source: "**", destination: "/index.html" },
                { source: "/api/**", function: { functionId: "api" } },
              ],
            },
            {
              target: "docs",
              public: "docs",
              headers: [
                {
                  source: "**/*.@(js|css)",
                  headers: [{ key: "Cache-Control", value: "max-age=60" }],
                },
              ],
            },
          ],
          functions: [
            { source: "ts", codebase: "main", runtime: "nodejs20" },
            { source: "py", codebase: "ml", runtime: "python312" },
          ],
          firestore: { rules: "firestore.rules", indexes: "firestore.indexes.json" },
          storage: { rules: "storage.rules" },
        },
        null,
        2,
      ),
      "firestore.rules":
        "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    allow read: if ;\n  }\n}\n",
      "firestore.indexes.json":
        '{ "indexes": [ { "collectionGroup": "a", "fields": [ {"fieldPath": "x", "order": "ASCENDING"}, {"fieldPath": "y", "order": "DESCENDING"} ] } ],\n  "fieldOverrides": [ { "collectionGroup": "a", "fieldPath": "exp", "ttl": true, "indexes": [] } ] }',
    });
    const { report } = await readFirebaseProject(dir, { project: "demo" });
    expect(find(report.items, "hosting")).toMatchObject({ verdict: "needs-change" });
    expect(find(report.items, "hosting[app].rewrites[0]").verdict).toBe("maps");
    expect(find(report.items, "hosting[app].rewrites[1]").detail).toContain(
      "/v1/projects/<project>/http/api",
    );
    expect(find(report.items, "hosting[docs].headers[0]").detail).toContain("**/*.{js,css}");
    expect(find(report.items, "functions[main].runtime").verdict).toBe("maps");
    expect(find(report.items, "functions[ml].runtime").verdict).toBe("unsupported");
    // The rules file has a syntax error on line 4: a condition is missing after `if`.
    const rules = find(report.items, "rules file firestore.rules");
    expect(rules.verdict).toBe("needs-change");
    expect(rules.source.file).toBe("firestore.rules");
    expect(rules.source.line).toBe(4);
    expect(rules.detail).toMatch(/firestore\.rules:4:\d+: /);
    expect(find(report.items, "rules file storage.rules")).toMatchObject({
      verdict: "needs-change",
      source: { file: "firebase.json" },
    });
    expect(find(report.items, "rules file storage.rules").detail).toContain("is missing");
    expect(find(report.items, "indexes[0] a: x ASCENDING, y DESCENDING").verdict).toBe("maps");
    expect(find(report.items, "fieldOverrides[0] a.exp")).toMatchObject({
      verdict: "unsupported",
      source: { file: "firestore.indexes.json", line: 2 },
    });
    expect(report.nextCommands[0]).toBe(
      `winky rules check ${path.join(dir, "firestore.rules")} ${path.join(dir, "storage.rules")}`,
    );
  });

  it("lists unknown sections and duplicate keys instead of dropping them", async () => {
    const dir = await project({
      "firebase.json":
        '{\n  "rulesFile": "x.json",\n  "hosting": {"public": "a", "public": "b", "fancy": 1}\n}',
    });
    const { report } = await readFirebaseProject(dir);
    expect(find(report.items, "rulesFile")).toMatchObject({
      verdict: "not-understood",
      source: { line: 2 },
    });
    expect(find(report.items, "hosting.public")).toMatchObject({
      area: "project",
      verdict: "needs-change",
    });
    expect(
      report.items
        .filter((i) => i.name === "hosting.public" && i.area === "hosting")
        .map((i) => i.detail),
    ).toEqual(["the folder b is uploaded as the site's files"]);
    expect(find(report.items, "hosting.public").detail).toContain("given twice (at 3:15 and 3:30)");
    expect(find(report.items, "hosting.fancy").verdict).toBe("not-understood");
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("## Not understood (2)");
    expect(markdown).toContain("`firebase.json:2` **rulesFile** (project)");
    expect(JSON.parse(toJson(report))).toEqual(report);
  });
});
