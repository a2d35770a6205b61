// Shared by the checks' integration tests: the builder image and the notes fixture's app.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateApp } from "@winky/coder";
import { AppPlan } from "@winky/planner";

/** The coder's notes fixture (sign-up by mail, tags, an image upload, search, filters). */
const NOTES_PLAN = fileURLToPath(
  new URL("../../../../agents/coder/test/fixtures/notes.json", import.meta.url),
);

/** Builds winky/sandbox-builder if missing (1–2 min the first time, ~0.4 s when up to date). */
export { ensureBuilderImage } from "@winky/sandbox-images/ensure-images.mjs";

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
