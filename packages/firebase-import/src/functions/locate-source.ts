// Where each codebase's code is: firebase.json's `functions` entries give the folder
// (`source`, "functions" by default), its package.json `main` the entry module. TypeScript
// projects point `main` at the compiled output (lib/index.js), which is usually not built in a
// checked-out project, so the .ts file it is compiled from is analysed instead.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { isInside } from "@winky/firebase-compat";
import ts from "typescript";
import type { FirebaseSection } from "../firebase-json.js";
import { memberOf } from "../json-node.js";
import { makeItem, type ReportItem, type SourceRef } from "../report.js";
import { AREA } from "./types.js";

export interface CodebaseLocation {
  codebase: string;
  /** Relative to the project folder. */
  sourceDir: string;
  /** Absolute path of the module to analyse, or null when none was found. */
  entryAbs: string | null;
  /** The major version of firebase-functions package.json asks for, when it says. */
  sdkMajor?: number;
}

export async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export async function locateCodebases(
  projectDir: string,
  section: FirebaseSection,
  firebaseJsonFile: string,
): Promise<{ locations: CodebaseLocation[]; items: ReportItem[] }> {
  const locations: CodebaseLocation[] = [];
  const items: ReportItem[] = [];
  for (const entry of section.entries) {
    const at = (member?: string): SourceRef => {
      const found = member && entry.value.kind === "object" ? memberOf(entry.value, member) : null;
      const position = found?.keyPosition ?? entry.position;
      return { file: firebaseJsonFile, line: position.line };
    };
    const label = entry.label || "functions";
    if (entry.value.kind !== "object") {
      items.push(
        makeItem(AREA, label, at(), "needs-change", "a functions entry must be an object"),
      );
      continue;
    }
    const sourceValue = memberOf(entry.value, "source")?.value;
    if (sourceValue && sourceValue.kind !== "string") {
      const detail = "`source` must name the functions folder";
      items.push(makeItem(AREA, `${label}.source`, at("source"), "needs-change", detail));
      continue;
    }
    const sourceDir = sourceValue?.value ?? "functions";
    const codebase = entry.codebase ?? "default";
    const location = await locateEntry(projectDir, sourceDir, codebase);
    locations.push(location.location);
    if (location.problem) {
      items.push(makeItem(AREA, `${label}.source`, at("source"), "needs-change", location.problem));
    }
  }
  return { locations, items };
}

async function locateEntry(
  projectDir: string,
  sourceDir: string,
  codebase: string,
): Promise<{ location: CodebaseLocation; problem?: string }> {
  const dir = path.resolve(projectDir, sourceDir);
  const location: CodebaseLocation = { codebase, sourceDir, entryAbs: null };
  if (!isInside(projectDir, sourceDir)) {
    return {
      location,
      problem: `the functions folder ${sourceDir} is outside the project folder: keep the functions source inside it`,
    };
  }
  if (!(await isDirectory(dir))) {
    return {
      location,
      problem: `the functions folder ${sourceDir} does not exist: import the project with its functions source, or fix \`source\``,
    };
  }
  const manifest = await readManifest(path.join(dir, "package.json"));
  if (manifest.sdkMajor !== undefined) location.sdkMajor = manifest.sdkMajor;
  // A main (or tsconfig dir) leading out of the folder is not followed.
  const candidates = (await entryCandidates(dir, manifest.main ?? "index.js")).filter((c) =>
    isInside(dir, c),
  );
  for (const candidate of candidates) {
    if (await isFile(candidate)) return { location: { ...location, entryAbs: candidate } };
  }
  const main = manifest.main === undefined ? "" : ` (package.json main: ${manifest.main})`;
  return {
    location,
    problem: `no entry module found in ${sourceDir}${main}: tried ${candidates
      .map((c) => path.relative(dir, c))
      .join(", ")}`,
  };
}

async function readManifest(file: string): Promise<{ main?: string; sdkMajor?: number }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch {
    // A missing or malformed package.json still leaves index.js / index.ts to try.
    return {};
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const pkg = parsed as { main?: unknown; dependencies?: Record<string, unknown> };
  const version = pkg.dependencies?.["firebase-functions"];
  const major = typeof version === "string" ? leadingNumber(version) : undefined;
  return {
    ...(typeof pkg.main === "string" ? { main: pkg.main } : {}),
    ...(major === undefined ? {} : { sdkMajor: major }),
  };
}

/** The first run of digits in "^4.3.1" or "~6.0": the major version. */
function leadingNumber(version: string): number | undefined {
  let digits = "";
  for (const ch of version) {
    if (ch >= "0" && ch <= "9") digits += ch;
    else if (digits !== "") break;
  }
  return digits === "" ? undefined : Number(digits);
}

/** The files that may be the entry, best first: the TypeScript source of `main`, then `main`. */
async function entryCandidates(dir: string, main: string): Promise<string[]> {
  const normalized = path.posix.normalize(main.split(path.sep).join("/")).replace(/^\.\//, "");
  const withoutExt = normalized.replace(/\.(c|m)?js$/, "");
  const segments = withoutExt.split("/");
  const candidates: string[] = [];
  const tsconfig = readTsconfigDirs(path.join(dir, "tsconfig.json"));
  if (tsconfig.outDir) {
    const outDir = path.posix.normalize(tsconfig.outDir).replace(/^\.\//, "");
    if (withoutExt.startsWith(`${outDir}/`)) {
      const rootDir = path.posix.normalize(tsconfig.rootDir ?? "src");
      candidates.push(path.join(dir, rootDir, `${withoutExt.slice(outDir.length + 1)}.ts`));
    }
  }
  // lib/index.js → src/index.ts: the firebase init template's layout, tsconfig or not.
  if (segments.length > 1)
    candidates.push(path.join(dir, "src", `${segments.slice(1).join("/")}.ts`));
  candidates.push(path.join(dir, normalized));
  if (withoutExt === normalized) candidates.push(path.join(dir, `${normalized}.js`));
  candidates.push(path.join(dir, `${withoutExt}.ts`), path.join(dir, withoutExt, "index.js"));
  candidates.push(path.join(dir, "index.js"), path.join(dir, "index.ts"));
  candidates.push(path.join(dir, "src", "index.ts"));
  return [...new Set(candidates)];
}

function readTsconfigDirs(file: string): { outDir?: string; rootDir?: string } {
  // ts.readConfigFile reads comments and trailing commas as tsc does; a missing file is fine.
  const { config } = ts.readConfigFile(file, ts.sys.readFile) as {
    config?: { compilerOptions?: { outDir?: unknown; rootDir?: unknown } };
  };
  const options = config?.compilerOptions ?? {};
  return {
    ...(typeof options.outDir === "string" ? { outDir: options.outDir } : {}),
    ...(typeof options.rootDir === "string" ? { rootDir: options.rootDir } : {}),
  };
}
