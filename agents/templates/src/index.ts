/**
 * The React + Vite + TypeScript base every generated app shares, as files, and the exact
 * dependency versions a generated `package.json` pins.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// `../app` and `../package.json` sit beside both src/ and dist/, so this works from either.
const APP_DIR = fileURLToPath(new URL("../app/", import.meta.url));
const MANIFEST = fileURLToPath(new URL("../package.json", import.meta.url));
const SKIPPED = new Set(["node_modules", "dist", ".vite"]);

/**
 * The template app's files, keyed by their path in a generated app (`src/main.tsx`, posix
 * separators), sorted by path. The coder writes these first, then the plan's own files (it
 * also fills `index.html`'s `__APP_TITLE__` and `__THEME_COLOR__`). Some import modules the
 * coder writes: `src/app-config.ts`, `src/routes.tsx` and `src/styles/theme.css`.
 *
 * @throws Error when the package's `app/` directory is missing (a broken install).
 */
export function templateFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const relative of walk(APP_DIR).sort()) {
    files[relative] = readFileSync(path.join(APP_DIR, relative), "utf8");
  }
  return files;
}

function walk(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return walk(path.join(dir, entry.name), relative);
    return entry.isFile() ? [relative] : [];
  });
}

/** Exact versions (`"19.3.1"`, no ranges) for a generated app's `package.json`. */
export interface TemplateDependencies {
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** `^19.3.1` → `19.3.1`: generated apps pin what the build sandbox has installed. */
function pin(ranges: Record<string, string> | undefined): Readonly<Record<string, string>> {
  const entries = Object.entries(ranges ?? {}).map(([name, range]) => [
    name,
    range.replace(/^[\^~=]+/, ""),
  ]);
  return Object.freeze(Object.fromEntries(entries.sort(([a], [b]) => (a! < b! ? -1 : 1))));
}

const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as Manifest;

/**
 * What every generated app depends on, read from this package's `package.json` (whose ranges
 * the workspace installs, so the build sandbox has exactly these versions), pinned exactly.
 */
export const TEMPLATE_DEPENDENCIES: TemplateDependencies = Object.freeze({
  dependencies: pin(manifest.dependencies),
  devDependencies: pin(manifest.devDependencies),
});
