import {
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appDepsFingerprint,
  hashBuiltWorkspaces,
  resolveAppDeps,
  TOOLCHAIN,
} from "../builder/app-deps.mjs";
import { stageAppDeps } from "../builder/stage-app-deps.mjs";

let repo: string;

/** Writes `<repo>/<dir>/package.json` (and any extra files). */
async function pkg(dir: string, manifest: object, files: Record<string, string> = {}) {
  const at = path.join(repo, dir);
  await mkdir(at, { recursive: true });
  await writeFile(path.join(at, "package.json"), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(at, name)), { recursive: true });
    await writeFile(path.join(at, name), text);
  }
}

const targets = () => resolveAppDeps(repo).packages.map((p) => `${p.target} ${p.version}`);

beforeEach(async () => {
  repo = await mkdtemp(path.join(tmpdir(), "winky-app-deps-"));
  await pkg("agents/templates", {
    name: "@winky/app-templates",
    dependencies: { "react-dom": "^19" },
    devDependencies: { "@vitejs/plugin-react": "^6" },
  });
  await pkg("node_modules/react-dom", {
    name: "react-dom",
    version: "19.0.0",
    dependencies: { scheduler: "^0.26" },
    peerDependencies: { react: "^19", "@types/react": "^19" },
    peerDependenciesMeta: { "@types/react": { optional: true } },
  });
  await pkg("node_modules/react", { name: "react", version: "19.0.0" });
  await pkg("node_modules/scheduler", { name: "scheduler", version: "0.26.0" });
  await pkg("node_modules/@vitejs/plugin-react", {
    name: "@vitejs/plugin-react",
    version: "6.0.0",
    peerDependencies: { vite: "*" },
  });
  for (const name of TOOLCHAIN) await pkg(`node_modules/${name}`, { name, version: "1.0.0" });
  await pkg("packages/sdk", { name: "@winky/sdk", version: "0.1.0" }, { "src/index.ts": "" });
  await mkdir(path.join(repo, "node_modules/@winky"), { recursive: true });
  await symlink("../../packages/sdk", path.join(repo, "node_modules/@winky/sdk"));
});

afterEach(() => rm(repo, { recursive: true, force: true }));

describe("resolveAppDeps", () => {
  it("takes the template's dependencies, the toolchain and the SDK, with their dependencies and peers", () => {
    expect(targets()).toEqual([
      "@vitejs/plugin-react 6.0.0",
      "@winky/sdk 0.1.0",
      "playwright-core 1.0.0",
      "react 19.0.0",
      "react-dom 19.0.0",
      "scheduler 0.26.0",
      "typescript 1.0.0",
      "vite 1.0.0",
      "vitest 1.0.0",
    ]);
    const sdk = resolveAppDeps(repo).packages.find((p) => p.name === "@winky/sdk");
    expect(sdk).toMatchObject({ workspace: "packages/sdk", dir: path.join(repo, "packages/sdk") });
  });

  it("keeps a nested copy where Node finds it: under the package that needs it", async () => {
    await pkg("node_modules/scheduler", {
      name: "scheduler",
      version: "0.26.0",
      dependencies: { "loose-envify": "^2" },
    });
    await pkg("node_modules/loose-envify", { name: "loose-envify", version: "1.4.0" });
    await pkg("node_modules/scheduler/node_modules/loose-envify", {
      name: "loose-envify",
      version: "2.0.0",
    });
    expect(targets()).toContain("scheduler/node_modules/loose-envify 2.0.0");
    // The hoisted 1.4.0 is nobody's in the closure, so it stays out.
    expect(targets()).not.toContain("loose-envify 1.4.0");
  });

  it("maps the template's own node_modules (what npm could not hoist) to the top", async () => {
    await pkg("agents/templates/node_modules/react-dom", {
      name: "react-dom",
      version: "18.3.1",
      peerDependencies: { react: "^18" },
    });
    expect(targets()).toContain("react-dom 18.3.1");
    expect(targets()).not.toContain("react-dom 19.0.0");
  });

  it("includes optional dependencies that are installed and skips those that are not", async () => {
    await pkg("node_modules/vite", {
      name: "vite",
      version: "8.0.0",
      optionalDependencies: { fsevents: "*", "@rolldown/binding-linux-x64-gnu": "*" },
    });
    await pkg("node_modules/@rolldown/binding-linux-x64-gnu", {
      name: "@rolldown/binding-linux-x64-gnu",
      version: "1.0.0",
    });
    expect(targets()).toContain("@rolldown/binding-linux-x64-gnu 1.0.0");
    expect(targets().some((t) => t.startsWith("fsevents"))).toBe(false);
  });

  it("refuses a missing dependency, naming it and who needs it", async () => {
    await rm(path.join(repo, "node_modules/scheduler"), { recursive: true });
    expect(() => resolveAppDeps(repo)).toThrow(
      /scheduler \(needed by react-dom@19\.0\.0\) is not installed.*npm install/,
    );
  });

  it("refuses a workspace package it does not know how to build", async () => {
    await pkg("packages/other", { name: "@winky/other", version: "0.1.0" });
    await symlink("../../packages/other", path.join(repo, "node_modules/@winky/other"));
    await pkg("agents/templates", {
      name: "@winky/app-templates",
      dependencies: { "@winky/other": "*" },
    });
    expect(() => resolveAppDeps(repo)).toThrow(/@winky\/other links to .*packages\/other/);
  });

  it("links the bins of the app's direct dependencies only, scoped names without the scope", async () => {
    await pkg("node_modules/vite", {
      name: "vite",
      version: "8.0.0",
      bin: { vite: "bin/vite.js" },
    });
    await pkg("node_modules/typescript", {
      name: "typescript",
      version: "5.9.3",
      bin: { tsc: "./bin/tsc", tsserver: "./bin/tsserver" },
    });
    await pkg("node_modules/scheduler", { name: "scheduler", version: "1.0.0", bin: "cli.js" });
    await pkg("node_modules/@vitejs/plugin-react", {
      name: "@vitejs/plugin-react",
      version: "6.0.0",
      bin: "cli.js",
    });
    expect(resolveAppDeps(repo).bins).toEqual([
      { name: "plugin-react", target: "@vitejs/plugin-react/cli.js" },
      { name: "tsc", target: "typescript/bin/tsc" },
      { name: "tsserver", target: "typescript/bin/tsserver" },
      { name: "vite", target: "vite/bin/vite.js" },
    ]);
  });
});

