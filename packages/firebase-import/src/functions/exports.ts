// What a module exports: ES `export` forms (with re-exports from other modules and `export *`)
// here, CommonJS forms in commonjs-exports.ts. Values are computed lazily by the evaluator,
// so an export nobody asks about is never followed.
import ts from "typescript";
import type { ModuleGraph, Value } from "./evaluate.js";
import { assignModuleExports, readCommonJs } from "./commonjs-exports.js";
import { stringValue, type ModuleFile } from "./parse-source.js";

export interface ExportEntry {
  /** Where the export is written. */
  file: ModuleFile;
  node: ts.Node;
  value: (depth: number) => Value;
}

export type Exports = Map<string, ExportEntry>;

/** The key under which `module.exports = value` (not an object of exports) is kept. */
export const SINGLE_VALUE = "module.exports";
export type AddExport = (name: string, node: ts.Node, value: (depth: number) => Value) => void;

const cache = new WeakMap<ModuleFile, Exports>();
// `export *` cycles (a re-exports b, b re-exports a): a module met again while its exports
// are being listed contributes nothing the second time.
const listing = new Set<ModuleFile>();

export function exportsOf(graph: ModuleGraph, file: ModuleFile): Exports {
  const cached = cache.get(file);
  if (cached) return cached;
  if (listing.has(file)) return new Map();
  listing.add(file);
  try {
    const exports: Exports = new Map();
    const stars: ModuleFile[] = [];
    for (const statement of file.sourceFile.statements) {
      readStatement(graph, file, statement, exports, stars);
    }
    // Names a module exports itself win over `export *` (ES semantics); "default" never travels.
    for (const star of stars) {
      for (const [name, entry] of exportsOf(graph, star)) {
        if (name !== "default" && !exports.has(name)) exports.set(name, entry);
      }
    }
    cache.set(file, exports);
    return exports;
  } finally {
    listing.delete(file);
  }
}

function readStatement(
  graph: ModuleGraph,
  file: ModuleFile,
  statement: ts.Statement,
  exports: Exports,
  stars: ModuleFile[],
): void {
  const add = (name: string, node: ts.Node, value: (depth: number) => Value): void => {
    exports.set(name, { file, node, value });
  };
  const evaluate = (expr: ts.Expression) => (depth: number) => graph.evaluate(expr, file, depth);
  if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      for (const name of boundNames(declaration.name)) {
        add(name.text, declaration, (d) => graph.resolveName(file, name.text, name, d));
      }
    }
  } else if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
    hasExportModifier(statement)
  ) {
    const isDefault = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    const name = isDefault ? "default" : statement.name?.text;
    if (name) add(name, statement, () => ({ kind: "plain", file, node: statement }));
  } else if (ts.isExportAssignment(statement)) {
    // `export = x` is TypeScript's module.exports = x.
    if (statement.isExportEquals)
      assignModuleExports(graph, file, statement.expression, exports, stars);
    else add("default", statement, evaluate(statement.expression));
  } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
    readExportDeclaration(graph, file, statement, add, stars);
  } else if (ts.isExpressionStatement(statement)) {
    readCommonJs(graph, file, statement.expression, add, exports, stars);
  }
}

function readExportDeclaration(
  graph: ModuleGraph,
  file: ModuleFile,
  statement: ts.ExportDeclaration,
  add: AddExport,
  stars: ModuleFile[],
): void {
  const spec = stringValue(statement.moduleSpecifier);
  const targetPath = spec === undefined ? undefined : file.resolved.get(spec);
  const target = targetPath ? graph.files.get(targetPath) : undefined;
  const clause = statement.exportClause;
  if (spec !== undefined && !spec.startsWith(".")) return; // a package's exports are not ours
  const missing = (): Value => ({
    kind: "opaque",
    file,
    node: statement,
    reason: `${spec} could not be read`,
  });
  if (!clause) {
    if (target) stars.push(target);
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    add(clause.name.text, statement, () => (target ? { kind: "module", file: target } : missing()));
    return;
  }
  for (const element of clause.elements) {
    if (element.isTypeOnly) continue;
    const local = (element.propertyName ?? element.name).text;
    add(element.name.text, element, (d) => {
      if (spec === undefined) return graph.resolveName(file, local, element, d);
      return target ? graph.resolveExport(target, local, file, element, d) : missing();
    });
  }
}

function hasExportModifier(node: ts.HasModifiers): boolean {
  return ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

function boundNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}
