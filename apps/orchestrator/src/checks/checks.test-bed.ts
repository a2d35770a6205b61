// Shared by the checks' integration tests: the builder image and the notes fixture's app.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { generateApp } from "@winky/coder";
import { AppPlan } from "@winky/planner";
// The image's tag is a content hash; sandbox-images computes it (see docs/TESTING.md).
import { IMAGES_DIR, resolveImages } from "@winky/sandbox-images/image-tag.mjs";

const exec = promisify(execFile);

/** The coder's notes fixture (sign-up by mail, tags, an image upload, search, filters). */
const NOTES_PLAN = fileURLToPath(
  new URL("../../../../agents/coder/test/fixtures/notes.json", import.meta.url),
);

/** Builds winky/sandbox-builder if missing (1–2 min the first time, ~0.4 s when up to date). */
export async function ensureBuilderImage(): Promise<string> {
  await exec(process.execPath, [path.join(IMAGES_DIR, "build.mjs"), "--require-engine"], {
    timeout: 900_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const images = await resolveImages();
  if (!images.builderImage) throw new Error(`no builder image: ${images.builderProblem}`);
  return images.builderImage;
}

/** The notes app as the coder writes it for `project`. */
export function notesApp(project: string): { plan: AppPlan; files: Record<string, string> } {
  const plan = AppPlan.parse(JSON.parse(readFileSync(NOTES_PLAN, "utf8")));
  return { plan, files: { ...generateApp(plan, { project }).files } };
}

/** `files` with `find` replaced once in `file`; fails loudly when the text is not there. */
export function edit(
  files: Record<string, string>,
  file: string,
  find: string,
  replace: string,
): Record<string, string> {
  const text = files[file];
  if (text === undefined || !text.includes(find)) {
    throw new Error(`the generated ${file} no longer holds ${JSON.stringify(find)}`);
  }
  return { ...files, [file]: text.replace(find, replace) };
}
