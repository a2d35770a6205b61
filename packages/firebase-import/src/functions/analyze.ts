// analyzeFunctions: firebase.json's `functions` section → the functions each codebase deploys,
// with their triggers on winky, plus secrets, params and functions.config() reads, all as
// report items. Bad input (missing folders, syntax errors, exports made by helpers) becomes
// items naming the place; the analyzer does not throw for it.
import type { FirebaseSection } from "../firebase-json.js";
import { makeItem } from "../report.js";
import { discoverTriggers } from "./discover.js";
import { ModuleGraph } from "./evaluate.js";
import { loadModules, relativePath } from "./load-modules.js";
import { locateCodebases, type CodebaseLocation } from "./locate-source.js";
import { findSdkUses } from "./sdk-uses.js";
import { AREA, type DiscoveredFunction, type FunctionsAnalysis } from "./types.js";
import {
  FUNCTION_NAME,
  functionItem,
  globalOptionsItem,
  unresolvedItem,
  useItem,
} from "./verdicts.js";
import { globalOptions, withDefaults } from "./global-options.js";

export async function analyzeFunctions(
  projectDir: string,
  section: FirebaseSection | undefined,
  firebaseJsonFile: string,
): Promise<FunctionsAnalysis> {
  const analysis: FunctionsAnalysis = {
    codebases: [],
    functions: [],
    secrets: [],
    params: [],
    configUses: [],
    items: [],
    unreadable: [],
  };
  // No functions section: firebase-tools deploys no functions, so there is nothing to read.
  if (!section) return analysis;
  if (section.layout === "other") {
    const at = { file: firebaseJsonFile, line: section.position.line };
    const detail = "`functions` must be an object or a list of codebases: fix firebase.json";
    analysis.items.push(makeItem(AREA, "functions", at, "needs-change", detail));
    return analysis;
  }
  const { locations, items } = await locateCodebases(projectDir, section, firebaseJsonFile);
  analysis.items.push(...items);
  for (const location of locations) {
    analysis.codebases.push({
      codebase: location.codebase,
      sourceDir: location.sourceDir,
      entryFile: location.entryAbs === null ? null : relativePath(projectDir, location.entryAbs),
    });
    if (location.entryAbs === null) continue;
    try {
      await analyzeCodebase(projectDir, location, location.entryAbs, analysis);
    } catch (e) {
      // A bug in the analyzer must not hide the rest of the report: it becomes an item too.
      const at = { file: firebaseJsonFile, line: section.position.line };
      const detail = `the analyzer failed on ${location.sourceDir}: ${(e as Error).message}`;
      analysis.items.push(
        makeItem(AREA, `functions[${location.codebase}]`, at, "not-understood", detail),
      );
    }
  }
  return analysis;
}

async function analyzeCodebase(
  projectDir: string,
  location: CodebaseLocation,
  entryAbs: string,
  analysis: FunctionsAnalysis,
): Promise<void> {
  const loaded = await loadModules(projectDir, entryAbs);
  analysis.items.push(...loaded.items);
  analysis.unreadable.push(...loaded.unreadable);
  const entry = loaded.files.get(entryAbs);
  if (!entry) return;
  const graph = new ModuleGraph(loaded.files);
  const { codebase } = location;

  const uses = [...loaded.files.values()].flatMap((file) => findSdkUses(graph, file));
  const globals = globalOptions(graph, uses);
  const discovery = discoverTriggers(graph, entry, location.sdkMajor);
  for (const found of discovery.found) {
    const { reading } = found;
    if (reading.generation === 2) reading.options = withDefaults(reading.options, globals);
    const { options } = reading;
    const fn: DiscoveredFunction = {
      name: found.exportPath.join("-"),
      codebase,
      source: found.source,
      generation: reading.generation,
      firebaseTrigger: reading.firebaseTrigger,
      trigger: reading.trigger,
      exportPath: found.exportPath,
      ...(options.memoryMb === undefined ? {} : { memoryMb: options.memoryMb }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.region === undefined ? {} : { region: options.region }),
      secrets: options.secrets,
    };
    const name = fn.name;
    const undeployable = FUNCTION_NAME.test(name)
      ? options.access.join("; ")
      : `${name} is not a winky function name: rename the export`;
    if (undeployable) fn.undeployable = undeployable;
    analysis.functions.push(fn);
    analysis.items.push(functionItem(fn, reading));
  }
  for (const unresolved of discovery.unresolved) {
    analysis.items.push(unresolvedItem(codebase, unresolved));
  }

  for (const use of uses) {
    if (use.kind === "secret" && use.name !== undefined) {
      // One item per secret: a secret defined in two modules is one value on winky.
      if (analysis.secrets.some((s) => s.name === use.name)) continue;
      analysis.secrets.push({ name: use.name, source: use.source });
    } else if (use.kind === "param" && use.name !== undefined) {
      analysis.params.push({
        name: use.name,
        kind: use.paramKind ?? "string",
        source: use.source,
      });
    } else if (use.kind === "config" && use.name !== undefined) {
      analysis.configUses.push({ path: use.name, source: use.source });
    } else if (use.kind === "globalOptions") {
      analysis.items.push(globalOptionsItem(use, globals));
      continue;
    }
    analysis.items.push(useItem(use));
  }
}
