import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApp } from "../src/index.js";
import { FIXTURES, loadFixture } from "./fixtures.js";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = path.join(REPO, "node_modules", ".bin");
const SDK = path.join(REPO, "packages", "sdk");

/**
 * The child's environment: this process's without vitest's markers and NODE_ENV (the app runs
 * vitest itself, and vite and vitest each set NODE_ENV for their mode).
 */
function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS" && k !== "NODE_ENV",
    ),
  );
  return { ...env, CI: "true", NO_COLOR: "1" };
}

async function exec(
  cwd: string,
  bin: string,
  args: string[],
): Promise<{ output: string; ms: number }> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await run(path.join(BIN, bin), args, {
      cwd,
      env: childEnv(),
      maxBuffer: 32 * 1024 * 1024,
    });
    return { output: `${stdout}${stderr}`, ms: Math.round(performance.now() - started) };
  } catch (e) {
    const { stdout = "", stderr = "" } = e as { stdout?: string; stderr?: string };
    throw new Error(`${bin} ${args.join(" ")} failed in ${cwd}:\n${stdout}${stderr}`, { cause: e });
  }
}

/** The newest modification time under `dir`, tests aside. */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return Math.max(latest, newest(full));
    return entry.name.endsWith(".test.ts") ? latest : Math.max(latest, statSync(full).mtimeMs);
  }, 0);
}

/**
 * Generated apps import `@winky/sdk`, whose `default` export is `dist/`: build it when it is
 * missing, or older than its sources (a stale build lacks exports the app uses).
 */
async function ensureSdkBuilt(): Promise<void> {
  const entry = path.join(SDK, "dist", "index.js");
  if (existsSync(entry) && statSync(entry).mtimeMs >= newest(path.join(SDK, "src"))) return;
  await exec(REPO, "tsc", ["-p", path.join(SDK, "tsconfig.build.json")]);
}

/**
 * The app's node_modules: the workspace's, linked entry by entry, with those npm nested under
 * `agents/templates/node_modules` in front (a version the root could not hold, e.g. the jsdom
 * the templates pin): what `@winky/app-templates` itself resolves, as the build sandbox bakes it.
 */
async function linkNodeModules(target: string): Promise<void> {
  const layers = [
    path.join(REPO, "node_modules"),
    path.join(REPO, "agents", "templates", "node_modules"),
  ];
  const entries = new Map<string, string>();
  for (const layer of layers.filter(existsSync)) {
    for (const name of await readdir(layer)) {
      if (!name.startsWith("@")) {
        entries.set(name, path.join(layer, name));
        continue;
      }
      for (const scoped of await readdir(path.join(layer, name))) {
        entries.set(`${name}/${scoped}`, path.join(layer, name, scoped));
      }
    }
  }
  for (const [name, source] of entries) {
    await mkdir(path.dirname(path.join(target, name)), { recursive: true });
    await symlink(source, path.join(target, name));
  }
}

const timings: string[] = [];

beforeAll(ensureSdkBuilt, 300_000);
afterAll(() => {
  if (timings.length > 0) console.log(`generated apps:\n${timings.join("\n")}`);
});

describe.each(FIXTURES)("the app generated for the %s plan", (name) => {
  let dir = "";

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), `winky-coder-${name}-`));
    const { files } = generateApp(loadFixture(name));
    for (const [relative, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
      await writeFile(path.join(dir, relative), text);
    }
    await linkNodeModules(path.join(dir, "node_modules"));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("type-checks (app, and config, functions and smoke spec)", async () => {
    const app = await exec(dir, "tsc", ["--noEmit", "-p", "tsconfig.json"]);
    const node = await exec(dir, "tsc", ["--noEmit", "-p", "tsconfig.node.json"]);
    timings.push(`  ${name}: tsc ${app.ms + node.ms} ms`);
  }, 180_000);

  it("builds with vite into dist/", async () => {
    const { ms } = await exec(dir, "vite", ["build", "--logLevel", "warn"]);
    timings.push(`  ${name}: vite build ${ms} ms`);
    expect(existsSync(path.join(dir, "dist", "index.html"))).toBe(true);
    const assets = await readdir(path.join(dir, "dist", "assets"));
    expect(assets.some((f) => f.endsWith(".js"))).toBe(true);
  }, 180_000);

  it("passes its own unit tests", async () => {
    const { output, ms } = await exec(dir, "vitest", ["run"]);
    timings.push(`  ${name}: vitest run ${ms} ms`);
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output).not.toMatch(/failed/);
  }, 180_000);
});
