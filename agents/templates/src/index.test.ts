import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TEMPLATE_DEPENDENCIES, templateFiles } from "./index.js";

describe("templateFiles", () => {
  const files = templateFiles();

  it("holds the base app, keyed by posix paths and sorted", () => {
    for (const path of [
      "index.html",
      "vite.config.ts",
      "tsconfig.json",
      "src/main.tsx",
      "src/winky.ts",
      "src/auth/sign-up-page.tsx",
      "src/auth/auth-action-page.tsx",
      "src/components/markdown.tsx",
      "src/components/image-upload.tsx",
      "src/test/setup.ts",
    ]) {
      expect(files[path], path).toBeTypeOf("string");
    }
    const paths = Object.keys(files);
    expect(paths).toEqual([...paths].sort());
    expect(paths.every((p) => !p.includes("\\") && !p.startsWith("/"))).toBe(true);
  });

  it("reads the SDK's URL and project from Vite's env", () => {
    expect(files["src/winky.ts"]).toContain("import.meta.env.VITE_WINKY_URL");
    expect(files["src/winky.ts"]).toContain("import.meta.env.VITE_WINKY_PROJECT");
  });

  it("never renders raw HTML from markdown", () => {
    expect(files["src/components/markdown.tsx"]).toContain("skipHtml");
    expect(Object.values(files).join("\n")).not.toContain("dangerouslySetInnerHTML");
  });
});

describe("TEMPLATE_DEPENDENCIES", () => {
  const all = { ...TEMPLATE_DEPENDENCIES.dependencies, ...TEMPLATE_DEPENDENCIES.devDependencies };

  it("pins exact versions", () => {
    for (const [name, version] of Object.entries(all)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(TEMPLATE_DEPENDENCIES.dependencies.react).toBeDefined();
    expect(TEMPLATE_DEPENDENCIES.dependencies["@winky/sdk"]).toBeDefined();
    expect(TEMPLATE_DEPENDENCIES.devDependencies.vite).toBeDefined();
  });

  it("pins the versions installed in the workspace, so a generated app builds offline", () => {
    for (const [name, version] of Object.entries(all)) {
      expect(installedVersion(name), name).toBe(version);
    }
  });
});

/** The version of `name` Node would load from this package, by the node_modules walk. */
function installedVersion(name: string): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "node_modules", name, "package.json");
    if (existsSync(manifest)) {
      return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
