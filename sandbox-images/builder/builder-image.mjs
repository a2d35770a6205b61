// The builder image proper: builder/Dockerfile on top of the browser image, from a build
// context staged here (the app's node_modules and the link script). Checked before it gets any
// tag, like the base image, so a broken build never replaces a working :latest.
import { chmod, copyFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeTempDir, removeTempDir } from "../lib/cache.mjs";
import { buildImage, removeImage, runInImage, tagImage } from "../lib/docker.mjs";
import { stageAppDeps } from "./stage-app-deps.mjs";

const SANDBOX_UID = 10001;
const HERE = path.dirname(fileURLToPath(import.meta.url));

// Resolves the app's packages as an app would (from /opt/winky/app-deps), and asks Chromium
// for its version, as uid 10001 with no network.
const CHECK = `
const { createRequire } = require("node:module");
const { execFileSync } = require("node:child_process");
const appRequire = createRequire("/opt/winky/app-deps/package.json");
const version = (name) => appRequire(name + "/package.json").version;
console.log(JSON.stringify({
  uid: process.getuid(),
  react: appRequire("react").version,
  vite: version("vite"),
  chromium: execFileSync("chromium", ["--version"], { encoding: "utf8" }).trim(),
}));
`;

/**
 * Stages `appDeps` and builds the Dockerfile FROM `baseImage`; checks that react and vite load
 * and chromium runs as the sandbox user with no network, then tags the image `refs`.
 */
export async function buildCheckedBuilderImage({
  appDeps,
  repoRoot,
  baseImage,
  refs,
  labels,
  workParent,
  verbose,
  report,
}) {
  const work = await makeTempDir(workParent, "tmp-builder-");
  try {
    await report.step(`stage the app's node_modules (${appDeps.packages.length} packages)`, () =>
      stageAppDeps(appDeps, { repoRoot, dest: path.join(work, "app-deps") }),
    );
    for (const name of ["Dockerfile", "winky-link-app-deps"]) {
      await copyFile(path.join(HERE, name), path.join(work, name));
    }
    await chmod(path.join(work, "winky-link-app-deps"), 0o755);
    const id = await report.step("docker build builder/Dockerfile", () =>
      buildImage({
        dockerfile: path.join(work, "Dockerfile"),
        buildArgs: { BASE_IMAGE: baseImage },
        labels,
        workDir: work,
        verbose,
      }),
    );
    await report.step(`check: react, vite and chromium as uid ${SANDBOX_UID}, no network`, () =>
      checkImage(id, appDeps).catch(async (error) => {
        await removeImage(id);
        throw error;
      }),
    );
    await tagImage(id, refs);
    return id;
  } finally {
    await removeTempDir(work);
  }
}

async function checkImage(id, appDeps) {
  const output = await runInImage(id, ["node", "-e", CHECK]);
  let seen;
  try {
    seen = JSON.parse(output);
  } catch {
    throw new Error(`the builder image printed ${JSON.stringify(output)} instead of JSON`);
  }
  const react = appDeps.packages.find((entry) => entry.target === "react")?.version;
  if (seen.uid !== SANDBOX_UID || seen.react !== react || !/^Chromium \d/.test(seen.chromium)) {
    throw new Error(
      `the builder image runs as uid ${seen.uid} with react ${seen.react} and ` +
        `${JSON.stringify(seen.chromium)}; expected uid ${SANDBOX_UID}, react ${react}, Chromium`,
    );
  }
  return seen;
}
