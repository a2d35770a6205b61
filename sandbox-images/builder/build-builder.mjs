// The builder image's steps, run by build.mjs once winky/sandbox-base exists:
//   .debs (debs.mjs, cached) → winky/sandbox-browser:<tag> (browser-layer.mjs, cached)
//   → builder/Dockerfile with the app's node_modules → check → winky/sandbox-builder:<tag>.
import { performance } from "node:perf_hooks";
import {
  BROWSER_IMAGE_REPO,
  BUILDER_IMAGE_REPO,
  DEBIAN_SUITE,
  DEBIAN_VARIANT,
  REPO_ROOT,
} from "../image-tag.mjs";
import { ensureDebootstrapTarball } from "../lib/debootstrap.mjs";
import { removeOtherTags } from "../lib/docker.mjs";
import { ensureBrowserImage } from "./browser-layer.mjs";
import { buildCheckedBuilderImage } from "./builder-image.mjs";
import { ensureDebs } from "./debs.mjs";

const LABEL = "org.winky.sandbox-images";

/** Builds `images.builderImage` (and :latest) from `images.baseImage`, which must exist. */
export async function buildBuilderImage({ images, dir, flags, report }) {
  const started = performance.now();
  const { inputs, appDeps } = images;
  const common = { force: flags.force, verbose: flags.verbose, report };
  const latest = `${BUILDER_IMAGE_REPO}:latest`;
  console.log(`building ${images.builderImage} (${appDeps.packages.length} app packages)`);
  // The base image came from this tarball: its dpkg status says what apt must add.
  const tarball = await ensureDebootstrapTarball({
    ...common,
    force: false,
    dir,
    key: images.debootstrapKey,
    suite: inputs.suite,
    variant: inputs.variant,
    mirror: inputs.mirror,
  });
  const debsDir = await ensureDebs({
    ...common,
    dir,
    key: images.debsKey,
    tarball,
    sources: inputs.builder.sources,
    packages: inputs.builder.packages,
  });
  await ensureBrowserImage({
    ...common,
    ref: images.browserImage,
    baseImage: images.baseImage,
    debsDir,
    labels: { [`${LABEL}.debian`]: `${DEBIAN_SUITE} ${DEBIAN_VARIANT} + chromium` },
  });
  await buildCheckedBuilderImage({
    ...common,
    appDeps,
    repoRoot: REPO_ROOT,
    baseImage: images.browserImage,
    refs: [images.builderImage, latest],
    labels: { [`${LABEL}.tag`]: images.builderTag },
    workParent: dir,
  });
  // Builders first: an older browser image is the parent of the builder made from it.
  await removeOtherTags(BUILDER_IMAGE_REPO, [images.builderImage, latest]);
  await removeOtherTags(BROWSER_IMAGE_REPO, [images.browserImage]);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`built ${images.builderImage} (also ${latest}) in ${seconds} s`);
}
