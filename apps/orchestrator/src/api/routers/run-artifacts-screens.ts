import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import type { StoredPreview } from "./run-artifacts-views.js";

/** What the preview step names a wireframe (`wireframes()` in @winky/preview): no other path. */
const SCREEN_FILE = /^screens\/[A-Za-z0-9_-]+\.png$/;

/**
 * Where the preview step wrote screen `file`'s SVG: `<dataDir>/runs/<runId>/preview/<stem>.svg`,
 * next to its PNG. The name comes from the checkpoint, so it is checked to be one the preview
 * step makes and to stay inside the run's preview folder; anything else has no image.
 */
export function wireframePath(dataDir: string, runId: string, file: string): string | null {
  if (!SCREEN_FILE.test(file)) return null;
  const folder = path.resolve(dataDir, "runs", runId, "preview");
  const svg = path.resolve(folder, file.replace(/\.png$/, ".svg"));
  return svg.startsWith(`${folder}${path.sep}`) ? svg : null;
}

/** Whether each screen's SVG is on disk (false for all without a data dir). */
export async function screensWithImages(
  dataDir: string | undefined,
  runId: string,
  preview: StoredPreview,
): Promise<boolean[]> {
  return Promise.all(
    preview.screens.map(async (screen) => {
      const svg = dataDir ? wireframePath(dataDir, runId, screen.file) : null;
      if (!svg) return false;
      return access(svg).then(
        () => true,
        () => false,
      );
    }),
  );
}

/**
 * Screen `index`'s wireframe as SVG text. Without a data dir the API cannot read it
 * (PRECONDITION_FAILED); a screen the run's preview does not have is refused naming `index`.
 */
export async function readWireframe(
  dataDir: string | undefined,
  runId: string,
  preview: StoredPreview | null,
  index: number,
): Promise<{ index: number; route: string; title: string; svg: string }> {
  if (!dataDir) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message:
        "wireframes are read from the workers' data dir, which this orchestrator was not given " +
        "(set WINKY_DATA_DIR)",
    });
  }
  const screens = preview?.screens ?? [];
  const screen = screens[index];
  if (!screen) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: screens.length
        ? `index: the run's preview has screens 0 to ${screens.length - 1}, not ${index}`
        : "index: the run has no preview yet",
    });
  }
  const svgPath = wireframePath(dataDir, runId, screen.file);
  const svg = svgPath
    ? await readFile(svgPath, "utf8").catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return null;
        throw e;
      })
    : null;
  if (svg === null) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `the wireframe of screen ${index} (${screen.title}) is not in the run's preview folder`,
    });
  }
  return { index, route: screen.route, title: screen.title, svg };
}