describe("appDepsFingerprint and hashBuiltWorkspaces", () => {
  it("change when a dependency's version changes", async () => {
    const before = appDepsFingerprint(resolveAppDeps(repo));
    await pkg("node_modules/scheduler", { name: "scheduler", version: "0.26.1" });
    const after = appDepsFingerprint(resolveAppDeps(repo));
    expect(after).not.toEqual(before);
    expect(after).toContain("scheduler scheduler@0.26.1");
  });

  it("change with the SDK's sources but not with its tests", async () => {
    const before = hashBuiltWorkspaces(repo);
    await writeFile(path.join(repo, "packages/sdk/src/index.test.ts"), "it()");
    expect(hashBuiltWorkspaces(repo)).toBe(before);
    await writeFile(path.join(repo, "packages/sdk/src/index.ts"), "export const a = 1;");
    expect(hashBuiltWorkspaces(repo)).not.toBe(before);
  });
});

describe("stageAppDeps", () => {
  it("copies each package without its node_modules, nests nested ones, links bins", async () => {
    await pkg(
      "node_modules/scheduler",
      { name: "scheduler", version: "0.26.0", dependencies: { inner: "*" } },
      { "index.js": "module.exports = 1;" },
    );
    await pkg("node_modules/scheduler/node_modules/inner", { name: "inner", version: "2.0.0" });
    await pkg("node_modules/scheduler/node_modules/unused", { name: "unused", version: "1.0.0" });
    await pkg(
      "node_modules/vite",
      { name: "vite", version: "8.0.0", bin: { vite: "bin/vite.js" } },
      { "bin/vite.js": "#!/usr/bin/env node\n" },
    );
    const appDeps = resolveAppDeps(repo);
    appDeps.packages = appDeps.packages.filter((p) => !p.workspace); // tsc: the image test's
    const dest = path.join(repo, "stage");
    await stageAppDeps(appDeps, { repoRoot: repo, dest });

    const modules = path.join(dest, "node_modules");
    expect(await readFile(path.join(modules, "scheduler/index.js"), "utf8")).toContain("1");
    await expect(lstat(path.join(modules, "scheduler/node_modules/inner"))).resolves.toBeTruthy();
    await expect(lstat(path.join(modules, "scheduler/node_modules/unused"))).rejects.toThrow();
    expect(await readlink(path.join(modules, ".bin/vite"))).toBe("../vite/bin/vite.js");
    expect((await lstat(path.join(modules, "vite/bin/vite.js"))).mode & 0o755).toBe(0o755);
    const manifest = JSON.parse(await readFile(path.join(dest, "manifest.json"), "utf8"));
    expect(manifest.packages).toContainEqual({
      name: "inner",
      version: "2.0.0",
      target: "scheduler/node_modules/inner",
    });
  });
});
