import { execFile } from "node:child_process";
import { chown, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describeWithDocker } from "@winky/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { IMAGES_DIR, resolveImages, type ResolvedImages } from "../image-tag.mjs";
import { writeTinyReactApp } from "./tiny-react-app.js";

const exec = promisify(execFile);
const BUILD_SCRIPT = path.join(IMAGES_DIR, "build.mjs");
const APP_DEPS = "/opt/winky/app-deps/node_modules";

function build() {
  return exec(process.execPath, [BUILD_SCRIPT, "--require-engine"], {
    timeout: 900_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function imageId(ref: string): Promise<string> {
  const { stdout } = await exec("docker", ["image", "inspect", "--format", "{{.Id}}", ref]);
  return stdout.trim();
}

/** A workspace dir owned by the sandbox user, as a job gets it. */
async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "winky-builder-test-"));
  dirs.push(dir);
  return dir;
}

async function giveToSandbox(dir: string): Promise<void> {
  await exec("chown", ["-R", "--no-dereference", "10001:10001", dir]);
  await chown(dir, 10001, 10001);
}

const dirs: string[] = [];

describeWithDocker("winky/sandbox-builder, built with no registry", () => {
  let images: ResolvedImages;
  let image = "";

  /** `docker run` hardened as jobs are: no network, read-only root, uid 10001, no caps. */
  async function runIn(dir: string, command: string[]): Promise<string> {
    const { stdout } = await exec(
      "docker",
      [
        "run",
        "--rm",
        "--network",
        "none",
        "--read-only",
        "--tmpfs",
        "/tmp:rw,nosuid,nodev,size=256m",
        "--cap-drop",
        "ALL",
        "--security-opt",
        "no-new-privileges",
        "--env",
        "HOME=/tmp",
        "--volume",
        `${dir}:/workspace`,
        image,
        ...command,
      ],
      { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
    );
    return stdout;
  }

  // Cold: ~200 MB of .debs, dpkg in a container, the app's node_modules staged: 1–2 min.
  beforeAll(async () => {
    await build();
    images = await resolveImages();
    if (!images.builderImage) throw new Error(`no builder image: ${images.builderProblem}`);
    image = images.builderImage;
  }, 900_000);

  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it("loads the app's react as uid 10001, with no network interface but lo", async () => {
    const script =
      `const r = require("module").createRequire("${APP_DEPS}/");` +
      `console.log(JSON.stringify({ react: r("react").version, uid: process.getuid(),` +
      ` net: Object.keys(require("os").networkInterfaces()) }))`;
    const seen = JSON.parse(await runIn(await workspace(), ["node", "-e", script]));
    const react = images.appDeps?.packages.find((p) => p.target === "react")?.version;
    expect(seen).toEqual({ react, uid: 10001, net: ["lo"] });
  });

  describe("with node_modules a symlink to the baked dependencies", () => {
    it("builds a React app with vite's build() and passes vitest with the runner config loader", async () => {
      const dir = await workspace();
      await writeTinyReactApp(dir);
      await symlink(APP_DEPS, path.join(dir, "node_modules"));
      await giveToSandbox(dir);
      const buildScript =
        'import { build } from "vite"; import react from "@vitejs/plugin-react";' +
        'await build({ configFile: false, root: "/workspace", plugins: [react()], logLevel: "warn" });';
      await runIn(dir, ["node", "--input-type=module", "-e", buildScript]);
      const html = await readFile(path.join(dir, "dist/index.html"), "utf8");
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
      expect(await readdir(path.join(dir, "dist/assets"))).toHaveLength(1);

      // The default ("bundle") loader writes node_modules/.vite-temp, which is read-only here.
      const tests = await runIn(dir, [
        "node_modules/.bin/vitest",
        "run",
        "--configLoader",
        "runner",
        "--reporter",
        "json",
      ]);
      expect(JSON.parse(tests)).toMatchObject({ success: true, numPassedTests: 2 });
    });
  });

  describe("with node_modules linked per package by winky-link-app-deps", () => {
    it("typechecks, builds and tests with the app's own config, as a generated app runs", async () => {
      const dir = await workspace();
      await writeTinyReactApp(dir);
      await giveToSandbox(dir);
      const output = await runIn(dir, [
        "sh",
        "-c",
        "winky-link-app-deps && node_modules/.bin/tsc -p . && node_modules/.bin/vite build " +
          "--logLevel warn && node_modules/.bin/vitest run --reporter json",
      ]);
      expect(JSON.parse(output)).toMatchObject({ success: true, numPassedTests: 2 });
      expect(await readdir(path.join(dir, "dist"))).toContain("index.html");
      expect(await readdir(path.join(dir, "node_modules"))).toContain("react");
    });
  });

  it("renders a page in headless Chromium", async () => {
    const dir = await workspace();
    await writeFile(
      path.join(dir, "page.html"),
      '<html><body><h1 id="x">static</h1>' +
        '<script>document.getElementById("x").textContent = "rendered " + (40 + 2)</script>' +
        "</body></html>",
    );
    await giveToSandbox(dir);
    const dom = await runIn(dir, [
      "chromium",
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--dump-dom",
      "file:///workspace/page.html",
    ]);
    expect(dom).toContain('<h1 id="x">rendered 42</h1>');
  });

  it("finds the image up to date on a second run and leaves it as it was", async () => {
    const before = await imageId(image);
    const { stdout } = await build();
    expect(stdout).toContain(`sandbox builder image ${image} is up to date`);
    expect(await imageId(image)).toBe(before);
    expect(await imageId("winky/sandbox-builder:latest")).toBe(before);
  });
});
