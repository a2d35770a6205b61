import { describe, expect, it } from "vitest";
import { FIXTURES, loadFixture } from "../test/fixtures.js";
import { generateApp, plannedFiles } from "./index.js";

describe.each(FIXTURES)("generateApp for the %s plan", (name) => {
  const plan = loadFixture(name);
  const { files } = generateApp(plan);

  it("gives identical files for the same plan", () => {
    expect(generateApp(structuredClone(plan)).files).toEqual(files);
  });

  it("writes exactly the files plannedFiles lists, sorted", () => {
    expect(Object.keys(files)).toEqual(plannedFiles(plan));
  });

  it("has a model, tests, data access and screens for every model", () => {
    for (const model of plan.models) {
      const file = model.name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
      expect(files[`src/models/${file}.ts`], model.name).toContain(
        `export interface ${model.name} {`,
      );
      expect(files[`src/models/${file}.test.ts`], model.name).toContain(`validate${model.name}`);
      expect(files[`src/data/${file}.ts`], model.name).toContain(`ListQuery(`);
      const screens = Object.keys(files).filter(
        (p) => p.startsWith("src/screens/") && p.includes(`/${file}-`),
      );
      expect(
        screens.some((p) => p.endsWith(`${file}-list.tsx`)),
        model.name,
      ).toBe(true);
      expect(
        screens.some((p) => p.endsWith(`${file}-detail.tsx`)),
        model.name,
      ).toBe(true);
    }
  });

  it("routes every plan screen it generates under the plan's own path", () => {
    const routes = files["src/routes.tsx"]!;
    for (const screen of plan.screens.filter(
      (s) => s.model && s.kind !== "create" && s.kind !== "edit",
    )) {
      expect(routes, screen.route).toContain(`path: ${JSON.stringify(screen.route)}`);
    }
  });

  it("describes what to deploy in winky.json", () => {
    const config = JSON.parse(files["winky.json"]!) as Record<string, unknown>;
    expect(Object.keys(config)).toEqual(["project", "rules", "indexes", "functions", "hosting"]);
    expect(config.project).toBe(plan.appName);
    expect(config.rules).toEqual({ firestore: "firestore.rules", storage: "storage.rules" });
    expect(config.hosting).toEqual({ public: "dist", spa: true });
    const functions = config.functions as Array<{
      name: string;
      source: string;
      trigger: { kind: string };
    }>;
    expect(functions.map((f) => f.name)).toEqual(plan.functions.map((f) => f.name));
    for (const fn of functions) {
      expect(files[fn.source], fn.source).toContain("export default async function");
      expect(["callable", "document", "auth", "schedule"]).toContain(fn.trigger.kind);
    }
    for (const path of [config.indexes as string, "firestore.rules", "storage.rules"]) {
      expect(files[path], path).toBeDefined();
    }
  });

  it("pins exact dependency versions and the scripts the sandbox runs", () => {
    const manifest = JSON.parse(files["package.json"]!) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(manifest.scripts).toMatchObject({
      dev: "vite",
      build: expect.stringMatching(/tsc --noEmit .*&& vite build$/),
      test: "vitest run",
      smoke: "playwright test",
    });
    for (const version of Object.values({
      ...manifest.dependencies,
      ...manifest.devDependencies,
    })) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(manifest.dependencies["@winky/sdk"]).toBeDefined();
  });

  it("holds nothing shaped like a secret", () => {
    const secretShaped = [
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /\bAKIA[0-9A-Z]{16}\b/,
      /\bsk_(live|test)_[0-9a-zA-Z]{16,}/,
      /\bgh[pousr]_[0-9A-Za-z]{30,}/,
      /\bxox[abp]-[0-9A-Za-z-]{10,}/,
      /\beyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}\./, // a JWT
      /\bwk_[0-9A-Za-z_-]{20,}/, // a service key
      /(api[_-]?key|secret|password)\s*[:=]\s*["'][^"'\s]{12,}["']/i,
    ];
    for (const [path, text] of Object.entries(files)) {
      for (const pattern of secretShaped) expect(text, `${path} ${pattern}`).not.toMatch(pattern);
    }
    expect(files[".gitignore"]).toContain(".env.local");
  });

  it("escapes the plan's title in index.html", () => {
    const html = generateApp({ ...plan, title: `<script>alert("x")</script>` }).files[
      "index.html"
    ]!;
    expect(html).toContain("<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>");
    expect(html).not.toContain("__APP_TITLE__");
  });

  it("talks to the runtime only through @winky/sdk", () => {
    for (const [path, text] of Object.entries(files)) {
      if (!path.startsWith("src/")) continue;
      expect(text, path).not.toMatch(/\bfetch\(|XMLHttpRequest|new WebSocket/);
    }
  });
});

describe("generateApp options", () => {
  it("uses the given project instead of the plan's app name", () => {
    const { files } = generateApp(loadFixture("notes"), { project: "notes-dev" });
    expect(JSON.parse(files["winky.json"]!).project).toBe("notes-dev");
    expect(files["src/app-config.ts"]).toContain(`project: "notes-dev"`);
    expect(files[".env.example"]).toContain("VITE_WINKY_PROJECT=notes-dev");
  });
});
