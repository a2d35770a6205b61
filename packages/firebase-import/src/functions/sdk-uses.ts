// Uses of the SDK anywhere in a codebase's modules, not only in exports: secrets and params
// declared with defineSecret/defineString…, reads of the 1st gen functions.config(), and the
// 2nd gen setGlobalOptions() whose options every 2nd gen function of the codebase gets.
import ts from "typescript";
import type { SourceRef } from "../report.js";
import type { Located } from "./constants.js";
import type { ModuleGraph } from "./evaluate.js";
import { sourceOf, stringValue, type ModuleFile } from "./parse-source.js";

export interface SdkUse {
  kind: "secret" | "param" | "config" | "globalOptions";
  /** The secret or param name (undefined when computed), or the config path "a.b". */
  name: string | undefined;
  /** For params: "string", "int", "boolean", "list", "float", "jsonSecret". */
  paramKind?: string;
  source: SourceRef;
  /** setGlobalOptions' argument. */
  argument?: Located;
}

const DEFINERS = new Set([
  "defineSecret",
  "defineJsonSecret",
  "defineString",
  "defineInt",
  "defineBoolean",
  "defineList",
  "defineFloat",
]);

export function findSdkUses(graph: ModuleGraph, file: ModuleFile): SdkUse[] {
  const uses: SdkUse[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const use = sdkUse(graph, file, node);
      if (use) uses.push(use);
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);
  return uses;
}

function sdkUse(graph: ModuleGraph, file: ModuleFile, call: ts.CallExpression): SdkUse | undefined {
  const callee = call.expression;
  const calleeName = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : undefined;
  // Cheap test first: only calls named like an SDK definer or config() are evaluated.
  const known = calleeName === "config" || calleeName === "setGlobalOptions";
  if (calleeName === undefined || (!known && !DEFINERS.has(calleeName))) {
    return undefined;
  }
  const value = graph.evaluate(callee, file);
  if (value.kind !== "sdk") return undefined;
  const names = value.segments.map((s) => s.name);
  const source = sourceOf(file, call);
  if (calleeName === "config") {
    // Only the 1st gen root's config(): functions.config() or v1's.
    const root = names[0] === "v1" ? names.slice(1) : names;
    if (root.length !== 1) return undefined;
    return { kind: "config", name: configPath(call), source };
  }
  const first = call.arguments[0];
  if (calleeName === "setGlobalOptions") {
    return {
      kind: "globalOptions",
      name: calleeName,
      source,
      ...(first ? { argument: { expr: first, file } } : {}),
    };
  }
  const name = stringValue(first);
  if (calleeName === "defineSecret" || calleeName === "defineJsonSecret")
    return { kind: "secret", name, source };
  const paramKind = calleeName.slice("define".length);
  return {
    kind: "param",
    name,
    paramKind: paramKind.charAt(0).toLowerCase() + paramKind.slice(1),
    source,
  };
}

/** `functions.config().stripe.key` → "stripe.key": the property reads right after the call. */
function configPath(call: ts.CallExpression): string {
  const keys: string[] = [];
  let node: ts.Node = call;
  for (;;) {
    const parent: ts.Node = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
      keys.push(parent.name.text);
    } else if (ts.isElementAccessExpression(parent) && parent.expression === node) {
      const key = stringValue(parent.argumentExpression);
      if (key === undefined) break;
      keys.push(key);
    } else break;
    node = parent;
  }
  return keys.join(".");
}
