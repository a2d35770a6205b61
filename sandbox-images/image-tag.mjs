// Image names and content-hash tags. A tag is the first 12 hex digits of a sha256 over every
// input that can change the image, so "the image with this tag exists" means "it is up to date",
// and a second `node build.mjs` costs one `docker image inspect`.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appDepsFingerprint, hashBuiltWorkspaces, resolveAppDeps } from "./builder/app-deps.mjs";
import { BROWSER_PACKAGES } from "./builder/debs.mjs";
import { findDebianMirror, findDebianSources } from "./lib/apt-sources.mjs";
import { cacheDir, hashFileCached } from "./lib/cache.mjs";

export const BASE_IMAGE_REPO = "winky/sandbox-base";
export const ROOTFS_IMAGE_REPO = "winky/sandbox-rootfs";
export const BUILDER_IMAGE_REPO = "winky/sandbox-builder";
export const BROWSER_IMAGE_REPO = "winky/sandbox-browser";
export const DEBIAN_SUITE = "bookworm";
export const DEBIAN_VARIANT = "minbase";

/** The sandbox-images directory (this file's own). */
export const IMAGES_DIR = path.dirname(fileURLToPath(import.meta.url));
/** The monorepo, whose node_modules the builder image's app dependencies come from. */
export const REPO_ROOT = path.dirname(IMAGES_DIR);
/** Dockerfiles built on top of the rootfs, relative to IMAGES_DIR. */
export const DOCKERFILES = ["base/Dockerfile"];

/**
 * The tag of winky/sandbox-base for these inputs. Pure, so tests can vary one input at a time.
 * Covers everything: the build scripts, the Dockerfiles, Debian suite/variant/mirror, and Node.
 */
export function computeBaseImageTag(inputs) {
  return digest([
    "base",
    computeRootfsTag(inputs),
    ...sortedEntries(inputs.scripts),
    ...sortedEntries(inputs.dockerfiles),
  ]);
}

/**
 * The tag of winky/sandbox-rootfs (Debian + node, before any Dockerfile): a change to a
 * Dockerfile alone rebuilds from the existing rootfs image without re-importing it.
 */
export function computeRootfsTag(inputs) {
  return digest([
    "rootfs",
    computeDebootstrapKey(inputs),
    inputs.nodeVersion,
    inputs.nodeSha256,
    inputs.scripts["lib/rootfs.mjs"] ?? "",
  ]);
}

/** The key of the cached debootstrap tarball: only what debootstrap itself depends on. */
export function computeDebootstrapKey(inputs) {
  return digest([
    "debootstrap",
    inputs.suite,
    inputs.variant,
    inputs.mirror,
    inputs.scripts["lib/debootstrap.mjs"] ?? "",
  ]);
}

/**
 * The key of the cached .debs (Chromium and fonts): the base image's dpkg status (so the
 * debootstrap key), the packages asked for, the apt sources and builder/debs.mjs.
 */
export function computeDebsKey(inputs) {
  const { builder } = inputs;
  return digest([
    "debs",
    computeDebootstrapKey(inputs),
    builder.packages,
    builder.sources,
    builder.files["builder/debs.mjs"] ?? "",
  ]);
}

/** The tag of winky/sandbox-browser: the base image with the .debs installed. */
export function computeBrowserTag(inputs) {
  return digest([
    "browser",
    computeBaseImageTag(inputs),
    computeDebsKey(inputs),
    inputs.builder.files["builder/browser-layer.mjs"] ?? "",
  ]);
}

/**
 * The tag of winky/sandbox-builder: the browser image, every file of builder/, the app
 * dependencies' `target name@version` list, and the sources of the workspaces compiled in.
 */
export function computeBuilderTag(inputs) {
  const { builder } = inputs;
  return digest([
    "builder",
    computeBrowserTag(inputs),
    ...sortedEntries(builder.files),
    ...builder.appDeps,
    builder.workspacesSha256,
  ]);
}

/**
 * The real inputs: the .mjs files of sandbox-images (build.mjs, this file, lib/*), the
 * Dockerfiles, the mirror from the host's apt sources, and the node running this script.
 */
export async function collectTagInputs(options = {}) {
  const scriptNames = [
    ...(await readdir(IMAGES_DIR)).filter((name) => name.endsWith(".mjs")),
    ...(await readdir(path.join(IMAGES_DIR, "lib")))
      .filter((name) => name.endsWith(".mjs"))
      .map((name) => `lib/${name}`),
  ];
  return {
    scripts: await readAll(scriptNames),
    dockerfiles: await readAll(DOCKERFILES),
    suite: DEBIAN_SUITE,
    variant: DEBIAN_VARIANT,
    mirror: options.mirror ?? (await findDebianMirror(DEBIAN_SUITE)),
    nodeVersion: process.version,
    nodeSha256: await hashFileCached(process.execPath, options.cacheDir ?? cacheDir()),
  };
}

/**
 * What the builder image is made of besides the base: builder/'s files, the Debian packages
 * and sources, and the app dependencies as resolved from the repo's node_modules.
 */
export async function collectBuilderInputs(appDeps, options = {}) {
  const names = (await readdir(path.join(IMAGES_DIR, "builder"))).map((name) => `builder/${name}`);
  return {
    files: await readAll(names),
    packages: BROWSER_PACKAGES,
    sources: (await findDebianSources(DEBIAN_SUITE, options)).map((s) => `${s.uri} ${s.suite}`),
    appDeps: appDepsFingerprint(appDeps),
    workspacesSha256: hashBuiltWorkspaces(options.repoRoot ?? REPO_ROOT),
  };
}

/**
 * The current tags and image references, as build.mjs and the tests see them. The builder's
 * come too unless `builder: false`; when the app dependencies cannot be resolved (a package
 * not installed) they are missing and `builderProblem` says why, so that code needing only
 * the base image never fails on the builder's account.
 */
export async function resolveImages(options = {}) {
  const inputs = await collectTagInputs(options);
  const tag = computeBaseImageTag(inputs);
  const rootfsTag = computeRootfsTag(inputs);
  const base = {
    inputs,
    tag,
    baseImage: `${BASE_IMAGE_REPO}:${tag}`,
    rootfsImage: `${ROOTFS_IMAGE_REPO}:${rootfsTag}`,
    debootstrapKey: computeDebootstrapKey(inputs),
  };
  if (options.builder === false) return base;
  let appDeps;
  try {
    appDeps = resolveAppDeps(options.repoRoot ?? REPO_ROOT);
    inputs.builder = await collectBuilderInputs(appDeps, options);
  } catch (error) {
    return { ...base, builderProblem: error instanceof Error ? error.message : String(error) };
  }
  const builderTag = computeBuilderTag(inputs);
  return {
    ...base,
    builderTag,
    builderImage: `${BUILDER_IMAGE_REPO}:${builderTag}`,
    browserImage: `${BROWSER_IMAGE_REPO}:${computeBrowserTag(inputs)}`,
    debsKey: computeDebsKey(inputs),
    appDeps,
  };
}

async function readAll(relativePaths) {
  const entries = await Promise.all(
    relativePaths.map(async (name) => [name, await readFile(path.join(IMAGES_DIR, name), "utf8")]),
  );
  return Object.fromEntries(entries);
}

function sortedEntries(record) {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function digest(parts) {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 12);
}
