// Reads every module a codebase's entry reaches through relative imports, re-exports,
// require() and import(), each parsed once. Everything reachable is read, not only what the
// exports use, so a functions.config() or defineSecret in a helper module is still found.
import { readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { isInside } from "@winky/firebase-compat";
import { makeItem, type ReportItem } from "../report.js";
import { isFile } from "./locate-source.js";
import {
  moduleSpecifierOf,
  parseSource,
  relativeSpecifiers,
  sourceOf,
  syntaxProblems,
  type ModuleFile,
} from "./parse-source.js";
import { AREA } from "./types.js";

export interface LoadedModules {
  /** By absolute path, in the order they were reached. */
  files: Map<string, ModuleFile>;
  items: ReportItem[];
  /** The items of files that cannot be read or parsed: their functions could not be deployed. */
  unreadable: ReportItem[];
}

const SCRIPT_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".jsx"];

export function relativePath(projectDir: string, absPath: string): string {
  return path.relative(projectDir, absPath).split(path.sep).join("/");
}

export async function loadModules(projectDir: string, entryAbs: string): Promise<LoadedModules> {
  const files = new Map<string, ModuleFile>();
  const items: ReportItem[] = [];
  const unreadable: ReportItem[] = [];
  // Breadth-first with a seen set: import cycles are read once.
  const queue = [entryAbs];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const absPath = queue.shift() as string;
    const relPath = relativePath(projectDir, absPath);
    let text: string;
    try {
      text = await readFile(absPath, "utf8");
    } catch (e) {
      const detail = `cannot read ${relPath}: ${(e as Error).message}`;
      const item = makeItem(AREA, relPath, { file: relPath, line: 1 }, "not-understood", detail);
      items.push(item);
      unreadable.push(item);
      continue;
    }
    const sourceFile = parseSource(absPath, text);
    const file: ModuleFile = { absPath, relPath, sourceFile, resolved: new Map() };
    files.set(absPath, file);
    for (const problem of syntaxProblems(sourceFile, relPath)) {
      const where = `${problem.source.file}:${problem.source.line}:${problem.source.column}`;
      const item = makeItem(
        AREA,
        relPath,
        problem.source,
        "not-understood",
        `${where}: ${problem.message} (the rest of the file is read as the parser recovered it)`,
      );
      items.push(item);
      unreadable.push(item);
    }
    for (const spec of relativeSpecifiers(sourceFile)) {
      // Code outside the project folder is not read (it is not part of what was imported).
      const outside = !isInside(projectDir, path.resolve(path.dirname(absPath), spec));
      const target = outside ? null : await resolveRelative(absPath, spec, projectDir);
      file.resolved.set(spec, target);
      if (target === null) items.push(missingImport(file, spec, outside));
      else if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return { files, items, unreadable };
}

function missingImport(file: ModuleFile, spec: string, outside: boolean): ReportItem {
  const where = outside ? "outside the project folder" : "not in the project";
  return makeItem(
    AREA,
    `${file.relPath} → ${spec}`,
    sourceOf(file, firstUse(file.sourceFile, spec) ?? file.sourceFile),
    "not-understood",
    `${file.relPath} imports ${spec}, which is ${where}: what it exports cannot be analysed`,
  );
}

/** The first import, re-export or require() of `spec`, to cite its line. */
function firstUse(node: ts.Node, spec: string): ts.Node | undefined {
  if (moduleSpecifierOf(node) === spec) return node;
  return ts.forEachChild(node, (child) => firstUse(child, spec));
}

/**
 * Node's resolution of a relative specifier, plus TypeScript's: "./x.js" names "./x.ts" when
 * the source is TypeScript (the .js exists only after a build). Only files inside `root`.
 */
export async function resolveRelative(
  fromAbs: string,
  spec: string,
  root: string,
): Promise<string | null> {
  const base = path.resolve(path.dirname(fromAbs), spec);
  const ext = path.extname(base);
  const candidates: string[] = [];
  if (ext === ".js" || ext === ".mjs" || ext === ".cjs" || ext === ".jsx") {
    const stem = base.slice(0, -ext.length);
    candidates.push(`${stem}${ext.replace("j", "t")}`, `${stem}.tsx`, base);
  } else if (SCRIPT_EXTENSIONS.includes(ext)) candidates.push(base);
  candidates.push(...SCRIPT_EXTENSIONS.map((e) => `${base}${e}`));
  candidates.push(...SCRIPT_EXTENSIONS.map((e) => path.join(base, `index${e}`)));
  // "..": `<folder>.ts` beside the folder is not a file of it.
  for (const candidate of candidates) {
    if (isInside(root, candidate) && (await isFile(candidate))) return candidate;
  }
  return null;
}
