// The functions the import deploys: each one the analyzer mapped to a runtime trigger, bundled
// with the firebase-functions / firebase-admin compatibility layer into one runtime module.
// Bundling happens while reading, so an import that cannot deploy a function never starts.
import path from "node:path";
import { bundleFirebaseFunction, FirebaseBundleError } from "@winky/firebase-compat";
import type { FunctionsAnalysis, RuntimeTrigger } from "../functions/index.js";
import { makeItem, type ReportItem } from "../report.js";

/** The body of the runtime's function deploy, and its name. */
export interface FunctionDeploy {
  name: string;
  source: string;
  trigger: RuntimeTrigger;
  memoryMb?: number;
  timeoutMs?: number;
  secrets: string[];
}

/**
 * The deploys of the analysed functions, and what keeps one from deploying as it is. With
 * `bundle: false` (a report read without the folder's installed packages) only the checks run:
 * nothing is bundled and no deploy is answered.
 */
export async function prepareFunctionDeploys(
  projectDir: string,
  analysis: FunctionsAnalysis,
  { bundle = true }: { bundle?: boolean } = {},
): Promise<{ deploys: FunctionDeploy[]; blockers: ReportItem[] }> {
  const deploys: FunctionDeploy[] = [];
  const blockers: ReportItem[] = [];
  const names = new Map<string, string>();
  for (const fn of analysis.functions) {
    if (!fn.trigger) continue; // reported as not supported or needing a change; not deployed
    const codebase = analysis.codebases.find((c) => c.codebase === fn.codebase);
    if (!codebase?.entryFile) continue;
    const at = `${fn.source.file}:${fn.source.line}`;
    if (fn.undeployable) {
      // Deployed as it is, a private function would answer anyone: the author decides first.
      const detail = `${fn.name} is not deployed as it is: ${fn.undeployable}`;
      blockers.push(
        makeItem("functions", `functions.${fn.name}`, fn.source, "needs-change", detail),
      );
      continue;
    }
    const taken = names.get(fn.name);
    if (taken) {
      blockers.push(
        makeItem(
          "functions",
          `functions.${fn.name}`,
          fn.source,
          "needs-change",
          `two codebases deploy ${fn.name} (also at ${taken}): winky function names are per project; rename one`,
        ),
      );
      continue;
    }
    names.set(fn.name, at);
    if (!bundle) continue;
    try {
      const source = await bundleFirebaseFunction({
        sourceDir: path.resolve(projectDir, codebase.sourceDir),
        rootDir: projectDir,
        entryFile: path.resolve(projectDir, codebase.entryFile),
        exportPath: fn.exportPath,
        kind: fn.trigger.kind,
      });
      deploys.push({
        name: fn.name,
        source,
        trigger: fn.trigger,
        ...(fn.memoryMb !== undefined
          ? { memoryMb: Math.min(2048, Math.max(64, fn.memoryMb)) }
          : {}),
        ...(fn.timeoutMs !== undefined
          ? { timeoutMs: Math.min(540_000, Math.max(100, fn.timeoutMs)) }
          : {}),
        secrets: fn.secrets,
      });
    } catch (e) {
      if (!(e instanceof FirebaseBundleError)) throw e;
      const first = e.errors[0];
      const where = first?.file
        ? {
            file: path.join(codebase.sourceDir, first.file),
            line: first.line ?? 1,
            ...(first.column ? { column: first.column } : {}),
          }
        : fn.source;
      const detail = `${fn.name} cannot be bundled for winky: ${e.errors.map((x) => (x.file ? `${x.file}:${x.line}:${x.column}: ` : "") + x.message).join("; ") || e.message}`;
      blockers.push(makeItem("functions", `functions.${fn.name}`, where, "needs-change", detail));
    }
  }
  return { deploys, blockers };
}
