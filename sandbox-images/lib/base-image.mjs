// Step 3: the Dockerfile on top of the rootfs image. The result is checked before it gets any
// tag, so a broken build never replaces a working winky/sandbox-base:latest.
import path from "node:path";
import { makeTempDir, removeTempDir } from "./cache.mjs";
import { buildImage, removeImage, runInImage, tagImage } from "./docker.mjs";

export const SANDBOX_UID = 10001;

/**
 * Builds `dockerfile` FROM `baseImage`, checks that node runs as the sandbox user with no
 * network, then tags the image `refs`. On a failed check the untagged image is removed.
 */
export async function buildCheckedImage({
  dockerfile,
  baseImage,
  refs,
  labels,
  workParent,
  nodeVersion,
  verbose,
  report,
}) {
  const work = await makeTempDir(workParent, "tmp-build-");
  try {
    const id = await report.step(`docker build ${path.relative(process.cwd(), dockerfile)}`, () =>
      buildImage({
        dockerfile,
        buildArgs: { BASE_IMAGE: baseImage },
        labels,
        workDir: work,
        verbose,
      }),
    );
    await report.step(`check: node runs as uid ${SANDBOX_UID} with no network`, async () => {
      try {
        await checkImage(id, nodeVersion);
      } catch (error) {
        await removeImage(id);
        throw error;
      }
    });
    await tagImage(id, refs);
    return id;
  } finally {
    await removeTempDir(work);
  }
}

async function checkImage(id, nodeVersion) {
  const script = "console.log(JSON.stringify({ v: process.version, uid: process.getuid() }))";
  const output = await runInImage(id, ["node", "-e", script]);
  let seen;
  try {
    seen = JSON.parse(output);
  } catch {
    throw new Error(`the built image printed ${JSON.stringify(output)} instead of JSON`);
  }
  if (seen.v !== nodeVersion || seen.uid !== SANDBOX_UID) {
    throw new Error(
      `the built image runs node ${seen.v} as uid ${seen.uid}; ` +
        `expected node ${nodeVersion} as uid ${SANDBOX_UID}`,
    );
  }
}
