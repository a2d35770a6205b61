#!/usr/bin/env node
// Builds winky/sandbox-base, then winky/sandbox-builder, with no registry:
//   debootstrap (cached tarball) + this node → docker import winky/sandbox-rootfs:<tag>
//   → docker build base/Dockerfile → check → tag winky/sandbox-base:<tag> and :latest;
//   → .debs of chromium + fonts (apt-get on the host, cached) → dpkg in a container, commit
//   winky/sandbox-browser:<tag> → docker build builder/Dockerfile with the app's node_modules
//   → check → tag winky/sandbox-builder:<tag> and :latest.
// Plain Node ESM with no dependencies, so `npm run setup` can run it before anything is
// installed or built. Tags are content hashes (image-tag.mjs); see README.md.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { buildBuilderImage } from "./builder/build-builder.mjs";
import {
  BASE_IMAGE_REPO,
  BUILDER_IMAGE_REPO,
  DEBIAN_SUITE,
  DEBIAN_VARIANT,
  DOCKERFILES,
  IMAGES_DIR,
  ROOTFS_IMAGE_REPO,
  resolveImages,
} from "./image-tag.mjs";
import { buildCheckedImage } from "./lib/base-image.mjs";
import { cacheDir, cleanUpAfterInterrupt, withBuildLock } from "./lib/cache.mjs";
import { ensureDebootstrapTarball } from "./lib/debootstrap.mjs";
import { dockerEngine, imageId, removeOtherTags, tagImage } from "./lib/docker.mjs";
import { ensureRootfsImage } from "./lib/rootfs.mjs";
import { stopRunningChildren } from "./lib/run.mjs";

const USAGE = `usage: node sandbox-images/build.mjs [--force] [--base-only] [--require-engine] [--verbose]

  --force           ignore every cache: re-run debootstrap, re-download, re-import, rebuild
  --base-only       build winky/sandbox-base alone, not winky/sandbox-builder
  --require-engine  fail (exit 1) when no Docker engine answers, instead of skipping
  --verbose         stream debootstrap's and docker's own output

environment: WINKY_DEBIAN_MIRROR (default: the host's apt sources), WINKY_CACHE_DIR
`;
const LATEST = `${BASE_IMAGE_REPO}:latest`;
const LABEL = "org.winky.sandbox-images";

async function main() {
  const flags = parseFlags();
  if (!flags) return 2;
  if (flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  const engine = await dockerEngine();
  if (!engine.version) {
    const why = `no Docker engine answers (${engine.error})`;
    if (flags["require-engine"]) throw new Error(`${why}; start dockerd or set DOCKER_HOST`);
    console.log(`sandbox images: skipped: ${why}.`);
    console.log("  Start dockerd (as root) or set DOCKER_HOST, then run `npm run build:images");
    console.log("  -w sandbox-images` (with --require-engine, no engine is an error).");
    return 0;
  }

  const dir = cacheDir();
  const withBuilder = !flags["base-only"];
  const images = await resolveImages({ cacheDir: dir, builder: withBuilder });
  const upToDate = async () =>
    (await isUpToDate(images)) && (!withBuilder || (await isBuilderUpToDate(images)));
  if (!flags.force && (await upToDate())) return 0;
  const onWait = (pid) => console.log(`waiting for the build already running (pid ${pid}) …`);
  await withBuildLock(dir, onWait, async () => {
    // Whoever held the lock has probably just built these very images.
    if (flags.force || !(await isUpToDate(images))) {
      await build(images, dir, flags, engine.version);
    }
    if (withBuilder && (flags.force || !(await isBuilderUpToDate(images)))) {
      if (!images.builderImage)
        throw new Error(`cannot build the builder image: ${images.builderProblem}`);
      await buildBuilderImage({ images, dir, flags, report: createReport() });
    }
  });
  return 0;
}

/** True, after making :latest point at it, when the image for the current tag exists. */
async function isUpToDate(images) {
  const id = await imageId(images.baseImage);
  if (!id) return false;
  if ((await imageId(LATEST)) !== id) await tagImage(id, [LATEST]);
  console.log(`sandbox base image ${images.baseImage} is up to date`);
  return true;
}

/** The same for winky/sandbox-builder (false when its tag could not be computed). */
async function isBuilderUpToDate(images) {
  const id = images.builderImage && (await imageId(images.builderImage));
  if (!id) return false;
  const latest = `${BUILDER_IMAGE_REPO}:latest`;
  if ((await imageId(latest)) !== id) await tagImage(id, [latest]);
  console.log(`sandbox builder image ${images.builderImage} is up to date`);
  return true;
}

async function build(images, dir, flags, engineVersion) {
  const started = performance.now();
  const { inputs } = images;
  const common = { force: flags.force, verbose: flags.verbose, report: createReport() };
  console.log(`building ${images.baseImage} (docker ${engineVersion}, node ${inputs.nodeVersion})`);
  if (!inputs.nodeVersion.startsWith("v20.")) {
    // The image carries the node that runs this script; elsewhere it is node:20-bookworm-slim.
    console.warn(`  warning: this is node ${inputs.nodeVersion}, not 20: the image will differ`);
  }
  const tarball = await ensureDebootstrapTarball({
    ...common,
    dir,
    key: images.debootstrapKey,
    suite: inputs.suite,
    variant: inputs.variant,
    mirror: inputs.mirror,
  });
  await ensureRootfsImage({
    ...common,
    ref: images.rootfsImage,
    tarball,
    nodePath: process.execPath,
    labels: {
      [`${LABEL}.debian`]: `${DEBIAN_SUITE} ${DEBIAN_VARIANT} from ${inputs.mirror}`,
      [`${LABEL}.node`]: inputs.nodeVersion,
    },
    workParent: dir,
  });
  await buildCheckedImage({
    ...common,
    dockerfile: path.join(IMAGES_DIR, DOCKERFILES[0]),
    baseImage: images.rootfsImage,
    refs: [images.baseImage, LATEST],
    labels: { [`${LABEL}.tag`]: images.tag },
    workParent: dir,
    nodeVersion: inputs.nodeVersion,
  });
  await removeOtherTags(BASE_IMAGE_REPO, [images.baseImage, LATEST]);
  await removeOtherTags(ROOTFS_IMAGE_REPO, [images.rootfsImage]);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`built ${images.baseImage} (also ${LATEST}) in ${seconds} s`);
}

function parseFlags() {
  try {
    const { values } = parseArgs({
      options: {
        force: { type: "boolean", default: false },
        "base-only": { type: "boolean", default: false },
        "require-engine": { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    return values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return undefined;
  }
}

/** Prints each step as it starts and how long it took, so a slow build shows where. */
function createReport() {
  return {
    note: (message) => console.log(`  ${message}`),
    async step(label, fn) {
      console.log(`→ ${label} …`);
      const started = performance.now();
      const result = await fn();
      console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return result;
    },
  };
}

// Ctrl-C, or SIGTERM from a test runner or `npm run setup`: stop debootstrap/docker first,
// then remove the temp dirs (a rootfs mid-debootstrap has /proc mounted inside it).
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    console.error(`sandbox images: interrupted (${signal}); cleaning up`);
    await stopRunningChildren();
    await cleanUpAfterInterrupt();
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`sandbox images: build failed: ${message}`);
    process.exitCode = 1;
  },
);
