// Makes sure the sandbox images exist and answers the builder's tag: what `winky new`, the
// orchestrator's checks tests and the end-to-end tests call before a run. build.mjs checks the
// images by their content-hashed tags (under a second when current) and builds what is missing.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { IMAGES_DIR, resolveImages } from "./image-tag.mjs";

/**
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<string>} `winky/sandbox-builder:<tag>`
 */
export async function ensureBuilderImage(options = {}) {
  await promisify(execFile)(
    process.execPath,
    [path.join(IMAGES_DIR, "build.mjs"), "--require-engine"],
    { timeout: options.timeoutMs ?? 1_800_000, maxBuffer: 64 * 1024 * 1024 },
  ).catch((e) => {
    const output = `${e.stderr ?? ""}`.trim() || `${e.stdout ?? ""}`.trim() || e.message;
    throw new Error(`building the sandbox images failed: ${output.slice(-2000)}`, { cause: e });
  });
  const images = await resolveImages();
  if (!images.builderImage) throw new Error(`no sandbox builder image: ${images.builderProblem}`);
  return images.builderImage;
}
