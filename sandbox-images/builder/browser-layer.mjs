// The base image plus Chromium and a font (winky/sandbox-browser:<tag>, internal): the cached
// .debs (debs.mjs) are streamed into a root container of the base image with no network,
// installed with dpkg, and the container committed. A Dockerfile cannot do this without
// keeping ~200 MB of .debs in a layer (the classic builder has no RUN --mount), and apt-get
// in a `docker build --network none` has nowhere to download from.
import { randomBytes } from "node:crypto";
import { imageId } from "../lib/docker.mjs";
import { run, runPiped } from "../lib/run.mjs";

// dpkg orders configuration within one call; Pre-Depends are all met by the base already.
// /tmp/debs lives in the container's own layer, so removing it leaves nothing in the commit.
const INSTALL = [
  "set -e",
  "mkdir /tmp/debs",
  "tar -x -C /tmp/debs",
  "dpkg --install /tmp/debs/*.deb",
  "rm -rf /tmp/debs /var/log/dpkg.log /var/log/alternatives.log /var/log/apt /var/cache/debconf/*-old",
  "chromium --version",
].join("\n");

/**
 * Makes sure `ref` exists, installing the .debs in `debsDir` on `baseImage` when it does not
 * (or when `force`). `docker commit` tags only a finished image; the container always goes.
 */
export async function ensureBrowserImage({
  ref,
  baseImage,
  debsDir,
  labels,
  force,
  verbose,
  report,
}) {
  if (!force && (await imageId(ref))) {
    report.note(`reusing ${ref}`);
    return;
  }
  const name = `winky-build-browser-${randomBytes(6).toString("hex")}`;
  try {
    await report.step(`install chromium and fonts (dpkg, no network) → ${ref}`, async () => {
      await runPiped(
        ["tar", "-C", debsDir, "-c", "--exclude=manifest.json", "."],
        [
          "docker",
          "run",
          "--interactive",
          "--name",
          name,
          "--network",
          "none",
          "--user",
          "0",
          baseImage,
          "sh",
          "-c",
          INSTALL,
        ],
        { verbose },
      );
      // The container ran as root with a shell: put the base image's settings back.
      const changes = [
        "USER 10001:10001",
        "WORKDIR /workspace",
        "ENTRYPOINT []",
        'CMD ["node"]',
        ...Object.entries(labels).map(([key, value]) => `LABEL ${key}=${JSON.stringify(value)}`),
      ].flatMap((change) => ["--change", change]);
      await run("docker", ["commit", ...changes, name, ref]);
    });
  } finally {
    await run("docker", ["rm", "--force", name]).catch(() => undefined);
  }
}
